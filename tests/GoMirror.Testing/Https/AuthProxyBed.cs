using System.Text;
using Xunit;

namespace GoMirror.Testing.Https;

/// <summary>
/// Private-mirror test bed: a temp folder with one module version in a proxy folder, a certificate authority
/// of its own, and https proxies over the folder that require Basic auth, as Athens, Artifactory or Nexus do.
/// Go and the engine trust the proxies through <c>SSL_CERT_FILE</c> (<see cref="TestCertificateAuthority.BundleFile"/>);
/// the home folder is the bed's own, so the real user's <c>~/.netrc</c> never takes part.
/// </summary>
public sealed class AuthProxyBed : IAsyncDisposable
{
    /// <summary>The module the proxies serve.</summary>
    public const string Module = "corp.example/private/lib";

    /// <summary>Its version.</summary>
    public const string Version = "v1.4.0";

    private readonly List<TestProxyServer> _servers = [];

    /// <summary>Creates the folder, the module and the authority; no server runs yet.</summary>
    public AuthProxyBed()
    {
        Folder = new ModuleProxyFolder(Temp.Combine("proxy"));
        Released = Folder.Add(Module, Version, new Dictionary<string, byte[]> { ["lib.go"] = Encoding.UTF8.GetBytes("package lib\n") });
        Authority = new TestCertificateAuthority(Temp.Combine("ca.pem"));
        Home = Temp.Combine("home");
        Directory.CreateDirectory(Home);
    }

    /// <summary>The bed's folder.</summary>
    public TempDirectory Temp { get; } = new("gomirror-auth");

    /// <summary>The proxy folder served.</summary>
    public ModuleProxyFolder Folder { get; }

    /// <summary>The module version in it.</summary>
    public ProxiedModule Released { get; }

    /// <summary>The CA the servers' certificates come from.</summary>
    public TestCertificateAuthority Authority { get; }

    /// <summary>The HOME (and USERPROFILE) given to Go and the engine.</summary>
    public string Home { get; }

    /// <summary>The module and version as <c>go mod download</c> takes them.</summary>
    public static string ModuleAtVersion => Module + "@" + Version;

    /// <summary>Starts an https proxy under <paramref name="basePath"/>; with a user, it answers 401 to any other credential.</summary>
    public async Task<TestProxyServer> StartProxyAsync(string? user = null, string? password = null, string basePath = "/proxy")
    {
        var server = await TestProxyServer.StartHttpsAsync(Folder, Authority.IssueServerCertificate(), basePath, TestContext.Current.CancellationToken);
        _servers.Add(server);
        if (user is not null)
        {
            server.RequireBasicAuth(user, password ?? string.Empty);
        }

        return server;
    }

    /// <summary>Writes a netrc file with owner-only access (as a user should keep it) and returns its path.</summary>
    public string WriteNetrc(string content, string name = "netrc")
    {
        var path = Temp.Combine(name);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    /// <summary>The netrc line Go needs for <paramref name="server"/>: the machine is host and port, as in the URL.</summary>
    public static string NetrcLine(TestProxyServer server, string user, string password) =>
        $"machine {server.Origin.Authority} login {user} password {password}\n";

    /// <summary>The environment for a go (or engine) run against <paramref name="goproxy"/>: a fresh module cache,
    /// no checksum database, the bed's CA as <c>SSL_CERT_FILE</c>, the bed's home, and <c>NETRC</c> when given.</summary>
    public Dictionary<string, string> GoEnvironment(string goproxy, string? netrc = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["GOPROXY"] = goproxy,
            ["GOSUMDB"] = "off",
            ["GOFLAGS"] = "-mod=mod",
            ["GOMODCACHE"] = Temp.Combine("modcache-" + Guid.NewGuid().ToString("N")[..8]),
            ["GOPATH"] = Temp.Combine("gopath"),
            ["HOME"] = Home,
            ["USERPROFILE"] = Home,
            ["SSL_CERT_FILE"] = Authority.BundleFile,
        };
        if (netrc is not null)
        {
            environment["NETRC"] = netrc;
        }

        return environment;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Authority.Dispose();
        Temp.Dispose();
    }
}
