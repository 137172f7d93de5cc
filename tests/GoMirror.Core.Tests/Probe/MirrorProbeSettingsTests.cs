using System.Text.Json;
using GoMirror.Core.Probe;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Probe;

/// <summary>The probe as the build hosts run it: mirrors from GoMirrorProbeProxies, the documented public mirrors
/// with GoMirrorProbeKnown, a mirror whose newest version lags the others, and the files in the report folder.</summary>
public class MirrorProbeSettingsTests
{
    [Fact]
    public async Task A_mirror_whose_list_lags_is_flagged_and_ranked_after_a_current_one_and_files_land_in_the_report_folder()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("svc", scenario.Module("example.com/lib"));
        // The stale mirror is a copy taken before the upstream release of v1.1.0; it answers faster than the current one.
        var staleFolder = new ModuleProxyFolder(scenario.Temp.Combine("stale-proxy"));
        CopyTree(scenario.Proxy.Root, staleFolder.Root);
        scenario.Module("example.com/lib", "v1.1.0");
        await using var stale = await TestProxyServer.StartAsync(staleFolder, "/stale", cancellationToken: TestContext.Current.CancellationToken);
        scenario.Server.Latency = TimeSpan.FromMilliseconds(60);
        var options = scenario.Options("off", goMod) with { ProbeProxies = $"{stale.Url} ; {scenario.Server.Url}" };

        var result = await MirrorProbe.RunAsync(options, cancellationToken: TestContext.Current.CancellationToken);

        var byUrl = result.Mirrors.ToDictionary(m => m.Url);
        Assert.Equal(["example.com/lib@v1.0.0 < v1.1.0"], byUrl[stale.Url].LatestBehind);
        Assert.Empty(byUrl[scenario.Server.Url].LatestBehind);
        Assert.Equal(1, byUrl[scenario.Server.Url].Rank);
        Assert.Equal(2, byUrl[stale.Url].Rank);
        Assert.True(byUrl[stale.Url].Latency!.P50 < byUrl[scenario.Server.Url].Latency!.P50, "the stale mirror should be the faster one, so the order comes from staleness");
        var lag = Assert.Single(result.Diagnostics, d => d.Code == "GOMIRROR1308");
        Assert.Contains(stale.Url, lag.Message, StringComparison.Ordinal);
        Assert.Single(stale.Requests, r => r.Path.EndsWith("/example.com/lib/@v/list", StringComparison.Ordinal));

        Assert.Equal(2, result.Files.Count);
        Assert.All(result.Files, f => Assert.StartsWith(scenario.ReportDirectory + Path.DirectorySeparatorChar, f, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(File.ReadAllText(Assert.Single(result.Files, f => f.EndsWith(".json", StringComparison.Ordinal))));
        var staleJson = json.RootElement.GetProperty("mirrors").EnumerateArray().Single(m => m.GetProperty("url").GetString() == stale.Url);
        Assert.Equal("example.com/lib@v1.0.0 < v1.1.0", Assert.Single(staleJson.GetProperty("latestBehind").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Known_mirrors_join_the_named_ones_and_without_ProbeProxies_GOPROXY_is_probed()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("svc", scenario.Module("example.com/lib"));
        await using var known = await TestProxyServer.StartAsync(scenario.Proxy, "/known", cancellationToken: TestContext.Current.CancellationToken);
        var settings = scenario.Options(scenario.Server.Url + ",direct", goMod) with { ProbeKnown = true };

        var result = await MirrorProbe.RunAsync(new MirrorProbeOptions
        {
            GoModules = [goMod],
            Settings = settings,
            Host = settings.Host,
            KnownMirrors = [known.Url],
        }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new[] { known.Url, scenario.Server.Url }.Order(StringComparer.Ordinal), result.Mirrors.Select(m => m.Url).Order(StringComparer.Ordinal));
        Assert.NotEmpty(known.Requests);
        Assert.EndsWith(",direct", result.SuggestedProxy, StringComparison.Ordinal);
    }

    [Fact]
    public void The_public_mirrors_probed_are_the_ones_the_docs_list()
    {
        var docs = File.ReadAllText(RepositoryRoot.Combine("docs", "mirrors.md"));

        Assert.Equal(PublicMirrors.All, new MirrorProbeOptions().KnownMirrors);
        Assert.All(PublicMirrors.All, url => Assert.Contains("`" + url + "`", docs, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "v1.0.0", "v1.2.0-rc.1", "v1.1.0" }, "v1.1.0")]
    [InlineData(new[] { "v0.1.0-alpha", "v0.1.0-beta" }, "v0.1.0-beta")]
    [InlineData(new[] { "v2.0.0+incompatible", "v1.9.0", "garbage" }, "v2.0.0+incompatible")]
    [InlineData(new string[0], null)]
    public void The_newest_version_of_a_list_is_the_one_go_takes_for_latest(string[] versions, string? newest) =>
        Assert.Equal(newest, MirrorProber.Newest(versions));

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
