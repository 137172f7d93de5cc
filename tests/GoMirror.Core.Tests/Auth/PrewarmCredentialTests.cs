using System.Text;
using GoMirror.Core.Auth;
using GoMirror.Core.Engine;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;
using GoMirror.Testing.Https;

namespace GoMirror.Core.Tests.Auth;

/// <summary>The engine's pre-warm through an https proxy with Basic auth, with the credential where Go users keep it:
/// netrc (NETRC or the home folder) or a GOAUTH command; refused clearly with GOAUTH=off or a wrong password.</summary>
public sealed class PrewarmCredentialTests : IAsyncDisposable
{
    private const string User = "ci-bot";
    private const string Password = "Pr0xy-Secret-4711";

    private PrewarmScenario _scenario = null!;
    private TestCertificateAuthority _authority = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _scenario.DisposeAsync();
        _authority.Dispose();
    }

    [Theory]
    [InlineData("NETRC")]
    [InlineData("home")]
    [InlineData("GOAUTH command")]
    public async Task Prewarm_authenticates_as_go_would(string where)
    {
        var (goMod, secure) = await StartAsync();
        var extra = new Dictionary<string, string> { ["SSL_CERT_FILE"] = _authority.BundleFile };
        string? auth = null;
        var line = AuthProxyBed.NetrcLine(secure, User, Password);
        switch (where)
        {
            case "NETRC":
                extra["NETRC"] = WritePrivate("netrc", line);
                break;
            case "home":
                WritePrivate(".netrc", line);
                break;
            default:
                var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password));
                auth = WriteScript($"printf '%s\\n\\nAuthorization: Basic %s\\n\\n' '{secure.Url}' '{token}'");
                break;
        }

        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(Options(secure, goMod, extra) with { Auth = auth }, log);

        var prewarm = await engine.PrewarmAsync(Token);
        var download = await engine.DownloadAsync(Token);

        Assert.True(prewarm.Succeeded, log.Text);
        Assert.True(download.Succeeded, log.Text);
        Assert.NotEmpty(secure.Requests);
        Assert.All(secure.Requests, r => Assert.True(r.HadAuthorization && r.Status == 200, $"{r.Path}: {r.Status}"));
        _scenario.AssertGoAcceptsOffline(goMod);
        Assert.DoesNotContain(Password, log.Text, StringComparison.Ordinal);
        Assert.All(Directory.EnumerateFiles(engine.StateDirectory!), f => Assert.DoesNotContain(Password, File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_token_variable_names_the_ci_secret_which_never_shows()
    {
        var (goMod, secure) = await StartAsync();
        var log = new RecordingLog();
        var options = Options(secure, goMod, new() { ["GOPROXY_TOKEN"] = User + ":" + Password }) with { ProxyTokenVariable = "GOPROXY_TOKEN" };
        using var engine = new GoMirrorEngine(options, log);

        var prewarm = await engine.PrewarmAsync(Token);

        Assert.True(prewarm.Succeeded, log.Text);
        Assert.All(secure.Requests, r => Assert.True(r.HadAuthorization && r.Status == 200, $"{r.Path}: {r.Status}"));
        Assert.DoesNotContain(Password, log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unset_token_variable_is_a_warning_and_the_401_says_what_was_asked()
    {
        var (goMod, secure) = await StartAsync();
        using var engine = new GoMirrorEngine(Options(secure, goMod, new()) with { ProxyTokenVariable = "GOPROXY_TOKEN" }, new RecordingLog());

        var check = engine.CheckPolicy();
        var prewarm = await engine.PrewarmAsync(Token);

        Assert.Contains(check.Diagnostics, d => d.Descriptor == AuthDiagnostics.TokenVariableUnset && d.Message.Contains("GOPROXY_TOKEN", StringComparison.Ordinal));
        var error = prewarm.Diagnostics.First(d => d.IsError);
        Assert.Equal(AuthDiagnostics.CredentialMissing, error.Descriptor);
        Assert.Contains("netrc: no file at", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_in_the_GOPROXY_variable_is_pointed_out_without_its_value()
    {
        var (goMod, secure) = await StartAsync();
        using var engine = new GoMirrorEngine(_scenario.OptionsWith(secure.UrlWithCredentials(User, Password), new Dictionary<string, string>(), goMod), new RecordingLog());

        var check = engine.CheckPolicy();

        var info = Assert.Single(check.Diagnostics, d => d.Descriptor == AuthDiagnostics.CredentialInUrl);
        Assert.Contains("GOPROXY", info.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, info.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_fails_naming_the_netrc_line_and_never_the_value()
    {
        var (goMod, secure) = await StartAsync();
        var netrc = WritePrivate("netrc", AuthProxyBed.NetrcLine(secure, User, "Wr0ng-Password-99"));
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(Options(secure, goMod, new() { ["NETRC"] = netrc }), log);

        var prewarm = await engine.PrewarmAsync(Token);

        Assert.False(prewarm.Succeeded);
        Assert.All(prewarm.Diagnostics.Where(d => d.IsError), d => Assert.Equal(AuthDiagnostics.CredentialRejected, d.Descriptor));
        var error = prewarm.Diagnostics.First(d => d.IsError);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains($"the credential sent came from netrc {netrc} line 1 (machine {secure.Origin.Authority})", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Wr0ng-Password-99", log.Text + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GOAUTH_off_sends_no_credential_and_says_so()
    {
        var (goMod, secure) = await StartAsync();
        var netrc = WritePrivate("netrc", AuthProxyBed.NetrcLine(secure, User, Password));
        using var engine = new GoMirrorEngine(Options(secure, goMod, new() { ["NETRC"] = netrc }) with { Auth = "off" }, new RecordingLog());

        var prewarm = await engine.PrewarmAsync(Token);

        Assert.False(prewarm.Succeeded);
        Assert.All(prewarm.Diagnostics.Where(d => d.IsError), d => Assert.Equal(AuthDiagnostics.CredentialMissing, d.Descriptor));
        var error = prewarm.Diagnostics.First(d => d.IsError);
        Assert.Contains("GOAUTH=off", error.Message, StringComparison.Ordinal);
        Assert.All(secure.Requests, r => Assert.False(r.HadAuthorization));
    }

    [Fact]
    public async Task A_redirect_to_another_host_drops_the_credential()
    {
        var (goMod, secure) = await StartAsync();
        var other = await TestProxyServer.StartHttpsAsync(_scenario.Proxy, _authority.IssueServerCertificate(), "/cdn", Token);
        await using var cdn = other;
        secure.AddFault(TestProxyFault.Redirect("*.zip", $"https://localhost:{cdn.Port}/cdn/{{path}}"));
        var netrc = WritePrivate("netrc", AuthProxyBed.NetrcLine(secure, User, Password));
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(Options(secure, goMod, new() { ["NETRC"] = netrc }), log);

        var prewarm = await engine.PrewarmAsync(Token);

        Assert.True(prewarm.Succeeded, log.Text);
        Assert.NotEmpty(cdn.Requests);
        Assert.All(cdn.Requests, r => Assert.False(r.HadAuthorization));
        Assert.All(secure.Requests, r => Assert.True(r.HadAuthorization));
        Assert.Contains(prewarm.Diagnostics, d => d.Descriptor == AuthDiagnostics.CredentialDroppedOnRedirect);
    }

    private async Task<(string GoMod, TestProxyServer Secure)> StartAsync()
    {
        _scenario = await PrewarmScenario.StartAsync();
        _authority = new TestCertificateAuthority(_scenario.Temp.Combine("ca.pem"));
        var goMod = _scenario.Component("app", _scenario.Module("corp.example/private/a"), _scenario.Module("corp.example/private/b", "v1.2.0"));
        var secure = await TestProxyServer.StartHttpsAsync(_scenario.Proxy, _authority.IssueServerCertificate(), "/proxy", Token);
        secure.RequireBasicAuth(User, Password);
        return (goMod, secure);
    }

    // In-process the root store is read once per process, so the client is given the CA; the go command
    // gets it through SSL_CERT_FILE.
    private GoMirrorOptions Options(TestProxyServer secure, string goMod, Dictionary<string, string> extra)
    {
        extra["SSL_CERT_FILE"] = _authority.BundleFile;
        return _scenario.OptionsWith(secure.Url, extra, goMod) with
        {
            ProxyClient = PrewarmScenario.FastClient with { AdditionalTrustedRoots = [_authority.Certificate] },
        };
    }

    private string WritePrivate(string name, string content)
    {
        var path = _scenario.Temp.Combine(name);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private string WriteScript(string body)
    {
        if (OperatingSystem.IsWindows())
        {
            throw Xunit.Sdk.SkipException.ForSkip("the GOAUTH helper is a POSIX shell script");
        }

        var path = _scenario.Temp.Combine("goauth.sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // Run by the shell, not executed itself: a process another test forks at the moment the file was written
        // can hold it open for writing, and exec then fails with "text file busy" (seen once in a full suite).
        return "/bin/sh " + path;
    }
}
