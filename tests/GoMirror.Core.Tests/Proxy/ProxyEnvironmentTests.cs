using System.Diagnostics;
using GoMirror.Core.Proxy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Proxy;

/// <summary>
/// HTTP_PROXY/NO_PROXY from the environment, as the go command honours them. .NET reads them once per process,
/// so the check runs this test assembly again as a child process with the variables set.
/// </summary>
public class ProxyEnvironmentTests
{
    private const string ChildFlag = "GOMIRROR_PROXY_ENV_CHILD";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Honours_http_proxy_and_no_proxy_from_the_environment()
    {
        await using var bed = new ProxyTestBed();
        var forward = await bed.StartServerAsync();
        var direct = await bed.StartServerAsync("/direct");
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // xunit v3 test assemblies are programs: run the test host itself, through dotnet when that hosts it.
        var viaDotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet";
        string[] prefix = viaDotnet ? ["exec", typeof(ProxyEnvironmentTests).Assembly.Location] : [];
        foreach (var argument in (string[])[.. prefix, "-method", typeof(ProxyEnvironmentTests).FullName + "." + nameof(Child_fetches_through_the_environment_proxy)])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[ChildFlag] = "1";
        start.Environment["HTTP_PROXY"] = forward.Origin.GetLeftPart(UriPartial.Authority);
        start.Environment["NO_PROXY"] = "localhost";
        start.Environment["GOMIRROR_DIRECT_URL"] = "http://localhost:" + direct.Port + "/direct";
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync(Token);
        var errors = child.StandardError.ReadToEndAsync(Token);
        await child.WaitForExitAsync(Token);

        var log = await output + await errors;
        Assert.True(child.ExitCode == 0, log);
        Assert.True(forward.Requests.Count == 1, "the child sent nothing through HTTP_PROXY:\n" + log);
        Assert.StartsWith("http://goproxy.unresolvable.invalid/proxy/", forward.Requests[0].RawTarget, StringComparison.Ordinal);
        Assert.True(direct.Requests.Count == 1, "the child did not reach the NO_PROXY host directly:\n" + log);
    }

    [Fact]
    public async Task Child_fetches_through_the_environment_proxy()
    {
        if (Environment.GetEnvironmentVariable(ChildFlag) != "1")
        {
            Assert.Skip("runs only as the child process of " + nameof(Honours_http_proxy_and_no_proxy_from_the_environment));
        }

        using var client = new GoProxyClient(ProxyTestBed.Fast);
        var proxied = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma("http://goproxy.unresolvable.invalid/proxy")], Token);
        var bypassed = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(Environment.GetEnvironmentVariable("GOMIRROR_DIRECT_URL")!)], Token);

        Assert.True(proxied.Succeeded, string.Join("\n", proxied.Diagnostics));
        Assert.True(bypassed.Succeeded, string.Join("\n", bypassed.Diagnostics));
    }
}
