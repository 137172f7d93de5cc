using GoMirror.Core.Engine;
using GoMirror.Core.GoMod;
using GoMirror.Core.Prewarm;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Prewarm;

/// <summary>
/// After a pre-warm through an HTTP proxy, the real go command finds everything offline and verifies it, for
/// modules with awkward shapes; versions shared by components are fetched once.
/// </summary>
public class PrewarmGoOracleTests
{
    [Theory]
    [EveryGo]
    public async Task Go_downloads_and_verifies_awkward_modules_offline_after_a_prewarm(string go)
    {
        using var selected = GoVersions.Use(go);
        await using var scenario = await PrewarmScenario.StartAsync();
        var modules = AwkwardModules.All().Select(spec => AwkwardModules.AddTo(scenario.Proxy, spec)).ToArray();

        // Two components that share one module version: it must be fetched once.
        var first = scenario.Component("tools/agent", modules[..4]);
        var second = scenario.Component("tools/cli", modules[3..]);
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, first, second), log);

        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, log.Text);
        Assert.False(result.Skipped);
        foreach (var module in modules)
        {
            Assert.True(scenario.Cache.IsExtracted(module.Path, module.Version), module.Path);
        }

        var zips = scenario.Server.RequestsMatching("*.zip");
        Assert.Equal(modules.Length, zips.Count);
        Assert.All(zips.GroupBy(r => r.Path), g => Assert.Single(g));
        Assert.Equal(modules.Length, scenario.Server.RequestsMatching("*.mod").Count);
        Assert.Equal(modules.Length, scenario.Server.RequestsMatching("*.info").Count);
        Assert.Empty(scenario.Server.RequestsMatching("*/list"));

        scenario.AssertGoAcceptsOffline(first);
        scenario.AssertGoAcceptsOffline(second);
        Assert.Contains(log.Messages, m => m.Contains($"{modules.Length} downloaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_prewarm_finds_every_version_in_the_cache_and_sends_nothing()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var modules = new[] { scenario.Module("example.com/a"), scenario.Module("example.com/b", "v1.2.0") };
        var goMod = scenario.Component("app", modules);
        var options = scenario.Options(scenario.Server.Url, goMod);
        var plan = PrewarmPlan.Create([LoadComponent(goMod)], GoMirror.Core.Policy.GoMirrorPolicy.Resolve(options.Host!));
        using var client = new GoMirror.Core.Proxy.GoProxyClient(PrewarmScenario.FastClient);
        var prewarmer = new ModulePrewarmer(GoMirror.Core.Policy.GoMirrorPolicy.Resolve(options.Host!), scenario.Cache, client);

        var downloaded = await prewarmer.RunAsync(plan, TestContext.Current.CancellationToken);
        scenario.Server.ClearRequests();
        var again = await prewarmer.RunAsync(plan, TestContext.Current.CancellationToken);

        Assert.Equal(2, downloaded.Downloaded);
        Assert.Equal(2, again.CacheHits);
        Assert.All(again.Modules, m => Assert.Equal(m.Module.Path == "example.com/a" ? downloaded.Modules[0].ZipHash : downloaded.Modules[1].ZipHash, m.ZipHash));
        Assert.Empty(scenario.Server.Requests);
        scenario.AssertGoAcceptsOffline(goMod);
    }

    private static GoComponent LoadComponent(string goMod)
    {
        var diagnostics = new GoMirror.Core.Diagnostics.DiagnosticBag();
        var component = GoComponent.Load(goMod, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.ToList()));
        return component!;
    }
}
