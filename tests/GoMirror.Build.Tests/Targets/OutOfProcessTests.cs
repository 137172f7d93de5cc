using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Testing;

namespace GoMirror.Build.Tests.Targets;

/// <summary>
/// `dotnet build` as users run it: out of process, with MSBuild node reuse on, across a package update.
/// A reused node keeps the old task assembly loaded; the package must still build with the new one.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class OutOfProcessTests(PackageFeed feed) : IDisposable
{
    private readonly TempDirectory _cache = new("gomirror-modcache");

    public void Dispose()
    {
        // Reused nodes outlive the build by design; stop them so they hold nothing of this test.
        ChildProcess.Dotnet(Path.GetTempPath(), ["build-server", "shutdown", "--msbuild"]);
        _cache.Dispose();
    }

    [Fact]
    public async Task A_package_update_under_node_reuse_builds_with_the_new_task_assembly()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);
        string[] properties = ["-p:GoMirrorProxy=" + server.Url, "-p:GoMirrorSumDb=off", "-p:GoMirrorModCache=" + _cache.Combine("modcache")];

        var first = ChildProcess.Dotnet(consumer.Root, ["build", consumer.ProjectFile, "-nr:true", "-m:2", "-v:n", .. properties]);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("GoMirror: report ", first.Output, StringComparison.Ordinal);

        var updated = feed.Version + ".1";
        ChildProcess.Pack(PackageFeed.Project, updated, feed.Directory);
        File.WriteAllText(consumer.ProjectFile, File.ReadAllText(consumer.ProjectFile).Replace($"Version=\"{feed.Version}\"", $"Version=\"{updated}\"", StringComparison.Ordinal));

        var second = ChildProcess.Dotnet(consumer.Root, ["build", consumer.ProjectFile, "-nr:true", "-m:2", "-v:d", .. properties]);

        Assert.True(second.ExitCode == 0, second.Output);
        var taskLoads = second.Output.Split('\n').Where(l => l.Contains("GoMirror.Build.dll", StringComparison.Ordinal) && l.Contains("Using \"GoMirror", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(taskLoads);
        Assert.All(taskLoads, l => Assert.Contains("gomirror.build/" + updated + "/", l, StringComparison.Ordinal));
    }
}
