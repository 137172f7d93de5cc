using System.Diagnostics;
using System.Text;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Proxy;

/// <summary>Hedged requests across '|': a mirror that has not answered within its observed p95 (or the default
/// hedge delay before there are samples) gets company from the rest of the list; the first body that passes the
/// checks wins and the other request is cancelled. Never across ','. A hanging first mirror costs seconds.</summary>
public class FailoverHedgingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hanging_first_mirror_costs_the_default_hedge_delay_not_its_timeout()
    {
        await using var bed = new ProxyTestBed();
        var hang = await bed.StartServerAsync("/hang");
        var good = await bed.StartServerAsync("/good");
        hang.AddFault(TestProxyFault.Hang("*"));

        // Production settings: a 30 s first-byte timeout and the 2 s default hedge delay.
        using var client = new GoProxyClient();
        var clock = Stopwatch.StartNew();

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Pipe(hang.Url), ProxyTestBed.Comma(good.Url)], Token);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(good.Url, result.ServedBy);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9) && clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        Assert.Empty(result.Diagnostics);
        Assert.Equal(TestProxyFaultKind.Hang, Assert.Single(hang.Requests).Fault);
        Assert.Single(good.Requests);

        // The loser is cancelled: the hanging server sees its request given up, long before any timeout.
        await FailoverTimeoutTests.WaitForAsync(() => hang.AbortedByClient == 1, "the hedged-out request to the hanging mirror was not cancelled");
        Assert.Contains(result.Entries, e => e.Proxy == hang.Url && e.Error!.Contains("hedged", StringComparison.Ordinal));
        var hedged = Assert.Single(client.TakeFailoverDiagnostics());
        Assert.Equal(ProxyDiagnostics.ProxyHedged, hedged.Descriptor);
        Assert.Contains("answered first 1 time(s)", hedged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_a_mirror_has_samples_its_p95_replaces_the_default_delay()
    {
        await using var bed = new ProxyTestBed();
        var slow = await bed.StartServerAsync("/slow");
        var good = await bed.StartServerAsync("/good");

        // A 10 s default makes the difference plain: with samples the hedge goes out after the 250 ms floor.
        using var client = new GoProxyClient(ProxyTestBed.Fast with { HedgeDelay = TimeSpan.FromSeconds(10) });
        ProxyEntry[] proxies = [ProxyTestBed.Pipe(slow.Url), ProxyTestBed.Comma(good.Url)];
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(slow.Url, (await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, Token)).ServedBy);
        }

        Assert.Empty(good.Requests);
        slow.AddFault(TestProxyFault.Slow("*.mod", TimeSpan.FromSeconds(20)));
        var clock = Stopwatch.StartNew();

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, Token);

        Assert.Equal(good.Url, result.ServedBy);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}: the hedge waited for the default, not the p95");
        Assert.Single(good.Requests);
    }

    [Fact]
    public async Task A_slow_first_mirror_before_a_comma_is_waited_for_never_hedged()
    {
        await using var bed = new ProxyTestBed();
        var slow = await bed.StartServerAsync("/slow");
        var good = await bed.StartServerAsync("/good");
        slow.AddFault(TestProxyFault.Slow("*", TimeSpan.FromSeconds(1)));
        using var client = new GoProxyClient(ProxyTestBed.Fast with { HedgeDelay = TimeSpan.FromMilliseconds(250) });
        var clock = Stopwatch.StartNew();

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(slow.Url), ProxyTestBed.Comma(good.Url)], Token);

        Assert.Equal(slow.Url, result.ServedBy);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"took {clock.Elapsed}");
        Assert.Empty(good.Requests);
        Assert.Empty(client.TakeFailoverDiagnostics());
    }

    [Fact]
    public async Task The_first_answer_that_passes_the_checks_wins()
    {
        await using var bed = new ProxyTestBed();
        var hang = await bed.StartServerAsync("/hang");
        var wrong = await bed.StartServerAsync("/wrong");
        var good = await bed.StartServerAsync("/good");
        hang.AddFault(TestProxyFault.Hang("*"));

        // The second mirror answers at once, but with an .info that names another version: not a verified answer.
        wrong.AddFault(TestProxyFault.WrongBytes("*.info", Encoding.UTF8.GetBytes("{\"Version\":\"v9.9.9\"}")));
        using var client = new GoProxyClient(ProxyTestBed.Fast with { HedgeDelay = TimeSpan.FromMilliseconds(300) });

        var result = await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Pipe(hang.Url), ProxyTestBed.Pipe(wrong.Url), ProxyTestBed.Comma(good.Url)], Token);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(good.Url, result.ServedBy);
        Assert.Equal(ProxyTestBed.Version, result.Value!.Version);
        Assert.Single(wrong.Requests);
        Assert.Single(good.Requests);
        Assert.Contains(result.Diagnostics, d => d.Descriptor == ProxyDiagnostics.ProxyInvalidInfo && d.Message.Contains(wrong.Url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_mirror_wins_when_it_answers_before_the_hedge_and_its_zip_lands_whole()
    {
        await using var bed = new ProxyTestBed();
        var slowish = await bed.StartServerAsync("/slowish");
        var slower = await bed.StartServerAsync("/slower");
        slowish.AddFault(TestProxyFault.Slow("*.zip", TimeSpan.FromMilliseconds(1500)));
        slower.AddFault(TestProxyFault.Slow("*.zip", TimeSpan.FromSeconds(20)));
        using var client = new GoProxyClient(ProxyTestBed.Fast with { HedgeDelay = TimeSpan.FromMilliseconds(250) });
        using var zip = new MemoryStream();

        // The hedge goes out at 250 ms, but the first mirror answers at 1.5 s (a margin for a loaded machine's late timers), long before the second.
        var result = await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Pipe(slowish.Url), ProxyTestBed.Comma(slower.Url)], zip, Token);

        Assert.Equal(slowish.Url, result.ServedBy);
        Assert.Equal(await File.ReadAllBytesAsync(bed.Released.ZipFile, Token), zip.ToArray());
        // The second mirror got the hedge (its delay fault holds it before it is logged) and saw it cancelled.
        await FailoverTimeoutTests.WaitForAsync(() => slower.AbortedByClient == 1, "the losing hedge was not sent, or not cancelled");
        Assert.Empty(slower.Requests);
    }

    [Fact]
    public async Task A_hedged_zip_from_the_second_mirror_lands_whole_in_the_callers_stream()
    {
        await using var bed = new ProxyTestBed();
        var hang = await bed.StartServerAsync("/hang");
        var good = await bed.StartServerAsync("/good");
        hang.AddFault(TestProxyFault.Hang("*"));
        using var client = new GoProxyClient(ProxyTestBed.Fast with { HedgeDelay = TimeSpan.FromMilliseconds(250) });
        var file = bed.Temp.Combine("hedged.zip");

        var result = await client.FetchZipToFileAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Pipe(hang.Url), ProxyTestBed.Comma(good.Url)], file, Token);

        Assert.Equal(good.Url, result.ServedBy);
        Assert.Equal(await File.ReadAllBytesAsync(bed.Released.ZipFile, Token), await File.ReadAllBytesAsync(file, Token));
    }
}
