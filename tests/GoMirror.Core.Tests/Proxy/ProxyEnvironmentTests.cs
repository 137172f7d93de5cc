using System.Diagnostics;
using GoMirror.Core.Proxy;
using GoMirror.Core.Tests.Children;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Proxy;

/// <summary>
/// HTTP_PROXY/NO_PROXY from the environment, as the go command honours them. .NET reads them once per process,
/// so the check runs this test assembly again as a child process (<see cref="TestChild"/>) with the variables set.
/// </summary>
public class ProxyEnvironmentTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Honours_http_proxy_and_no_proxy_from_the_environment()
    {
        await using var bed = new ProxyTestBed();
        var forward = await bed.StartServerAsync();
        var direct = await bed.StartServerAsync("/direct");
        var start = TestChild.StartInfo(nameof(ProxyEnvironmentTests));
        start.Environment["HTTP_PROXY"] = forward.Origin.GetLeftPart(UriPartial.Authority);
        start.Environment["NO_PROXY"] = "localhost";
        start.Environment["GOMIRROR_DIRECT_URL"] = "http://localhost:" + direct.Port + "/direct";
        using var child = Process.Start(start)!;
        var (exitCode, log) = await TestChild.WaitAsync(child, Token);

        Assert.True(exitCode == 0, log);
        Assert.True(forward.Requests.Count == 1, "the child sent nothing through HTTP_PROXY:\n" + log);
        Assert.StartsWith("http://goproxy.unresolvable.invalid/proxy/", forward.Requests[0].RawTarget, StringComparison.Ordinal);
        Assert.True(direct.Requests.Count == 1, "the child did not reach the NO_PROXY host directly:\n" + log);
    }

    /// <summary>The child's body (a <see cref="TestChild"/>): one fetch through HTTP_PROXY, one to a NO_PROXY host.</summary>
    internal static async Task ChildAsync(CancellationToken cancellationToken)
    {
        using var client = new GoProxyClient(ProxyTestBed.Fast);
        var proxied = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma("http://goproxy.unresolvable.invalid/proxy")], cancellationToken);
        var bypassed = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(Environment.GetEnvironmentVariable("GOMIRROR_DIRECT_URL")!)], cancellationToken);

        Assert.True(proxied.Succeeded, string.Join("\n", proxied.Diagnostics));
        Assert.True(bypassed.Succeeded, string.Join("\n", bypassed.Diagnostics));
    }
}
