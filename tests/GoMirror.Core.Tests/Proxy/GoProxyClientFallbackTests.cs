using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Proxy;

/// <summary>GOPROXY list walking: ',' falls through only on 404/410, '|' on any error; off, direct; error ranking.
/// Where cheap, the same server setup is run through the real go command, the oracle.</summary>
public class GoProxyClientFallbackTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Go's rule (modfetch/proxy.go, tryProxies): after ',' only a 404 or 410 (fs.ErrNotExist) falls through;
    // after '|' every error does. Each row runs the engine's client and then the real go command against the
    // same failing proxy, so a row that disagrees with Go fails even if the expected column were wrong.
    [Theory]
    [InlineData("404", ',', true)]
    [InlineData("410", ',', true)]
    [InlineData("401", ',', false)]
    [InlineData("403", ',', false)]
    [InlineData("429", ',', false)]
    [InlineData("500", ',', false)]
    [InlineData("503", ',', false)]
    [InlineData("timeout", ',', false)]
    [InlineData("reset", ',', false)]
    [InlineData("tls", ',', false)]
    [InlineData("404", '|', true)]
    [InlineData("410", '|', true)]
    [InlineData("401", '|', true)]
    [InlineData("403", '|', true)]
    [InlineData("429", '|', true)]
    [InlineData("500", '|', true)]
    [InlineData("503", '|', true)]
    [InlineData("timeout", '|', true)]
    [InlineData("reset", '|', true)]
    [InlineData("tls", '|', true)]
    public async Task Bad_then_good_follows_gos_fallback_rule(string failure, char separator, bool fallsThrough)
    {
        await using var bed = new ProxyTestBed();
        var bad = await bed.StartServerAsync("/bad", https: failure == "tls");
        var good = await bed.StartServerAsync("/good");
        var timeout = failure == "timeout";
        switch (failure)
        {
            case "timeout":
                bad.AddFault(TestProxyFault.Hang("*"));
                break;
            case "reset":
                bad.AddFault(TestProxyFault.Reset("*"));
                break;
            case "tls":
                // An https proxy whose self-signed certificate neither the client nor go is given.
                break;
            default:
                bad.AddFault(TestProxyFault.Status("*", int.Parse(failure, System.Globalization.CultureInfo.InvariantCulture)));
                break;
        }

        // The timeout row's good proxy is the file:// folder, which the HTTP timeout does not cover: only the
        // hanging server is subject to it, so a slow machine cannot fail the healthy side.
        var goodUrl = timeout ? bed.Folder.FileUrl : good.Url;
        // Go's sequential rule, without hedging (FailoverHedgingTests cover that): the hanging entry is waited for.
        using var client = new GoProxyClient(ProxyTestBed.Fast with { MaxRetries = 0, Hedging = false, FirstByteTimeout = timeout ? TimeSpan.FromMilliseconds(300) : ProxyTestBed.Fast.FirstByteTimeout });
        ProxyEntry[] proxies = [separator == '|' ? ProxyTestBed.Pipe(bad.Url) : ProxyTestBed.Comma(bad.Url), ProxyTestBed.Comma(goodUrl)];

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, Token);

        Assert.True(fallsThrough == result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.True(failure == "tls" || bad.Requests.Count > 0, "the failing proxy was not asked"); // a failed handshake logs no request
        if (fallsThrough)
        {
            Assert.Equal(goodUrl, result.ServedBy);
            Assert.Equal(2, result.Entries.Count);
            Assert.Equal(failure is "404" or "410" ? 0 : 1, result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning));
        }
        else
        {
            Assert.Empty(good.Requests);
            var error = result.Diagnostics[0];
            Assert.True(error.IsError);
            Assert.Contains(ProxyTestBed.Module + "@" + ProxyTestBed.Version, error.Message, StringComparison.Ordinal);
            Assert.Contains(bad.Url, error.Message, StringComparison.Ordinal);
            Assert.Contains(goodUrl + " was not tried", error.Fix, StringComparison.Ordinal);
        }

        if (timeout)
        {
            Assert.Equal(ProxyDiagnostics.ProxyFirstByteTimeout, result.Diagnostics[0].Descriptor);
            Assert.Contains("timeout", result.Diagnostics[0].Message, StringComparison.Ordinal);
        }

        // Oracle: the go command takes the same decision against the same servers. Go sets no timeout on proxy
        // requests (web's securityPreservingHTTPClient), so for Go a hanging proxy ends only when the
        // connection drops: its timeout row is a proxy that holds the request, then drops it.
        var goBad = bad.Url;
        if (timeout)
        {
            var dropping = await bed.StartServerAsync("/drop");
            dropping.AddFault(TestProxyFault.Reset("*", after: TimeSpan.FromMilliseconds(200)));
            goBad = dropping.Url;
        }

        var go = GoToolchain.Run(bed.Temp.Path, bed.GoEnvironment(goBad + separator + goodUrl), "mod", "download", "-json", ProxyTestBed.Module + "@" + ProxyTestBed.Version);
        Assert.True(fallsThrough == (go.ExitCode == 0), $"go exited {go.ExitCode}:\n{go.Stdout}\n{go.Stderr}");
        if (!fallsThrough)
        {
            Assert.Empty(good.Requests);
        }
    }

    [Fact]
    public async Task Server_error_after_comma_fails_with_the_code_and_the_fix()
    {
        await using var bed = new ProxyTestBed();
        var bad = await bed.StartServerAsync("/bad");
        var good = await bed.StartServerAsync("/good");
        bad.AddFault(TestProxyFault.Status("*", 500, "upstream exploded\n"));
        using var client = new GoProxyClient(ProxyTestBed.Fast with { MaxRetries = 0 });

        var result = await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(bad.Url), ProxyTestBed.Comma(good.Url)], Token);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ProxyDiagnostics.ProxyServerError, error.Descriptor);
        Assert.Equal(ProxyFetchOutcome.Failed, result.Outcome);
        Assert.Contains("500 Internal Server Error", error.Message, StringComparison.Ordinal);
        Assert.Contains("server response: upstream exploded", error.Message, StringComparison.Ordinal);
        Assert.Contains(good.Url + " was not tried", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_fails_with_gos_message()
    {
        await using var bed = new ProxyTestBed();
        var missing = await bed.StartServerAsync("/missing");
        missing.AddFault(TestProxyFault.Status("*", 404));
        using var client = new GoProxyClient(ProxyTestBed.Fast);

        var alone = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyEntry.Off], Token);
        var after404 = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(missing.Url), ProxyEntry.Off, ProxyTestBed.Comma(bed.Folder.FileUrl)], Token);

        Assert.Equal(ProxyFetchOutcome.Disabled, alone.Outcome);
        Assert.Equal(ProxyDiagnostics.LookupDisabled, alone.Diagnostics[0].Descriptor);
        Assert.Contains("module lookup disabled by GOPROXY=off", alone.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(ProxyFetchOutcome.Disabled, after404.Outcome);
        Assert.Equal(2, after404.Entries.Count);
    }

    [Fact]
    public async Task Direct_is_left_to_the_go_command()
    {
        await using var bed = new ProxyTestBed();
        var missing = await bed.StartServerAsync("/missing");
        missing.AddFault(TestProxyFault.Status("*", 410));
        using var client = new GoProxyClient(ProxyTestBed.Fast);

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(missing.Url), ProxyEntry.Direct], Token);

        Assert.Equal(ProxyFetchOutcome.LeftToGoCommand, result.Outcome);
        var info = Assert.Single(result.Diagnostics);
        Assert.Equal(ProxyDiagnostics.LeftToGoCommand, info.Descriptor);
        Assert.False(info.IsError);
        Assert.Contains("left to the go command (direct)", info.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proxy_error_outranks_a_later_not_found_as_in_go()
    {
        await using var bed = new ProxyTestBed();
        var broken = await bed.StartServerAsync("/broken");
        var missing = await bed.StartServerAsync("/missing");
        broken.AddFault(TestProxyFault.Status("*", 502));
        missing.AddFault(TestProxyFault.Status("*", 404));
        using var client = new GoProxyClient(ProxyTestBed.Fast with { MaxRetries = 0 });

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Pipe(broken.Url), ProxyTestBed.Comma(missing.Url)], Token);

        Assert.Equal(ProxyFetchOutcome.Failed, result.Outcome);
        Assert.Equal(ProxyDiagnostics.ProxyServerError, result.Diagnostics[0].Descriptor);
        Assert.Equal(ProxyDiagnostics.ModuleNotFound, result.Diagnostics[1].Descriptor);
        Assert.Equal(DiagnosticSeverity.Info, result.Diagnostics[1].Severity);

        // Oracle: go reports the 502, not the 404.
        var go = GoToolchain.Run(bed.Temp.Path, bed.GoEnvironment(broken.Url + "|" + missing.Url), "mod", "download", "-json", ProxyTestBed.Module + "@" + ProxyTestBed.Version);
        Assert.NotEqual(0, go.ExitCode);
        Assert.Contains("502 Bad Gateway", go.Stdout + go.Stderr, StringComparison.Ordinal);
        Assert.Contains("502 Bad Gateway", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_not_found_is_module_not_found()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        using var client = new GoProxyClient(ProxyTestBed.Fast);

        var result = await client.FetchModAsync("example.com/absent", "v1.0.0", [ProxyTestBed.Comma(server.Url), ProxyTestBed.Comma(bed.Folder.FileUrl)], Token);

        Assert.Equal(ProxyFetchOutcome.NotFound, result.Outcome);
        Assert.Equal(ProxyDiagnostics.ModuleNotFound, result.Diagnostics[0].Descriptor);
        Assert.Contains(server.Url + ", " + bed.Folder.FileUrl, result.Diagnostics[0].Message, StringComparison.Ordinal);
    }
}
