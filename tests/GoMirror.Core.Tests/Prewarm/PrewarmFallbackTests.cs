using GoMirror.Core.Engine;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Prewarm;

/// <summary>GOPROXY fallback as Go does it: ',' falls through only on 404/410, '|' on any error.</summary>
public class PrewarmFallbackTests
{
    [Theory]
    [InlineData(404, ",", true)]
    [InlineData(410, ",", true)]
    [InlineData(500, ",", false)]
    [InlineData(500, "|", true)]
    [InlineData(503, "|", true)]
    public async Task A_bad_proxy_before_a_good_one(int status, string separator, bool succeeds)
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var module = scenario.Module("example.com/fallback");
        var goMod = scenario.Component("app", module);
        await using var bad = await TestProxyServer.StartAsync(new ModuleProxyFolder(scenario.Temp.Combine("bad")), "/bad", cancellationToken: TestContext.Current.CancellationToken);
        bad.AddFault(TestProxyFault.Status("*", status));
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(scenario.Options(bad.Url + separator + scenario.Server.Url, goMod), log);

        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        Assert.Equal(succeeds, result.Succeeded);
        Assert.NotEmpty(bad.Requests);
        if (succeeds)
        {
            Assert.NotEmpty(scenario.Server.RequestsMatching("*.zip"));
            Assert.Contains(log.Messages, m => m.Contains("example.com/fallback@v1.0.0: downloaded from " + scenario.Server.Url, StringComparison.Ordinal));
            scenario.AssertGoAcceptsOffline(goMod);
        }
        else
        {
            // Go stops at the first entry: the good proxy is never asked.
            Assert.Empty(scenario.Server.Requests);
            var error = Assert.Single(result.Diagnostics, d => d.IsError);
            Assert.Equal("GOMIRROR0401", error.Code);
            Assert.Contains(bad.Url, error.Message, StringComparison.Ordinal);
            Assert.Contains("example.com/fallback@v1.0.0", error.Message, StringComparison.Ordinal);
            Assert.False(scenario.GoFindsOffline(module));
        }
    }
}
