using GoMirror.Build.Tasks;
using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Testing;
using Microsoft.Build.Execution;

namespace GoMirror.Build.Tests.Targets;

/// <summary>The MSBuild host's routes and policy file: GoMirrorRoute items join GoMirrorRoutes on their way to the engine,
/// and gomirror.json is found above the project (as global.json is), else none.</summary>
[Collection(MSBuildCollection.Name)]
public sealed class RoutingTargetsTests
{
    [Fact]
    public void GoMirrorRoute_items_reach_the_engine_with_GoMirrorRoutes_and_choose_each_paths_proxies()
    {
        using var temp = new TempDirectory();
        var options = Collect(temp, """
            <PropertyGroup><GoMirrorRoutes>example.com/tool=https://tools.corp.example</GoMirrorRoutes></PropertyGroup>
            <ItemGroup>
              <GoMirrorRoute Include="git.corp.example/%2A" Proxy="https://athens.corp.example|https://backup.corp.example,direct" />
              <GoMirrorRoute Include="team" Pattern="git.corp.example/team/*" Proxy="https://team.corp.example" />
              <GoMirrorRoute Include="example.com/cli" Proxy="https://tools.corp.example" />
            </ItemGroup>
            """);

        Assert.Equal("example.com/tool=https://tools.corp.example;git.corp.example/*=https://athens.corp.example|https://backup.corp.example,direct;example.com/cli=https://tools.corp.example;git.corp.example/team/*=https://team.corp.example", options.Routes);
        var policy = GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string> { ["HOME"] = temp.Path, ["GOENV"] = "off" }), options);
        Assert.False(policy.HasErrors, string.Join("\n", policy.Diagnostics));
        Assert.Equal(
            [
                KeyValuePair.Create("example.com/cli", "https://tools.corp.example"),
                KeyValuePair.Create("example.com/tool", "https://tools.corp.example"),
                KeyValuePair.Create("git.corp.example/*", "https://athens.corp.example|https://backup.corp.example,direct"),
                KeyValuePair.Create("git.corp.example/team/*", "https://team.corp.example"),
            ],
            policy.Routes);
    }

    [Fact]
    public void The_policy_file_is_the_nearest_gomirror_json_above_the_project_else_none()
    {
        using var temp = new TempDirectory();
        Assert.Equal("none", Collect(temp, string.Empty, "src/one").PolicyFile);

        // Each project in its own folder: MSBuild keeps a project file it loaded once.
        File.WriteAllText(temp.Combine("gomirror.json"), "{}");
        Assert.Equal(temp.Combine("gomirror.json"), Collect(temp, string.Empty, "src/two").PolicyFile);
        Assert.Equal("/elsewhere/gomirror.json", Collect(temp, "<PropertyGroup><GoMirrorPolicyFile>/elsewhere/gomirror.json</GoMirrorPolicyFile></PropertyGroup>", "src/three").PolicyFile);
    }

    private static GoMirrorOptions Collect(TempDirectory temp, string body, string folder = "app")
    {
        var project = Path.Combine(temp.Combine(folder.Split('/')), "app.proj");
        Directory.CreateDirectory(Path.GetDirectoryName(project)!);
        File.WriteAllText(project, $"""<Project>{body}<Import Project="{RepositoryRoot.Combine("src", "GoMirror.Build", "build", "GoMirror.Settings.targets")}" /></Project>""");
        var instance = new ProjectInstance(project);
        Assert.True(instance.Build("_GoMirrorCollectSettings", loggers: null));
        var log = new Log();
        var options = new GoMirrorPrewarm { Settings = [.. instance.GetItems("_GoMirrorSetting")] }.CreateOptions(log);
        Assert.Empty(log.Diagnostics);
        return options!;
    }

    private sealed class Log : IGoMirrorLog
    {
        public List<Diagnostic> Diagnostics { get; } = [];

        public void Message(GoMirrorLogLevel level, string text)
        {
        }

        public void Diagnostic(Diagnostic diagnostic) => Diagnostics.Add(diagnostic);
    }
}
