using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Proxy;

/// <summary>The circuit breaker per mirror: after five breakdowns in a row the mirror is no longer asked for the
/// rest of the run, the log says so once, and what a skipped mirror means follows Go's rule for the error that
/// opened it: after '|' the next entry serves, after ',' the request fails as Go fails at that error. The real go
/// command, given the same GOPROXY and the same failing server, is the oracle of which of the two must happen.</summary>
public class FailoverBreakerTests
{
    private const int Versions = 8;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Sequential requests without retries: each request is one breakdown, so the count is exact.
    private static GoProxyClientOptions Options => ProxyTestBed.Fast with { MaxRetries = 0, Hedging = false };

    [Theory]
    [InlineData("500", '|')]
    [InlineData("500", ',')]
    [InlineData("reset", '|')]
    [InlineData("reset", ',')]
    public async Task A_broken_mirror_is_asked_five_times_then_skipped_as_go_would_treat_its_error(string fault, char separator)
    {
        await using var bed = new ProxyTestBed();
        var modules = Enumerable.Range(0, Versions).Select(i => bed.Folder.Add("example.com/m" + i, "v1.0.0", new Dictionary<string, byte[]> { ["a.go"] = "package m\n"u8.ToArray() })).ToList();
        var bad = await bed.StartServerAsync("/bad");
        var good = await bed.StartServerAsync("/good");
        bad.AddFault(fault == "500" ? TestProxyFault.Status("*", 500) : TestProxyFault.Reset("*"));
        using var client = new GoProxyClient(Options);
        ProxyEntry[] proxies = [separator == '|' ? ProxyTestBed.Pipe(bad.Url) : ProxyTestBed.Comma(bad.Url), ProxyTestBed.Comma(good.Url)];

        var results = new List<ProxyFetchResult>();
        foreach (var module in modules)
        {
            results.Add(await client.FetchModAsync(module.Path, module.Version, proxies, Token));
        }

        // Five requests reached the broken mirror; the other three were never sent to it.
        Assert.Equal(5, bad.Requests.Count);
        var once = client.TakeFailoverDiagnostics();
        var opened = Assert.Single(once, d => d.Descriptor == ProxyDiagnostics.ProxyCircuitOpened);
        Assert.Equal(DiagnosticSeverity.Warning, opened.Severity);
        Assert.Contains(bad.Url, opened.Message, StringComparison.Ordinal);
        Assert.Contains("skipped for the rest of the run", opened.Message, StringComparison.Ordinal);
        Assert.Empty(client.TakeFailoverDiagnostics());
        var expected = fault == "500" ? ProxyDiagnostics.ProxyServerError : ProxyDiagnostics.ProxyUnreachable;
        if (separator == '|')
        {
            Assert.All(results, r => Assert.Equal(good.Url, r.ServedBy));
            Assert.Equal(Versions, good.Requests.Count);

            // The first five warn about the broken mirror; the skipped ones do not repeat it (0414 said it once).
            Assert.All(results.Take(5), r => Assert.Equal(expected, Assert.Single(r.Diagnostics).Descriptor));
            Assert.All(results.Skip(5), r => Assert.Empty(r.Diagnostics));
        }
        else
        {
            // Go stops at a 500 or a reset after ',': so does every request, skipped or not, with that error's code.
            Assert.Empty(good.Requests);
            Assert.All(results, r => Assert.False(r.Succeeded));
            Assert.All(results, r => Assert.Equal(expected, r.Diagnostics[0].Descriptor));
            Assert.All(results.Skip(5), r => Assert.Contains("proxy skipped after 5 failed requests in a row; GOMIRROR0414", r.Diagnostics[0].Message, StringComparison.Ordinal));

            // A skipped request says it was never sent; the URL it names is the opening failure's, labelled so.
            Assert.All(results.Skip(5), r => Assert.Contains(": not requested: proxy skipped", r.Diagnostics[0].Message, StringComparison.Ordinal));
            Assert.All(results.Skip(5), r => Assert.Contains("(the last failure: ", r.Diagnostics[0].Message, StringComparison.Ordinal));
            Assert.All(results.Skip(5), r => Assert.Contains(good.Url + " was not tried", r.Diagnostics[0].Fix, StringComparison.Ordinal));
        }

        // Oracle: the go command, same GOPROXY, same broken server, decides the same for a module it has not seen.
        var go = GoToolchain.Run(bed.Temp.Path, bed.GoEnvironment(bad.Url + separator + good.Url), "mod", "download", "-json", modules[^1].Path + "@" + modules[^1].Version);
        Assert.True((separator == '|') == (go.ExitCode == 0), $"go exited {go.ExitCode}:\n{go.Stdout}\n{go.Stderr}");
    }

    [Fact]
    public async Task Not_found_answers_never_open_the_breaker()
    {
        await using var bed = new ProxyTestBed();
        var empty = await bed.StartServerAsync("/empty");
        var good = await bed.StartServerAsync("/good");
        empty.AddFault(TestProxyFault.Status("*", 404));
        using var client = new GoProxyClient(Options);

        for (var i = 0; i < Versions; i++)
        {
            var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(empty.Url), ProxyTestBed.Comma(good.Url)], Token);
            Assert.Equal(good.Url, result.ServedBy);
        }

        Assert.Equal(Versions, empty.Requests.Count);
        Assert.Empty(client.TakeFailoverDiagnostics());
    }

    [Fact]
    public async Task An_answer_between_failures_resets_the_count()
    {
        await using var bed = new ProxyTestBed();
        var flaky = await bed.StartServerAsync("/flaky");
        var good = await bed.StartServerAsync("/good");

        // Every .mod fails, every .info is answered: never five breakdowns in a row.
        flaky.AddFault(TestProxyFault.Status("*.mod", 503));
        using var client = new GoProxyClient(Options);
        ProxyEntry[] proxies = [ProxyTestBed.Pipe(flaky.Url), ProxyTestBed.Comma(good.Url)];

        for (var i = 0; i < Versions; i++)
        {
            Assert.Equal(good.Url, (await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, Token)).ServedBy);
            Assert.Equal(flaky.Url, (await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, Token)).ServedBy);
        }

        Assert.Equal(2 * Versions, flaky.Requests.Count);
        Assert.Empty(client.TakeFailoverDiagnostics());
    }

    [Fact]
    public async Task Retries_count_one_breakdown_each()
    {
        await using var bed = new ProxyTestBed();
        var bad = await bed.StartServerAsync("/bad");
        var good = await bed.StartServerAsync("/good");
        bad.AddFault(TestProxyFault.Status("*", 502));
        using var client = new GoProxyClient(ProxyTestBed.Fast with { MaxRetries = 2, Hedging = false });
        ProxyEntry[] proxies = [ProxyTestBed.Pipe(bad.Url), ProxyTestBed.Comma(good.Url)];

        // 3 attempts, then 2 more of the next request open the breaker before its third.
        await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, Token);
        await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, Token);
        var third = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.PreRelease, proxies, Token);

        Assert.Equal(5, bad.Requests.Count);
        Assert.Equal(good.Url, third.ServedBy);
        Assert.Single(client.TakeFailoverDiagnostics(), d => d.Descriptor == ProxyDiagnostics.ProxyCircuitOpened);
    }
}
