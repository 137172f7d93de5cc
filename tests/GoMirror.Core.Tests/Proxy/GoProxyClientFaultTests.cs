using System.Diagnostics;
using System.Text;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Proxy;

/// <summary>Retries, rate limits, cut-short bodies, wrong bytes, size caps, redirects and bad .info answers.</summary>
public class GoProxyClientFaultTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string ZipPattern => TestProxyFault.ForModule(ProxyTestBed.Module, ProxyTestBed.Version, ".zip");

    [Fact]
    public async Task Transient_503_is_retried_then_succeeds()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        server.AddFault(TestProxyFault.Transient(ZipPattern, failures: 1));
        using var client = new GoProxyClient(ProxyTestBed.Fast);
        using var zip = new MemoryStream();

        var result = await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], zip, Token);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Attempts);
        Assert.Equal([503, 200], server.RequestsMatching(ZipPattern).Select(r => r.Status));
        Assert.Equal(await File.ReadAllBytesAsync(bed.Released.ZipFile, Token), zip.ToArray());
    }

    [Fact]
    public async Task Persisting_503_fails_after_the_configured_retries()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        server.AddFault(TestProxyFault.Status(ZipPattern, 503));
        using var client = new GoProxyClient(ProxyTestBed.Fast with { MaxRetries = 2 });
        using var zip = new MemoryStream();

        var result = await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], zip, Token);

        Assert.Equal(ProxyFetchOutcome.Failed, result.Outcome);
        Assert.Equal(3, server.RequestsMatching(ZipPattern).Count);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(ProxyDiagnostics.ProxyServerError, result.Diagnostics[0].Descriptor);
        Assert.Contains("3 requests", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, zip.Length);
    }

    [Fact]
    public async Task Rate_limit_honours_retry_after()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        server.AddFault(TestProxyFault.Transient(ZipPattern, failures: 1, statusCode: 429, retryAfter: TimeSpan.FromSeconds(1)));
        using var client = new GoProxyClient(ProxyTestBed.Fast);
        using var zip = new MemoryStream();
        var clock = Stopwatch.StartNew();

        var result = await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], zip, Token);

        Assert.True(result.Succeeded);
        var requests = server.RequestsMatching(ZipPattern);
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        Assert.True(requests[1].Timestamp - requests[0].Timestamp >= TimeSpan.FromMilliseconds(950), $"retried after {requests[1].Timestamp - requests[0].Timestamp}");
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task Rate_limit_beyond_the_cap_is_not_retried()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        server.AddFault(TestProxyFault.Status(ZipPattern, 429, retryAfter: TimeSpan.FromSeconds(120)));
        using var client = new GoProxyClient(ProxyTestBed.Fast);
        using var zip = new MemoryStream();

        var result = await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], zip, Token);

        Assert.Equal(ProxyFetchOutcome.Failed, result.Outcome);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(ProxyDiagnostics.ProxyRateLimited, result.Diagnostics[0].Descriptor);
        Assert.Contains("exceeds the 10s cap", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_cut_short_is_an_error_and_nothing_is_kept()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        server.AddFault(TestProxyFault.CutShort(ZipPattern, bytesBeforeCut: 40));
        using var client = new GoProxyClient(ProxyTestBed.Fast with { MaxRetries = 1 });
        var file = bed.Temp.Combine("cut.zip.tmp");
        using var stream = new MemoryStream();
        stream.Write("keep"u8);

        var toFile = await client.FetchZipToFileAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], file, Token);
        var toStream = await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], stream, Token);

        Assert.Equal(ProxyFetchOutcome.Failed, toFile.Outcome);
        Assert.Equal(ProxyDiagnostics.ProxyResponseTruncated, toFile.Diagnostics[0].Descriptor);
        Assert.Equal(2, toFile.Attempts);
        Assert.False(File.Exists(file));
        Assert.Equal(ProxyFetchOutcome.Failed, toStream.Outcome);
        Assert.Equal("keep"u8.ToArray(), stream.ToArray());
    }

    [Fact]
    public async Task Cut_short_with_pipe_falls_back_and_the_result_holds_only_good_bytes()
    {
        await using var bed = new ProxyTestBed();
        var cutting = await bed.StartServerAsync("/cut");
        var good = await bed.StartServerAsync("/good");
        cutting.AddFault(TestProxyFault.CutShort(ZipPattern, bytesBeforeCut: 100));
        using var client = new GoProxyClient(ProxyTestBed.Fast with { MaxRetries = 0 });
        using var zip = new MemoryStream();

        var result = await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Pipe(cutting.Url), ProxyTestBed.Comma(good.Url)], zip, Token);

        Assert.True(result.Succeeded);
        Assert.Equal(await File.ReadAllBytesAsync(bed.Released.ZipFile, Token), zip.ToArray());
    }

    [Fact]
    public async Task Wrong_bytes_are_returned_for_the_caller_to_verify()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        var other = Encoding.UTF8.GetBytes("not the zip you asked for");
        server.AddFault(TestProxyFault.WrongBytes(ZipPattern, other));
        using var client = new GoProxyClient(ProxyTestBed.Fast);
        using var zip = new MemoryStream();

        var result = await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], zip, Token);

        Assert.True(result.Succeeded);
        Assert.Equal(other, zip.ToArray());
        Assert.Equal(other.Length, result.Bytes);
    }

    [Fact]
    public async Task Zip_over_the_cap_is_rejected()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        using var client = new GoProxyClient(ProxyTestBed.Fast with { MaxZipBytes = 64 });
        var file = bed.Temp.Combine("big.zip.tmp");

        var result = await client.FetchZipToFileAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], file, Token);
        var fromFolder = await client.FetchZipToFileAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(bed.Folder.FileUrl)], file, Token);

        Assert.Equal(ProxyDiagnostics.ProxyResponseTooLarge, result.Diagnostics[0].Descriptor);
        Assert.Contains("downloaded zip file too large", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(ProxyDiagnostics.ProxyResponseTooLarge, fromFolder.Diagnostics[0].Descriptor);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Redirect_is_followed_across_hosts()
    {
        await using var bed = new ProxyTestBed();
        var front = await bed.StartServerAsync("/front");
        var back = await bed.StartServerAsync("/back");
        front.AddFault(TestProxyFault.Redirect("*", back.Url + "/{path}"));
        using var client = new GoProxyClient(ProxyTestBed.Fast);

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(front.Url)], Token);

        Assert.True(result.Succeeded);
        Assert.Equal(front.Url, result.ServedBy);
        Assert.Equal(302, Assert.Single(front.Requests).Status);
        Assert.Equal(200, Assert.Single(back.Requests).Status);
    }

    [Fact]
    public async Task Redirect_loop_is_refused()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        server.AddFault(TestProxyFault.Redirect("*", "/proxy/{path}"));
        using var client = new GoProxyClient(ProxyTestBed.Fast);

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], Token);

        Assert.Equal(ProxyDiagnostics.ProxyRedirectRefused, result.Diagnostics[0].Descriptor);
        Assert.Contains("stopped after 10 redirects", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(10, server.Requests.Count);
    }

    [Fact]
    public async Task Info_naming_another_version_is_an_error()
    {
        await using var bed = new ProxyTestBed();
        var liar = await bed.StartServerAsync("/liar");
        var good = await bed.StartServerAsync("/good");
        liar.AddFault(TestProxyFault.WrongBytes(TestProxyFault.ForModule(ProxyTestBed.Module, ProxyTestBed.Version, ".info"), "{\"Version\":\"v1.3.0-RC1\"}"u8.ToArray()));
        using var client = new GoProxyClient(ProxyTestBed.Fast);

        var stopped = await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(liar.Url), ProxyTestBed.Comma(good.Url)], Token);
        var fellBack = await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Pipe(liar.Url), ProxyTestBed.Comma(good.Url)], Token);

        Assert.Equal(ProxyFetchOutcome.Failed, stopped.Outcome);
        Assert.Equal(ProxyDiagnostics.ProxyInvalidInfo, stopped.Diagnostics[0].Descriptor);
        Assert.Contains("proxy returned info for version v1.3.0-RC1 instead of requested version", stopped.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.True(fellBack.Succeeded);
        Assert.Equal(ProxyTestBed.Version, fellBack.Value!.Version);

        // Oracle: go rejects the same answer with the same words.
        var go = GoToolchain.Run(bed.Temp.Path, bed.GoEnvironment(liar.Url), "mod", "download", "-json", ProxyTestBed.Module + "@" + ProxyTestBed.Version);
        Assert.Contains("proxy returned info for version v1.3.0-RC1 instead of requested version", go.Stdout + go.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_that_is_not_json_is_an_error()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        server.AddFault(TestProxyFault.WrongBytes("*.info", "<html>"u8.ToArray()));
        using var client = new GoProxyClient(ProxyTestBed.Fast);

        var result = await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], Token);

        Assert.Equal(ProxyDiagnostics.ProxyInvalidInfo, result.Diagnostics[0].Descriptor);
        Assert.Contains("invalid response from proxy", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unexpected_status_and_unreachable_proxy_have_their_codes()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        server.AddFault(TestProxyFault.Status("*", 418));
        var stopped = await bed.StartServerAsync("/gone");
        var deadUrl = stopped.Url;
        await stopped.StopAsync();
        using var client = new GoProxyClient(ProxyTestBed.Fast with { MaxRetries = 0 });

        var teapot = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], Token);
        var dead = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(deadUrl)], Token);

        Assert.Equal(ProxyDiagnostics.ProxyUnexpectedStatus, teapot.Diagnostics[0].Descriptor);
        Assert.Equal(ProxyDiagnostics.ProxyUnreachable, dead.Diagnostics[0].Descriptor);
        Assert.Contains(deadUrl, dead.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_body_is_cut_as_go_cuts_it()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        var body = string.Join("\n", Enumerable.Range(1, 12).Select(i => "line " + i)) + "\n";
        server.AddFault(TestProxyFault.Status("*", 500, body));
        using var client = new GoProxyClient(ProxyTestBed.Fast with { MaxRetries = 0 });

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.Url)], Token);
        var go = GoToolchain.Run(bed.Temp.Path, bed.GoEnvironment(server.Url), "mod", "download", ProxyTestBed.Module + "@" + ProxyTestBed.Version);

        var ours = result.Diagnostics[0].Message;
        var detail = ours[ours.IndexOf("server response:", StringComparison.Ordinal)..ours.LastIndexOf(" (proxy ", StringComparison.Ordinal)];
        Assert.Contains("[Truncated: too many lines.]", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("line 9", detail, StringComparison.Ordinal);
        Assert.Contains(detail, go.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_parallel_fetches_share_one_client()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        server.Latency = TimeSpan.FromMilliseconds(20);
        using var client = new GoProxyClient(ProxyTestBed.Fast);
        ProxyEntry[] proxies = [ProxyTestBed.Comma(server.Url)];
        var expected = await File.ReadAllBytesAsync(bed.Released.ZipFile, Token);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            using var zip = new MemoryStream();
            var r = await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, zip, Token);
            return (r.Succeeded, Same: zip.ToArray().AsSpan().SequenceEqual(expected));
        }));

        Assert.All(results, r => Assert.True(r.Succeeded && r.Same));
        Assert.Equal(64, server.Requests.Count);
    }
}
