using System.Diagnostics;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Proxy;

/// <summary>The test proxy server itself: it serves what Go expects, and its latency, bandwidth and stop behave as stated.</summary>
public class TestProxyServerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Go_downloads_through_the_server_and_every_request_is_logged()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();

        GoToolchain.Run(bed.Temp.Path, bed.GoEnvironment(server.Url), "mod", "download", "-json", ProxyTestBed.Module + "@" + ProxyTestBed.Version).AssertSuccess();

        var paths = server.Requests.Select(r => r.Path).ToList();
        Assert.Contains("/example.com/!upper/!mod/@v/v1.2.3.zip", paths);
        Assert.Contains("/example.com/!upper/!mod/@v/v1.2.3.mod", paths);
        Assert.All(server.Requests, r => Assert.Equal(("GET", 200), (r.Method, r.Status)));
        Assert.StartsWith("http://127.0.0.1:", server.Url, StringComparison.Ordinal);
        Assert.EndsWith("/proxy", server.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_and_bandwidth_cap_slow_responses_down()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        using var http = new HttpClient();
        var zipUrl = server.Url + "/example.com/!upper/!mod/@v/v1.2.3.zip";
        var size = new FileInfo(bed.Released.ZipFile).Length;

        server.Latency = TimeSpan.FromMilliseconds(100);
        var clock = Stopwatch.StartNew();
        Assert.Equal(size, (await http.GetByteArrayAsync(zipUrl, Token)).Length);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(95), $"latency: {clock.Elapsed}");

        server.Latency = TimeSpan.Zero;
        server.BytesPerSecond = size * 2;
        clock.Restart();
        Assert.Equal(size, (await http.GetByteArrayAsync(zipUrl, Token)).Length);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"bandwidth: {clock.Elapsed} for {size} bytes at {size * 2} B/s");
    }

    [Fact]
    public async Task Stopping_ends_hanging_requests()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        var fault = server.AddFault(TestProxyFault.Hang("*"));
        using var http = new HttpClient();
        var pending = http.GetAsync(server.Url + "/anything", Token);
        while (fault.Hits == 0)
        {
            await Task.Delay(10, Token);
        }

        var clock = Stopwatch.StartNew();
        await server.StopAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"stop took {clock.Elapsed}");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
        Assert.Equal(0, Assert.Single(server.Requests).Status);
    }
}
