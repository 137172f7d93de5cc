using GoMirror.Build.Logging;
using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Testing;

namespace GoMirror.Build.Tests.Targets;

/// <summary>
/// A policy warning names the file and line, global property or environment variable that set its setting, and
/// finding that out costs at most one evaluation of the project, none for a global property.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class PropertyOriginTests(PackageFeed feed) : IDisposable
{
    private readonly TempDirectory _cache = new("gomirror-modcache");

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void A_global_property_is_named_without_evaluating_the_project_again()
    {
        using var folder = new TempDirectory("gomirror-origin");
        var project = WriteProject(folder, "<Project />");
        using var evaluations = new BuildEvaluations();
        var origins = new PropertyOrigin(project, Globals(("GoMirrorSumDb", "off")), Globals(("GoMirrorSumDb", "off")), evaluations);

        var origin = origins.Find("GoMirrorSumDb");

        Assert.Equal("global property GoMirrorSumDb (-p:GoMirrorSumDb=...)", origin?.Description);
        Assert.Null(origin?.File);
        Assert.Equal(0, origins.Evaluations);
    }

    [Fact]
    public void A_global_property_the_project_overrides_is_traced_to_the_line_and_one_evaluation_serves_every_property()
    {
        using var folder = new TempDirectory("gomirror-origin");
        var project = WriteProject(folder, """
            <Project TreatAsLocalProperty="GoMirrorSumDb">
              <PropertyGroup>
                <GoMirrorSumDb>off</GoMirrorSumDb>
                <GoMirrorProxy>http://mirror.corp.example/go</GoMirrorProxy>
              </PropertyGroup>
            </Project>
            """);
        // -p:GoMirrorSumDb=sum.golang.org, but TreatAsLocalProperty lets the project's own 'off' win: the task saw 'off'.
        using var evaluations = new BuildEvaluations();
        var origins = new PropertyOrigin(
            project,
            Globals(("GoMirrorSumDb", "sum.golang.org")),
            Globals(("GoMirrorSumDb", "off"), ("GoMirrorProxy", "http://mirror.corp.example/go")),
            evaluations);

        var sumDb = origins.Find("GoMirrorSumDb");
        var proxy = origins.Find("GoMirrorProxy");

        Assert.Equal((project, 3), (sumDb?.File, sumDb?.Line));
        Assert.Equal((project, 4), (proxy?.File, proxy?.Line));
        Assert.Equal(1, origins.Evaluations);
    }

    [Fact]
    public void One_build_shares_its_evaluations_and_each_project_keeps_its_own_origins()
    {
        using var folder = new TempDirectory("gomirror-origin");
        File.WriteAllText(folder.Combine("shared.props"), """
            <Project>
              <PropertyGroup>
                <GoMirrorProxy Condition="'$(Flavor)' == 'a'">http://a.corp.example/go</GoMirrorProxy>
                <GoMirrorProxy Condition="'$(Flavor)' != 'a'">http://b.corp.example/go</GoMirrorProxy>
              </PropertyGroup>
            </Project>
            """);
        var first = folder.Combine("first.proj");
        File.WriteAllText(first, """<Project><Import Project="shared.props" /></Project>""");
        var second = folder.Combine("second.proj");
        File.WriteAllText(second, """
            <Project>
              <Import Project="shared.props" />
              <PropertyGroup>
                <GoMirrorSumDb>off</GoMirrorSumDb>
              </PropertyGroup>
            </Project>
            """);
        using var evaluations = new BuildEvaluations();

        // The same build evaluates both projects, each with its own global properties.
        var a = new PropertyOrigin(first, Globals(("Flavor", "a")), Globals(("GoMirrorProxy", "http://a.corp.example/go")), evaluations);
        var b = new PropertyOrigin(second, Globals(("Flavor", "b")), Globals(("GoMirrorProxy", "http://b.corp.example/go"), ("GoMirrorSumDb", "off")), evaluations);

        Assert.Equal((folder.Combine("shared.props"), 3), (a.Find("GoMirrorProxy")?.File, a.Find("GoMirrorProxy")?.Line));
        Assert.Equal((folder.Combine("shared.props"), 4), (b.Find("GoMirrorProxy")?.File, b.Find("GoMirrorProxy")?.Line));
        Assert.Equal((second, 4), (b.Find("GoMirrorSumDb")?.File, b.Find("GoMirrorSumDb")?.Line));
        Assert.Null(a.Find("GoMirrorSumDb"));
        Assert.Equal((1, 1), (a.Evaluations, b.Evaluations));
    }

    [Fact]
    public void Warnings_from_a_props_file_and_from_a_global_property_each_name_their_origin()
    {
        using var consumer = new ConsumerProject(feed,
            directoryBuildProps: "    <GoMirrorProxy>http://mirror.corp.example/go</GoMirrorProxy>",
            projectBody: ConsumerProject.AgentGoModule);
        Directory.CreateDirectory(consumer.Combine("go", "agent"));
        File.WriteAllText(consumer.Combine("go", "agent", "go.mod"), "module example.com/consumer/agent\n\ngo 1.19\n");

        var result = InProcBuild.Run(consumer.ProjectFile, "GoMirrorCheckPolicy", new Dictionary<string, string>
        {
            ["GoMirrorModCache"] = _cache.Combine("modcache"),
            ["GoMirrorSumDb"] = "off",
        });

        Assert.True(result.Succeeded, result.Log);
        var plainHttp = Assert.Single(result.Warnings, w => w.Code == "GOMIRROR0005");
        Assert.Equal((consumer.Combine("Directory.Build.props"), 3), (plainHttp.File, plainHttp.LineNumber));
        var sumDbOff = Assert.Single(result.Warnings, w => w.Code == "GOMIRROR0006");
        Assert.Contains("(set by global property GoMirrorSumDb (-p:GoMirrorSumDb=...))", sumDbOff.Message, StringComparison.Ordinal);
    }

    private static string WriteProject(TempDirectory folder, string xml)
    {
        var path = folder.Combine("origin.proj");
        File.WriteAllText(path, xml);
        return path;
    }

    private static Dictionary<string, string> Globals(params (string Name, string Value)[] properties) =>
        properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);
}
