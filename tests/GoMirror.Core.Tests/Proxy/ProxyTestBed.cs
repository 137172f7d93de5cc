using System.Text;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Proxy;

/// <summary>A temp folder with a proxy folder of known modules, and HTTP servers over it; disposed with the test.</summary>
internal sealed class ProxyTestBed : IAsyncDisposable
{
    public const string Module = "example.com/Upper/Mod";
    public const string Version = "v1.2.3";
    public const string PreRelease = "v1.3.0-RC1";

    private readonly List<TestProxyServer> _servers = [];

    public ProxyTestBed()
    {
        Folder = new ModuleProxyFolder(Temp.Combine("proxy"));
        Released = Folder.Add(Module, Version, new Dictionary<string, byte[]> { ["a.go"] = Encoding.UTF8.GetBytes("package mod\n") });
        Folder.Add(Module, PreRelease, new Dictionary<string, byte[]> { ["b.go"] = Encoding.UTF8.GetBytes("package mod\n// rc\n") });
    }

    public TempDirectory Temp { get; } = new("gomirror-proxy");

    public ModuleProxyFolder Folder { get; }

    public ProxiedModule Released { get; }

    public static ProxyEntry Comma(string url) => new(ProxyEntryKind.Url, new Uri(url), false);

    public static ProxyEntry Pipe(string url) => new(ProxyEntryKind.Url, new Uri(url), true);

    public static GoProxyClientOptions Fast => new()
    {
        FirstByteTimeout = TimeSpan.FromSeconds(10),
        IdleTimeout = TimeSpan.FromSeconds(10),
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(40),
    };

    public static GoProxyClientOptions Trusting(TestProxyServer server) => Fast with { AdditionalTrustedRoots = [server.Certificate!] };

    public async Task<TestProxyServer> StartServerAsync(string basePath = "/proxy", bool https = false)
    {
        var server = await TestProxyServer.StartAsync(Folder, basePath, https, TestContext.Current.CancellationToken);
        _servers.Add(server);
        return server;
    }

    /// <summary>Go's environment for a run against <paramref name="goproxy"/>; <paramref name="https"/> servers' certificates are
    /// given to Go through SSL_CERT_FILE.</summary>
    public Dictionary<string, string> GoEnvironment(string goproxy, params TestProxyServer[] https)
    {
        var environment = GoEnvironment(goproxy);
        var pem = Temp.Combine("certs-" + Guid.NewGuid().ToString("N")[..8] + ".pem");
        File.WriteAllText(pem, string.Concat(https.Select(s => s.CertificatePem)));
        environment["SSL_CERT_FILE"] = pem;
        return environment;
    }

    public Dictionary<string, string> GoEnvironment(string goproxy) => new()
    {
        ["GOPROXY"] = goproxy,
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = "-mod=mod",
        ["GOMODCACHE"] = Temp.Combine("modcache-" + Guid.NewGuid().ToString("N")[..8]),
        ["GOPATH"] = Temp.Combine("gopath"),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Temp.Dispose();
    }
}
