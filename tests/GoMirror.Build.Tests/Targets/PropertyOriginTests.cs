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
        var origins = new PropertyOrigin(project, Globals(("GoMirrorSumDb", "off")), Globals(("GoMirrorSumDb", "off")));

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
        var origins = new PropertyOrigin(
            project,
            Globals(("GoMirrorSumDb", "sum.golang.org")),
            Globals(("GoMirrorSumDb", "off"), ("GoMirrorProxy", "http://mirror.corp.example/go")));

        var sumDb = origins.Find("GoMirrorSumDb");
        var proxy = origins.Find("GoMirrorProxy");

        Assert.Equal((project, 3), (sumDb?.File, sumDb?.Line));
        Assert.Equal((project, 4), (proxy?.File, proxy?.Line));
        Assert.Equal(1, origins.Evaluations);
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
