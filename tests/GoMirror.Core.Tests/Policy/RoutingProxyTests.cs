using System.Text.Json;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

/// <summary>
/// Routes against three proxies on 127.0.0.1 that serve the same modules, so only their request logs tell which one
/// a path went to: each routed path reaches its route only (pre-warm and go mod download both), private paths reach no
/// proxy at all, and Go accepts the routed pre-warm's cache offline.
/// </summary>
public sealed class RoutingProxyTests
{
    [Fact]
    public async Task Each_path_goes_to_its_route_only_and_go_mod_download_takes_routed_modules_from_the_warmed_cache()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        await using var corp = await TestProxyServer.StartAsync(scenario.Proxy, "/corp", cancellationToken: TestContext.Current.CancellationToken);
        await using var team = await TestProxyServer.StartAsync(scenario.Proxy, "/team", cancellationToken: TestContext.Current.CancellationToken);
        var open = scenario.Module("example.com/public");
        var lib = scenario.Module("git.corp.example/lib");
        var svc = scenario.Module("git.corp.example/team/svc");
        var tool = scenario.Module("git.corp.example/tool");
        var goMod = scenario.Component("app", open, lib, svc, tool);
        var options = scenario.Options(scenario.Server.Url, goMod) with
        {
            PolicyFile = "none",
            Routes = $"git.corp.example/*={corp.Url};git.corp.example/team/*={team.Url};git.corp.example/tool={team.Url}",
        };
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(options, log);

        var result = await engine.RunAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, log.Text);
        Assert.Equal(["example.com/public"], Paths(scenario.Server));
        Assert.Equal(["git.corp.example/lib"], Paths(corp));
        Assert.Equal(["git.corp.example/team/svc", "git.corp.example/tool"], Paths(team));
        Assert.Contains(corp.Requests, r => r.Path.EndsWith("/git.corp.example/lib/@v/v1.0.0.zip", StringComparison.Ordinal));

        // The report says which route served each module, and lists the routes with the policy.
        using var report = JsonDocument.Parse(File.ReadAllText(result.ReportFile!));
        var modules = report.RootElement.GetProperty("reproducible").GetProperty("components")[0].GetProperty("modules").EnumerateArray()
            .ToDictionary(m => m.GetProperty("path").GetString()!, m => m.TryGetProperty("route", out var route) ? route.GetString() : null);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["example.com/public"] = null,
                ["git.corp.example/lib"] = "git.corp.example/*",
                ["git.corp.example/team/svc"] = "git.corp.example/team/*",
                ["git.corp.example/tool"] = "git.corp.example/tool",
            },
            modules);
        Assert.Contains(report.RootElement.GetProperty("reproducible").GetProperty("policy").EnumerateArray(),
            s => s.GetProperty("name").GetString() == "GoMirrorRoute git.corp.example/*" && s.GetProperty("value").GetString() == corp.Url);

        // Go is the oracle: the cache the routes filled is complete and verifies with no network.
        scenario.AssertGoAcceptsOffline(goMod);
    }

    [Fact]
    public async Task A_private_path_under_a_route_reaches_no_proxy()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        await using var corp = await TestProxyServer.StartAsync(scenario.Proxy, "/corp", cancellationToken: TestContext.Current.CancellationToken);
        var secret = scenario.Module("git.corp.example/secret/lib");
        var lib = scenario.Module("git.corp.example/lib");
        var goMod = scenario.Component("app", secret, lib);
        var options = scenario.OptionsWith(scenario.Server.Url, new Dictionary<string, string> { ["GOPRIVATE"] = "git.corp.example/secret" }, goMod) with
        {
            PolicyFile = "none",
            Routes = $"git.corp.example/*={corp.Url}",
        };
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(options, log);

        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, log.Text);
        Assert.DoesNotContain(scenario.Server.Requests.Concat(corp.Requests), r => r.RawTarget.Contains("secret", StringComparison.Ordinal));
        Assert.Equal(["git.corp.example/lib"], Paths(corp));
        Assert.Empty(scenario.Server.Requests);
        Assert.Contains(result.Diagnostics, d => d.Code == "GOMIRROR0550" && d.Message.Contains("git.corp.example/secret/lib", StringComparison.Ordinal));
        Assert.True(scenario.GoFindsOffline(lib));
        Assert.False(scenario.GoFindsOffline(secret));
    }

    [Fact]
    public async Task Go_mod_download_does_not_run_while_a_routed_version_is_missing_from_the_cache()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        await using var corp = await TestProxyServer.StartAsync(scenario.Proxy, "/corp", cancellationToken: TestContext.Current.CancellationToken);
        var lib = scenario.Module("git.corp.example/lib");
        var goMod = scenario.Component("app", scenario.Module("example.com/public"), lib);
        var options = scenario.Options(scenario.Server.Url, goMod) with { PolicyFile = "none", Routes = $"git.corp.example/*={corp.Url}" };
        using var engine = new GoMirrorEngine(options, new RecordingLog());

        // No pre-warm: the go command would ask GOPROXY, not the route, for git.corp.example/lib.
        var download = await engine.DownloadAsync(TestContext.Current.CancellationToken);

        Assert.False(download.Succeeded);
        var error = Assert.Single(download.Diagnostics, d => d.IsError);
        Assert.Equal(PolicyDiagnostics.RoutedModuleNotWarmed.Code, error.Code);
        Assert.Contains("git.corp.example/lib@v1.0.0", error.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(goMod)!, "go.sum"), error.Location!.File);
        Assert.Empty(scenario.Server.Requests);
        Assert.Empty(corp.Requests);

        // After the pre-warm it runs, and the go command still asks GOPROXY nothing about the routed path.
        Assert.True((await engine.PrewarmAsync(TestContext.Current.CancellationToken)).Succeeded);
        scenario.Server.ClearRequests();
        corp.ClearRequests();
        Assert.True((await engine.DownloadAsync(TestContext.Current.CancellationToken)).Succeeded);
        Assert.DoesNotContain(scenario.Server.Requests, r => r.Path.Contains("git.corp.example", StringComparison.Ordinal));
        Assert.Empty(corp.Requests);
    }

    // The module paths a proxy was asked about, from its request log (paths are below the proxy's base path).
    private static List<string> Paths(TestProxyServer server) =>
        [.. server.Requests.Select(r => r.Path.TrimStart('/'))
            .Where(p => p.Contains("/@v/", StringComparison.Ordinal))
            .Select(p => p[..p.IndexOf("/@v/", StringComparison.Ordinal)])
            .Distinct()
            .Order(StringComparer.Ordinal)];
}
