using System.Diagnostics;
using GoMirror.Core.Proxy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Proxy;

/// <summary>The three bounds of a proxy request, each against a real server on 127.0.0.1 that misbehaves in one
/// way: a connection that is never set up, a request never answered, a body that stalls; and a slow but steady
/// 75 MB body that none of them may cut off. Bounds on elapsed time are loose (a loaded 2-core machine), but a
/// timeout must end the request within a few seconds.</summary>
public class FailoverTimeoutTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Alone, sequential and unretried, so each test sees exactly one request and its own timeout.
    private static GoProxyClientOptions Bounded(TimeSpan timeout) => ProxyTestBed.Fast with
    {
        MaxRetries = 0,
        Hedging = false,
        ConnectTimeout = timeout,
        FirstByteTimeout = timeout,
        IdleTimeout = timeout,
    };

    [Fact]
    public async Task A_connection_that_is_never_set_up_fails_within_the_connect_timeout()
    {
        await using var bed = new ProxyTestBed();

        // The TCP connection is accepted by the kernel, but the TLS handshake never starts within the bound.
        var slow = await bed.StartServerAsync("/slow", https: true);
        slow.ConnectionDelay = TimeSpan.FromSeconds(30);
        using var client = new GoProxyClient(ProxyTestBed.Trusting(slow) with { MaxRetries = 0, Hedging = false, ConnectTimeout = TimeSpan.FromMilliseconds(400) });
        var clock = Stopwatch.StartNew();

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(slow.Url)], Token);

        Assert.False(result.Succeeded);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        var error = result.Diagnostics[0];
        Assert.Equal(ProxyDiagnostics.ProxyConnectTimeout, error.Descriptor);
        Assert.Contains("no connection within 0.4s", error.Message, StringComparison.Ordinal);
        Assert.Empty(slow.Requests);
    }

    [Fact]
    public async Task A_request_never_answered_fails_within_the_first_byte_timeout()
    {
        await using var bed = new ProxyTestBed();
        var hang = await bed.StartServerAsync("/hang");
        hang.AddFault(TestProxyFault.Hang("*.info"));
        // A first answered request (another client, no hurry) warms the server up, so only the answer is missing below.
        using (var warm = new GoProxyClient(ProxyTestBed.Fast))
        {
            Assert.True((await warm.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(hang.Url)], Token)).Succeeded);
        }

        hang.ClearRequests();
        using var client = new GoProxyClient(Bounded(TimeSpan.FromMilliseconds(400)) with { ConnectTimeout = TimeSpan.FromSeconds(10) });
        var clock = Stopwatch.StartNew();

        var result = await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(hang.Url)], Token);

        Assert.False(result.Succeeded);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(350) && clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(ProxyDiagnostics.ProxyFirstByteTimeout, result.Diagnostics[0].Descriptor);
        Assert.Contains("timeout: no response for 0.4s", result.Diagnostics[0].Message, StringComparison.Ordinal);
        var logged = Assert.Single(hang.Requests);
        Assert.Equal(TestProxyFaultKind.Hang, logged.Fault);
        await WaitForAsync(() => hang.AbortedByClient == 1, "the timed-out request was not closed by the client");
    }

    [Fact]
    public async Task A_body_that_stalls_mid_stream_fails_within_the_idle_timeout_and_leaves_nothing()
    {
        await using var bed = new ProxyTestBed();
        var stall = await bed.StartServerAsync("/stall");
        stall.AddFault(TestProxyFault.Stall(TestProxyFault.ForModule(ProxyTestBed.Module, ProxyTestBed.Version, ".zip"), bytesBeforeStall: 64));
        using var client = new GoProxyClient(Bounded(TimeSpan.FromMilliseconds(400)));
        using var zip = new MemoryStream();
        var clock = Stopwatch.StartNew();

        var result = await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(stall.Url)], zip, Token);

        Assert.False(result.Succeeded);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(ProxyDiagnostics.ProxyBodyStalled, result.Diagnostics[0].Descriptor);
        Assert.Contains("body stalled: no data for 0.4s", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, zip.Length);
        Assert.Equal(200, Assert.Single(stall.Requests).Status);
    }

    [Fact]
    public async Task A_slow_but_progressing_75_MB_body_is_not_cut_off_by_any_timeout()
    {
        await using var bed = new ProxyTestBed();

        // The size of a Go toolchain zip (golang.org/toolchain), incompressible, served at 15 MB/s: about 5 s in all,
        // two and a half times each timeout, but never a pause near one. The timeouts are 2 s, not the fault tests'
        // 0.5 s: under a full suite on 2 cores the test server itself can take longer than 0.5 s to send its headers.
        // The client does not check zip contents.
        const int size = 75 << 20;
        const string module = "example.com/big";
        var file = Path.Combine(bed.Folder.Root, "example.com", "big", "@v", "v1.0.0.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var content = new byte[size];
        new Random(75).NextBytes(content);
        await File.WriteAllBytesAsync(file, content, Token);
        var slow = await bed.StartServerAsync("/slow");
        slow.BytesPerSecond = 15L << 20;
        using var client = new GoProxyClient(Bounded(TimeSpan.FromSeconds(2)));
        var destination = bed.Temp.Combine("big.zip");
        var clock = Stopwatch.StartNew();

        var result = await client.FetchZipToFileAsync(module, "v1.0.0", [ProxyTestBed.Comma(slow.Url)], destination, Token);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(1.5), $"the body came too fast ({clock.Elapsed}) to prove anything about the timeouts");
        Assert.Equal(size, result.Bytes);
        Assert.Equal(content, await File.ReadAllBytesAsync(destination, Token));
        Assert.Equal(1, result.Attempts);
    }

    internal static async Task WaitForAsync(Func<bool> condition, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), because);
            await Task.Delay(20, Token);
        }
    }
}
