using System.Text.Json;
using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Testing;

namespace GoMirror.Build.Tests.Targets;

/// <summary><c>dotnet build -t:GoMirrorProbe</c> through the packed package: the mirrors of GoMirrorProbeProxies are
/// measured with the component's go.sum, the files land in the report folder, and nothing is built or downloaded.</summary>
[Collection(MSBuildCollection.Name)]
public sealed class ProbeTargetTests(PackageFeed feed) : IDisposable
{
    private readonly TempDirectory _cache = new("gomirror-modcache");

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task The_probe_target_ranks_the_mirrors_of_GoMirrorProbeProxies_and_runs_no_go()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        var ct = TestContext.Current.CancellationToken;
        await using var fast = await TestProxyServer.StartAsync(component.Proxy, "/fast", cancellationToken: ct);
        await using var slow = await TestProxyServer.StartAsync(component.Proxy, "/slow", cancellationToken: ct);
        slow.Latency = TimeSpan.FromMilliseconds(120);

        var result = InProcBuild.Run(consumer.ProjectFile, target: "GoMirrorProbe", properties: new Dictionary<string, string>
        {
            ["GoMirrorProbeProxies"] = $"{slow.Url};{fast.Url}",
            ["GoMirrorSumDb"] = "off",
            ["GoMirrorModCache"] = _cache.Combine("modcache"),
            ["GoExecutable"] = component.GoWrapper,
        });

        Assert.True(result.Succeeded, result.Log);
        var probeFile = Assert.Single(Directory.GetFiles(consumer.Combine("artifacts", "gomirror"), "gomirror-probe.json", SearchOption.AllDirectories));
        Assert.Single(Directory.GetFiles(consumer.Combine("artifacts", "gomirror"), "gomirror-probe.md", SearchOption.AllDirectories));
        using var json = JsonDocument.Parse(File.ReadAllText(probeFile));
        var ranks = json.RootElement.GetProperty("mirrors").EnumerateArray().ToDictionary(m => m.GetProperty("url").GetString()!, m => m.GetProperty("rank").GetInt32());
        Assert.Equal(1, ranks[fast.Url]);
        Assert.Equal(2, ranks[slow.Url]);
        Assert.StartsWith($"{fast.Url}|{slow.Url}", json.RootElement.GetProperty("suggestedProxy").GetString(), StringComparison.Ordinal);
        Assert.Contains(result.Messages, m => m.StartsWith("GoMirror: probe wrote ", StringComparison.Ordinal));
        Assert.Equal(0, component.Invocations);
        Assert.False(Directory.Exists(_cache.Combine("modcache", "example.com")), "a probe measures; it must not fill the module cache");
    }
}
