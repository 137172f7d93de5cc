using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Testing;

namespace GoMirror.Build.Tests.Targets;

/// <summary>
/// Real builds of consumer projects against the freshly packed package, with a module proxy served on
/// 127.0.0.1 and Go as the oracle for the module cache the build leaves behind.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class BuildIntegrationTests(PackageFeed feed) : IDisposable
{
    private readonly TempDirectory _cache = new("gomirror-modcache");

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task First_build_prewarms_and_downloads_second_build_does_nothing()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);
        var properties = Properties(component, server.Url);

        var first = InProcBuild.Run(consumer.ProjectFile, properties: properties);

        Assert.True(first.Succeeded, first.Log);
        // Only the warnings this test asks for: a plain-http proxy (0005) and GOSUMDB=off (0006).
        Assert.DoesNotContain(first.Warnings, w => w.Code?.StartsWith("GOMIRROR", StringComparison.Ordinal) == true && w.Code is not ("GOMIRROR0005" or "GOMIRROR0006"));
        // Each once: the project's policy check shows them, the work project (which resolves the same policy)
        // leaves out findings of the policy category.
        Assert.Single(first.Warnings, w => w.Code == "GOMIRROR0005");
        Assert.Single(first.Warnings, w => w.Code == "GOMIRROR0006");
        Assert.NotEmpty(server.RequestsMatching("*.zip"));
        Assert.True(component.Invocations > 0, "the first build should run go mod download");
        var report = Directory.GetFiles(consumer.Combine("artifacts", "gomirror"), "gomirror-report.json", SearchOption.AllDirectories);
        Assert.Single(report);
        var reportText = File.ReadAllText(report[0]);
        Assert.Contains("\"fingerprint\"", reportText, StringComparison.Ordinal);
        foreach (var (path, version) in GoComponent.Requirements)
        {
            Assert.Contains($"\"{path}\"", reportText, StringComparison.Ordinal);
            Assert.Contains($"\"{version}\"", reportText, StringComparison.Ordinal);
        }

        // Go accepts what the build left in the cache, with no network.
        GoToolchain.Run(component.Directory, OfflineGo(), "mod", "download").AssertSuccess();
        GoToolchain.Run(component.Directory, OfflineGo(), "mod", "verify").AssertSuccess();

        server.ClearRequests();
        var invocationsBefore = component.Invocations;
        var second = InProcBuild.Run(consumer.ProjectFile, properties: properties);

        Assert.True(second.Succeeded, second.Log);
        Assert.Empty(server.Requests);
        Assert.Equal(invocationsBefore, component.Invocations);
        Assert.Contains(second.Messages, m => m.Contains("skipped", StringComparison.OrdinalIgnoreCase) && m.Contains("up to date", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Policy_error_fails_the_build_with_its_code_and_the_file_that_set_it()
    {
        using var consumer = new ConsumerProject(feed,
            directoryBuildProps: "    <GoMirrorProxy>ftp://mirror.corp.example/go</GoMirrorProxy>",
            projectBody: ConsumerProject.AgentGoModule);
        Directory.CreateDirectory(consumer.Combine("go", "agent"));
        File.WriteAllText(consumer.Combine("go", "agent", "go.mod"), "module example.com/consumer/agent\n\ngo 1.19\n");

        var result = InProcBuild.Run(consumer.ProjectFile, properties: new Dictionary<string, string> { ["GoMirrorModCache"] = _cache.Combine("modcache") });

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors, e => e.Code == "GOMIRROR0002");
        Assert.Equal(consumer.Combine("Directory.Build.props"), error.File);
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("docs/errors/GOMIRROR0002.md", error.HelpLink, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_mismatch_fails_with_its_code_and_the_go_sum_line()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        var lines = File.ReadAllLines(component.GoSum);
        var index = Array.FindIndex(lines, l => l.StartsWith("example.com/Acme/Colors v1.2.0 h1:", StringComparison.Ordinal));
        lines[index] = "example.com/Acme/Colors v1.2.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        File.WriteAllLines(component.GoSum, lines);
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);

        var result = InProcBuild.Run(consumer.ProjectFile, properties: Properties(component, server.Url));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors, e => e.File == component.GoSum);
        Assert.StartsWith("GOMIRROR", error.Code, StringComparison.Ordinal);
        Assert.Equal(index + 1, error.LineNumber);
        Assert.Contains("example.com/Acme/Colors", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cache.Combine("modcache", "example.com", "!acme", "!colors@v1.2.0")), "a module whose hash did not match must not be extracted");
    }

    [Fact]
    public async Task Multi_targeting_project_does_the_work_once()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed, targetFrameworks: "net10.0;netstandard2.0", projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);

        var result = InProcBuild.Run(consumer.ProjectFile, properties: Properties(component, server.Url));

        Assert.True(result.Succeeded, result.Log);
        foreach (var (path, version) in GoComponent.Requirements)
        {
            var escaped = GoMirror.Core.Modules.ModuleEscaping.Escape(path);
            Assert.Single(server.Requests, r => r.Path.EndsWith($"{escaped}/@v/{version}.zip", StringComparison.Ordinal));
        }

        Assert.Single(result.Messages, m => m.StartsWith("GoMirror: report ", StringComparison.Ordinal));
    }

    private Dictionary<string, string> Properties(GoComponent component, string proxyUrl) => new()
    {
        ["GoMirrorProxy"] = proxyUrl,
        ["GoMirrorSumDb"] = "off",
        ["GoMirrorModCache"] = _cache.Combine("modcache"),
        ["GoExecutable"] = component.GoWrapper,
    };

    private Dictionary<string, string> OfflineGo() => new()
    {
        ["GOPROXY"] = "off",
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = "-mod=mod",
        ["GOMODCACHE"] = _cache.Combine("modcache"),
        ["GOPATH"] = _cache.Combine("gopath"),
    };
}
