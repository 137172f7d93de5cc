using System.Text;
using GoMirror.Core.Auth;
using GoMirror.Core.Engine;
using GoMirror.Core.SumDb;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;
using GoMirror.Testing.Https;
using GoMirror.Testing.SumDb;

namespace GoMirror.Core.Tests.SumDb;

/// <summary>
/// Go's own checksum database (x/mod/sumdb) over https with a test CA, requiring Basic auth, reached directly
/// (GOSUMDB's URL) and through a proxy's /sumdb/&lt;name&gt;/supported. Go with the netrc file is the oracle;
/// the engine must get in with the same file, fail with the code naming the source on a wrong password, drop
/// the credential on a redirect to another host, never ask about a GONOSUMDB path, and never show the secret.
/// </summary>
public sealed class SumDbCredentialTests : IDisposable
{
    private const string User = "sumdb-bot";
    private const string Password = "Sumdb-S3cret-8812";

    private readonly SumDbWorld _world = new();
    private readonly TestCertificateAuthority _authority;

    public SumDbCredentialTests()
    {
        _authority = new TestCertificateAuthority(_world.Temp.Combine("ca.pem"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _world.Dispose();
        _authority.Dispose();
    }

    [Theory]
    [EveryGo]
    public async Task A_database_behind_basic_auth_is_reached_with_the_netrc_go_uses(string goVersion)
    {
        var go = GoVersions.Require(goVersion);
        var server = Start(auth: User + ":" + Password);
        var netrc = Netrc(server, Password);

        var run = GoDownload(go, _world.Proxy.FileUrl, server.GoSumDbDirect, netrc, "go", _world.A);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var byGo = server.Requests.Count;
        Assert.Contains("/lookup/example.com/a@v1.0.0", server.Requests);
        Assert.Equal(byGo, server.AuthorizedRequests.Count);

        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(Options(_world.Proxy.FileUrl, server.GoSumDbDirect, _world.Component("agent", _world.A), netrc), log);
        var step = await engine.PrewarmAsync(Ct);

        Assert.True(step.Succeeded, log.Text);
        Assert.Contains("verified against checksum database " + SumDbWorld.Name, log.Text, StringComparison.Ordinal);
        var byEngine = server.Requests.Skip(byGo).ToList();
        Assert.NotEmpty(byEngine);
        Assert.Equal(byEngine, server.AuthorizedRequests.Skip(byGo));
        AssertNoSecret(Password, log.Text, engine);
    }

    [Theory]
    [EveryGo]
    public async Task A_proxy_that_serves_the_database_behind_basic_auth_is_walked_with_the_netrc_go_uses(string goVersion)
    {
        var go = GoVersions.Require(goVersion);
        var server = Start(auth: User + ":" + Password, asProxy: true);
        var netrc = Netrc(server, Password);
        var supported = "/sumdb/" + SumDbWorld.Name + "/supported";

        var run = GoDownload(go, server.Url, _world.Keys.VerifierKey, netrc, "go", _world.A);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var byGo = server.Requests.Count;
        Assert.Contains(supported, server.Requests);
        Assert.Equal(byGo, server.AuthorizedRequests.Count);

        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(Options(server.Url, _world.Keys.VerifierKey, _world.Component("agent", _world.A), netrc), log);
        var step = await engine.PrewarmAsync(Ct);

        Assert.True(step.Succeeded, log.Text);
        var byEngine = server.Requests.Skip(byGo).ToList();
        Assert.Contains(supported, byEngine);
        Assert.Contains(byEngine, r => r.StartsWith("/sumdb/" + SumDbWorld.Name + "/lookup/example.com/a@v1.0.0", StringComparison.Ordinal));
        Assert.Equal(byEngine, server.AuthorizedRequests.Skip(byGo));
        AssertNoSecret(Password, log.Text, engine);
    }

    [Fact]
    public async Task A_wrong_password_fails_for_both_and_the_engine_names_the_netrc_line_not_the_value()
    {
        var go = GoToolchain.Require();
        var server = Start(auth: User + ":" + Password);
        const string wrong = "Wr0ng-Sumdb-Password-55";
        var netrc = Netrc(server, wrong);

        var run = GoDownload(go, _world.Proxy.FileUrl, server.GoSumDbDirect, netrc, "go", _world.A);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("401 Unauthorized", run.Stdout + run.Stderr, StringComparison.Ordinal);

        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(Options(_world.Proxy.FileUrl, server.GoSumDbDirect, _world.Component("agent", _world.A), netrc), log);
        var step = await engine.PrewarmAsync(Ct);

        Assert.False(step.Succeeded);
        var error = Assert.Single(step.Diagnostics, d => d.IsError);
        Assert.Equal(SumDbDiagnostics.CredentialRejected, error.Descriptor);
        Assert.Contains("401 Unauthorized", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the credential sent came from netrc {netrc} line 1 (machine {server.Authority})", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_world.Temp.Combine("modcache"), "example.com", "a@v1.0.0")), "nothing lands without a proved record");
        AssertNoSecret(wrong, log.Text + error, engine);
    }

    [Fact]
    public async Task GOAUTH_off_sends_nothing_and_the_engine_says_no_credential_was_sent()
    {
        GoToolchain.Require();
        var server = Start(auth: User + ":" + Password);
        var netrc = Netrc(server, Password);

        using var engine = new GoMirrorEngine(Options(_world.Proxy.FileUrl, server.GoSumDbDirect, _world.Component("agent", _world.A), netrc) with { Auth = "off" }, new RecordingLog());
        var step = await engine.PrewarmAsync(Ct);

        Assert.False(step.Succeeded);
        var error = Assert.Single(step.Diagnostics, d => d.IsError);
        Assert.Equal(SumDbDiagnostics.CredentialMissing, error.Descriptor);
        Assert.Contains("GOAUTH=off", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(server.Requests);
        Assert.Empty(server.AuthorizedRequests);
    }

    [Fact]
    public async Task A_redirect_to_another_host_drops_the_credential_for_both()
    {
        var go = GoToolchain.Require();
        var other = Start();
        var front = Start(auth: User + ":" + Password, redirectTo: "https://localhost:" + new Uri(other.Url).Port);
        var netrc = Netrc(front, Password);

        var run = GoDownload(go, _world.Proxy.FileUrl, front.GoSumDbDirect, netrc, "go", _world.A);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var (frontByGo, otherByGo) = (front.Requests.Count, other.Requests.Count);
        Assert.NotEqual(0, otherByGo);
        Assert.Empty(other.AuthorizedRequests);
        Assert.Equal(frontByGo, front.AuthorizedRequests.Count);

        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(Options(_world.Proxy.FileUrl, front.GoSumDbDirect, _world.Component("agent", _world.A), netrc), log);
        var step = await engine.PrewarmAsync(Ct);

        Assert.True(step.Succeeded, log.Text);
        Assert.True(other.Requests.Count > otherByGo, "the engine followed the redirect");
        Assert.Empty(other.AuthorizedRequests);
        Assert.True(front.AuthorizedRequests.Count > frontByGo, "the engine sent the credential to the host it is for");
        Assert.Contains(step.Diagnostics, d => d.Descriptor == AuthDiagnostics.CredentialDroppedOnRedirect);
    }

    [Fact]
    public async Task GONOSUMDB_paths_are_asked_by_neither_Go_nor_the_engine()
    {
        var go = GoToolchain.Require();
        var server = Start(auth: User + ":" + Password);
        var netrc = Netrc(server, Password);
        var goMod = _world.Component("agent", _world.A, _world.C);
        var noSumDb = new Dictionary<string, string> { ["GONOSUMDB"] = "corp.example" };

        var work = _world.Temp.Combine("work-nosumdb");
        Directory.CreateDirectory(work);
        var env = GoEnvironment(_world.Proxy.FileUrl, server.GoSumDbDirect, netrc, "go");
        env["GONOSUMDB"] = "corp.example";
        var run = GoToolchain.RunGo(go, work, env, "mod", "download", "-json", _world.A.Path + "@" + _world.A.Version, _world.C.Path + "@" + _world.C.Version);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var byGo = server.Requests.Count;
        Assert.Contains("/lookup/example.com/a@v1.0.0", server.Requests);

        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(Options(_world.Proxy.FileUrl, server.GoSumDbDirect, goMod, netrc, noSumDb), log);
        var step = await engine.PrewarmAsync(Ct);

        Assert.True(step.Succeeded, log.Text);
        Assert.Contains("/lookup/example.com/a@v1.0.0", server.Requests.Skip(byGo));
        Assert.DoesNotContain(server.Requests, r => r.Contains("corp.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_token_variable_serves_the_database_on_the_proxys_host_outside_the_proxys_path()
    {
        GoToolchain.Require();
        var server = Start(auth: User + ":" + Password, asProxy: true, proxyPrefix: "/proxy");
        var direct = _world.Keys.VerifierKey + " " + server.Url + "/sumdb/" + SumDbWorld.Name;
        var variables = new Dictionary<string, string> { ["GOPROXY_TOKEN"] = User + ":" + Password };

        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(Options(server.Url + "/proxy", direct, _world.Component("agent", _world.A), null, variables) with { ProxyTokenVariable = "GOPROXY_TOKEN" }, log);
        var step = await engine.PrewarmAsync(Ct);

        Assert.True(step.Succeeded, log.Text);
        Assert.Contains(server.AuthorizedRequests, r => r.StartsWith("/sumdb/" + SumDbWorld.Name + "/lookup/", StringComparison.Ordinal));
        Assert.Contains(server.AuthorizedRequests, r => r.StartsWith("/proxy/example.com/a/@v/", StringComparison.Ordinal));
        Assert.Equal(server.Requests, server.AuthorizedRequests);
        AssertNoSecret(Password, log.Text, engine);
    }

    private SumDbTestServer Start(string? auth = null, bool asProxy = false, string? redirectTo = null, string? proxyPrefix = null) =>
        _world.Start(new SumDbServerOptions
        {
            ModuleFolder = _world.Proxy.Root,
            Certificate = _authority.IssueServerCertificate(),
            BasicAuth = auth,
            AsProxyWithSumDb = asProxy,
            RedirectTo = redirectTo,
            ProxyPrefix = proxyPrefix,
        });

    // Go 1.21+ match the machine with its port, Go 1.19 the host alone: one line for each, the first wins.
    private string Netrc(SumDbTestServer server, string password)
    {
        var path = _world.Temp.Combine("netrc-" + Guid.NewGuid().ToString("N")[..6]);
        var host = new Uri(server.Url).Host;
        File.WriteAllText(path, $"machine {server.Authority} login {User} password {password}\nmachine {host} login {User} password {password}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private GoRun GoDownload(string go, string goProxy, string goSumDb, string netrc, string label, params ProxiedModule[] modules)
    {
        var work = _world.Temp.Combine("work-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(work);
        return GoToolchain.RunGo(go, work, GoEnvironment(goProxy, goSumDb, netrc, label), ["mod", "download", "-json", .. modules.Select(m => m.Path + "@" + m.Version)]);
    }

    private Dictionary<string, string> GoEnvironment(string goProxy, string goSumDb, string netrc, string label)
    {
        var own = _world.Temp.Combine(label + "-" + Guid.NewGuid().ToString("N")[..6]);
        return new()
        {
            ["GOPROXY"] = goProxy,
            ["GOSUMDB"] = goSumDb,
            ["GONOSUMDB"] = string.Empty,
            ["GOPRIVATE"] = string.Empty,
            ["GOFLAGS"] = "-mod=mod",
            ["GOPATH"] = own,
            ["GOMODCACHE"] = Path.Combine(own, "pkg", "mod"),
            ["GOCACHE"] = _world.Temp.Combine("gocache"),
            ["GOTOOLCHAIN"] = "local",
            ["HOME"] = own,
            ["NETRC"] = netrc,
            ["SSL_CERT_FILE"] = _authority.BundleFile,
        };
    }

    // In-process the root store is read once per process, so the client is given the CA; the go command gets
    // SSL_CERT_FILE.
    private GoMirrorOptions Options(string goProxy, string goSumDb, string goMod, string? netrc, Dictionary<string, string>? extra = null)
    {
        var variables = new Dictionary<string, string>
        {
            ["GOSUMDB"] = goSumDb,
            ["GONOSUMDB"] = string.Empty,
            ["GOPRIVATE"] = string.Empty,
            ["SSL_CERT_FILE"] = _authority.BundleFile,
        };
        if (netrc is not null)
        {
            variables["NETRC"] = netrc;
        }

        foreach (var (key, value) in extra ?? [])
        {
            variables[key] = value;
        }

        return PrewarmScenario.OptionsFor(_world.Temp.Path, goProxy, [goMod], variables) with
        {
            ProxyClient = PrewarmScenario.FastClient with { AdditionalTrustedRoots = [_authority.Certificate] },
        };
    }

    private static void AssertNoSecret(string secret, string logText, GoMirrorEngine engine)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + secret));
        foreach (var needle in new[] { secret, basic })
        {
            Assert.DoesNotContain(needle, logText, StringComparison.Ordinal);
            Assert.All(Directory.EnumerateFiles(engine.StateDirectory!), f => Assert.DoesNotContain(needle, File.ReadAllText(f), StringComparison.Ordinal));
        }
    }
}
