using System.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Proxy;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Proxy;

/// <summary>A whole pre-warm through the engine with a hanging first mirror: under '|' it costs seconds and Go
/// accepts the cache offline afterwards; under ',' it fails as Go fails. The go command with the same GOPROXY is
/// the oracle of which must happen; Go itself waits on a hanging proxy as long as the connection lives, so its
/// runs get a mirror that holds each request and then drops it.</summary>
public class FailoverPrewarmTests
{
    private const int Modules = 6;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hanging_first_mirror_before_a_pipe_costs_seconds_and_go_accepts_the_cache()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var modules = Enumerable.Range(0, Modules).Select(i => scenario.Module("example.com/failover/m" + i)).ToArray();
        var goMod = scenario.Component("app", modules);
        await using var hang = await TestProxyServer.StartAsync(new ModuleProxyFolder(scenario.Temp.Combine("hang")), "/hang", cancellationToken: Token);
        hang.AddFault(TestProxyFault.Hang("*"));
        var log = new RecordingLog();

        // The production client: 30 s first-byte timeout, 2 s default hedge delay, breaker after 5.
        using var engine = new GoMirrorEngine(scenario.Options(hang.Url + "|" + scenario.Server.Url, goMod) with { ProxyClient = new GoProxyClientOptions() }, log);
        var clock = Stopwatch.StartNew();

        var result = await engine.PrewarmAsync(Token);

        Assert.True(result.Succeeded, log.Text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the pre-warm took {clock.Elapsed} with a hanging first mirror");
        var opened = Assert.Single(log.Diagnostics, d => d.Descriptor == ProxyDiagnostics.ProxyCircuitOpened);
        Assert.Contains(hang.Url, opened.Message, StringComparison.Ordinal);
        Assert.Single(log.Diagnostics, d => d.Descriptor == ProxyDiagnostics.ProxyHedged);
        Assert.DoesNotContain(log.Diagnostics, d => d.IsError);
        Assert.Equal(Modules, scenario.Server.RequestsMatching("*.zip").Count);
        Assert.True(hang.Requests.Count <= 3 * Modules, $"{hang.Requests.Count} requests reached the hanging mirror");

        // Go accepts what the failover pre-warm wrote, with no network at all.
        scenario.AssertGoAcceptsOffline(goMod);

        // Oracle: Go, with the same list and a mirror that fails each request, succeeds too.
        await using var dropping = await TestProxyServer.StartAsync(new ModuleProxyFolder(scenario.Temp.Combine("drop")), "/drop", cancellationToken: Token);
        dropping.AddFault(TestProxyFault.Reset("*", after: TimeSpan.FromMilliseconds(200)));
        var go = GoToolchain.Run(Path.GetDirectoryName(goMod)!, scenario.GoEnvironment(dropping.Url + "|" + scenario.Server.Url, scenario.Temp.Combine("go-cache-pipe")), "mod", "download");
        Assert.True(go.ExitCode == 0, $"go exited {go.ExitCode}:\n{go.Stderr}");
    }

    [Fact]
    public async Task A_hanging_first_mirror_before_a_comma_fails_the_prewarm_as_go_fails()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var modules = Enumerable.Range(0, Modules).Select(i => scenario.Module("example.com/failover/c" + i)).ToArray();
        var goMod = scenario.Component("app", modules);
        await using var hang = await TestProxyServer.StartAsync(new ModuleProxyFolder(scenario.Temp.Combine("hang")), "/hang", cancellationToken: Token);
        hang.AddFault(TestProxyFault.Hang("*"));
        var log = new RecordingLog();

        // The tests' client: a 1 s first-byte timeout, so the failure comes quickly.
        using var engine = new GoMirrorEngine(scenario.Options(hang.Url + "," + scenario.Server.Url, goMod), log);
        var clock = Stopwatch.StartNew();

        var result = await engine.PrewarmAsync(Token);

        Assert.False(result.Succeeded);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Empty(scenario.Server.Requests);
        Assert.All(result.Diagnostics.Where(d => d.IsError), d => Assert.Equal(ProxyDiagnostics.ProxyFirstByteTimeout, d.Descriptor));
        Assert.Equal(Modules, result.Diagnostics.Count(d => d.IsError));
        Assert.Single(log.Diagnostics, d => d.Descriptor == ProxyDiagnostics.ProxyCircuitOpened);
        Assert.False(scenario.GoFindsOffline(modules[0]));

        await using var dropping = await TestProxyServer.StartAsync(new ModuleProxyFolder(scenario.Temp.Combine("drop")), "/drop", cancellationToken: Token);
        dropping.AddFault(TestProxyFault.Reset("*", after: TimeSpan.FromMilliseconds(200)));
        var go = GoToolchain.Run(Path.GetDirectoryName(goMod)!, scenario.GoEnvironment(dropping.Url + "," + scenario.Server.Url, scenario.Temp.Combine("go-cache-comma")), "mod", "download");
        Assert.NotEqual(0, go.ExitCode);
        Assert.Empty(scenario.Server.Requests);
    }

    [Fact]
    public async Task With_failover_off_every_request_asks_each_entry_in_turn_as_go_does()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var modules = Enumerable.Range(0, Modules).Select(i => scenario.Module("example.com/failover/off" + i)).ToArray();
        var goMod = scenario.Component("app", modules);
        await using var broken = await TestProxyServer.StartAsync(new ModuleProxyFolder(scenario.Temp.Combine("broken")), "/broken", cancellationToken: Token);
        broken.AddFault(TestProxyFault.Status("*", 500));
        var log = new RecordingLog();

        // No retries, so each request the walk makes is one request the broken mirror sees.
        var client = PrewarmScenario.FastClient with { MaxRetries = 0 };
        using var engine = new GoMirrorEngine(scenario.Options(broken.Url + "|" + scenario.Server.Url, goMod) with { ProxyClient = client, Failover = false }, log);

        var result = await engine.PrewarmAsync(Token);

        Assert.True(result.Succeeded, log.Text);
        Assert.DoesNotContain(log.Diagnostics, d => d.Descriptor == ProxyDiagnostics.ProxyCircuitOpened || d.Descriptor == ProxyDiagnostics.ProxyHedged);
        // Every zip the good mirror served was asked of the broken one first: no breaker cut the walk short
        // (with failover on, it opens after 5 and the rest go straight to the second entry).
        Assert.Equal(Modules, scenario.Server.RequestsMatching("*.zip").Count);
        Assert.Equal(Modules, broken.RequestsMatching("*.zip").Count);
        scenario.AssertGoAcceptsOffline(goMod);
    }
}
