using System.Net;
using System.Text;
using GoMirror.Core.Auth;
using GoMirror.Core.Policy;
using GoMirror.Core.Security;
using GoMirror.Testing;
using Xunit.Sdk;

namespace GoMirror.Core.Tests.Auth;

/// <summary>The credential source the transport asks per request: netrc, NETRC, GOAUTH commands and their failures.</summary>
public class CredentialSourceTests : IDisposable
{
    private const string Password = "n3trc-Secret-Pa55";
    private readonly TempDirectory _temp = new("gomirror-credentials");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Netrc_in_the_home_folder_gives_basic_auth_for_https_only()
    {
        var home = Home("machine proxy.corp:8443 login builder password " + Password + "\n");
        var redactor = new CredentialRedactor();
        var source = CredentialSource.Create(Host(("HOME", home)), null, redactor);

        var credential = await source.ForRequestAsync(new Uri("https://proxy.corp:8443/mod/@v/list"), Token);
        var plain = await source.ForRequestAsync(new Uri("http://proxy.corp:8443/mod/@v/list"), Token);

        Assert.NotNull(credential);
        var header = Assert.Single(credential.Headers);
        Assert.Equal("Authorization", header.Name);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("builder:" + Password)), header.Value);
        Assert.Contains(".netrc line 1 (machine proxy.corp:8443)", credential.Source, StringComparison.Ordinal);
        Assert.Null(plain);
        Assert.Null(await source.ForRequestAsync(new Uri("https://proxy.corp/mod/@v/list"), Token));
        Assert.Equal("Authorization: ***", redactor.Redact("Authorization: " + header.Value[6..]));
        Assert.Equal("p=***", redactor.Redact("p=" + Password));
    }

    [Fact]
    public async Task NETRC_wins_over_the_home_folder()
    {
        var home = Home("machine proxy.corp login home password home-password\n");
        var other = _temp.Combine("other-netrc");
        File.WriteAllText(other, "machine proxy.corp login env password env-password\n");
        var source = CredentialSource.Create(Host(("HOME", home), ("NETRC", other)), null, new CredentialRedactor());

        var credential = await source.ForRequestAsync(new Uri("https://proxy.corp/x"), Token);

        Assert.Contains("other-netrc", credential!.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Windows_reads_underscore_netrc_first_then_dot_netrc()
    {
        var home = _temp.Combine("winhome");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, ".netrc"), "machine a.example login u password dot-password\n");
        var host = new GoPolicyHost(GoHostOS.Windows, new Dictionary<string, string> { ["USERPROFILE"] = home });

        Assert.EndsWith(".netrc", NetrcLocator.PathFor(host), StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(home, "_netrc"), "machine a.example login u password under-password\n");
        Assert.EndsWith("_netrc", NetrcLocator.PathFor(host), StringComparison.Ordinal);
    }

    [Fact]
    public void A_netrc_open_to_other_users_is_reported_like_curl_does()
    {
        if (OperatingSystem.IsWindows())
        {
            throw SkipException.ForSkip("file modes are Unix-only");
        }

        var home = Home("machine a.example login u password p-123456\n");
        File.SetUnixFileMode(Path.Combine(home, ".netrc"), (UnixFileMode)Convert.ToInt32("644", 8));

        var source = CredentialSource.Create(Host(("HOME", home)), null, new CredentialRedactor());

        var warning = Assert.Single(source.SetupDiagnostics);
        Assert.Equal(AuthDiagnostics.NetrcPermissions, warning.Descriptor);
        Assert.Contains("can be read by other users", warning.Message, StringComparison.Ordinal);

        File.SetUnixFileMode(Path.Combine(home, ".netrc"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Empty(CredentialSource.Create(Host(("HOME", home)), null, new CredentialRedactor()).SetupDiagnostics);
    }

    [Fact]
    public void A_netrc_that_cannot_be_read_is_a_warning_and_no_credential()
    {
        var directory = _temp.Combine("a-folder-not-a-file");
        Directory.CreateDirectory(directory);

        var source = CredentialSource.Create(Host(("NETRC", directory)), null, new CredentialRedactor());

        Assert.Equal(AuthDiagnostics.NetrcUnreadable, Assert.Single(source.SetupDiagnostics).Descriptor);
    }

    [Fact]
    public async Task GOAUTH_off_sends_nothing_even_with_a_netrc()
    {
        var home = Home("machine proxy.corp login u password " + Password + "\n");
        var source = CredentialSource.Create(Host(("HOME", home)), "off", new CredentialRedactor());

        Assert.True(source.IsOff);
        Assert.Null(await source.ForRequestAsync(new Uri("https://proxy.corp/x"), Token));
        Assert.Contains("GOAUTH=off", source.Explain(new Uri("https://proxy.corp/x"), null), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_GOAUTH_is_an_error_and_sends_nothing()
    {
        var home = Home("machine proxy.corp login u password " + Password + "\n");
        var source = CredentialSource.Create(Host(("HOME", home)), "netrc;", new CredentialRedactor());

        Assert.Equal(AuthDiagnostics.GoAuthInvalid, Assert.Single(source.SetupDiagnostics).Descriptor);
        Assert.Null(await source.ForRequestAsync(new Uri("https://proxy.corp/x"), Token));
    }

    [Fact]
    public async Task A_GOAUTH_command_runs_once_before_the_first_request_and_its_headers_are_secrets()
    {
        var calls = _temp.Combine("calls");
        var command = Script("auth.sh", $"""
            echo "args=$#" >> {calls}
            printf 'https://proxy.corp/private\n\nAuthorization: Bearer cmd-T0ken-123\n\n'
            """);
        var redactor = new CredentialRedactor();
        var source = CredentialSource.Create(Host(), command, redactor);

        var first = await source.ForRequestAsync(new Uri("https://proxy.corp/private/mod/@v/list"), Token);
        var second = await source.ForRequestAsync(new Uri("https://proxy.corp/private/other/@v/list"), Token);
        var elsewhere = await source.ForRequestAsync(new Uri("https://proxy.corp/public/mod/@v/list"), Token);

        Assert.Equal("Bearer cmd-T0ken-123", Assert.Single(first!.Headers).Value);
        Assert.Same(first, second);
        Assert.Null(elsewhere);
        Assert.Equal(["args=0"], File.ReadAllLines(calls));
        Assert.Contains("GOAUTH command", first.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("cmd-T0ken-123", first.Source, StringComparison.Ordinal);
        Assert.Equal("token ***", redactor.Redact("token cmd-T0ken-123"));
        Assert.Empty(source.TakeDiagnostics());
    }

    [Fact]
    public async Task After_a_4xx_the_command_runs_again_with_the_url_and_the_response_on_stdin()
    {
        var seen = _temp.Combine("seen");
        var command = Script("auth.sh", $$"""
            if [ $# -eq 0 ]; then exit 0; fi
            echo "url=$1" > {{seen}}
            cat >> {{seen}}
            printf '%s\n\nAuthorization: Bearer late-T0ken-456\n\n' "$1"
            """);
        var source = CredentialSource.Create(Host(), command, new CredentialRedactor());
        var url = new Uri("https://proxy.corp/mod/@v/v1.0.0.zip");
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Version = HttpVersion.Version11, ReasonPhrase = "Unauthorized" };
        response.Headers.WwwAuthenticate.ParseAdd("Basic realm=\"corp\"");

        Assert.Null(await source.ForRequestAsync(url, Token));
        Assert.True(source.RetriesAfterClientError);
        var retried = await source.AfterClientErrorAsync(url, response, Token);

        Assert.Equal("Bearer late-T0ken-456", Assert.Single(retried!.Headers).Value);
        var lines = File.ReadAllLines(seen);
        Assert.Equal("url=" + url.AbsoluteUri, lines[0]);
        Assert.Equal("HTTP/1.1 401 Unauthorized", lines[1]);
        Assert.Contains("WWW-Authenticate: Basic realm=\"corp\"", lines);
    }

    [Fact]
    public async Task Earlier_GOAUTH_entries_win_for_the_same_prefix_as_in_go()
    {
        var home = Home("machine proxy.corp login u password " + Password + "\n");
        var command = Script("auth.sh", "printf 'https://proxy.corp\\n\\nAuthorization: Bearer from-command-1\\n\\n'");

        var commandFirst = CredentialSource.Create(Host(("HOME", home)), command + ";netrc", new CredentialRedactor());
        var netrcFirst = CredentialSource.Create(Host(("HOME", home)), "netrc;" + command, new CredentialRedactor());

        Assert.StartsWith("Bearer", (await commandFirst.ForRequestAsync(new Uri("https://proxy.corp/x"), Token))!.Headers[0].Value, StringComparison.Ordinal);
        Assert.StartsWith("Basic", (await netrcFirst.ForRequestAsync(new Uri("https://proxy.corp/x"), Token))!.Headers[0].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_command_is_reported_with_its_stderr_redacted_and_requests_go_on()
    {
        var home = Home("machine proxy.corp login u password " + Password + "\n");
        var command = Script("auth.sh", $"echo 'helper broke, password was {Password}' >&2; exit 3");
        var source = CredentialSource.Create(Host(("HOME", home)), command + ";netrc", new CredentialRedactor());

        var credential = await source.ForRequestAsync(new Uri("https://proxy.corp/x"), Token);

        Assert.StartsWith("Basic", credential!.Headers[0].Value, StringComparison.Ordinal);
        var failure = Assert.Single(source.TakeDiagnostics());
        Assert.Equal(AuthDiagnostics.GoAuthCommandFailed, failure.Descriptor);
        Assert.Contains("exit status 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("helper broke", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_cannot_start_is_reported()
    {
        var source = CredentialSource.Create(Host(), "/no/such/gomirror-helper --flag", new CredentialRedactor());

        Assert.Null(await source.ForRequestAsync(new Uri("https://proxy.corp/x"), Token));

        Assert.Equal(AuthDiagnostics.GoAuthCommandFailed, Assert.Single(source.TakeDiagnostics()).Descriptor);
    }

    [Fact]
    public async Task Garbage_output_is_rejected_whole_and_never_echoed()
    {
        var command = Script("auth.sh", "printf 'Authorization: Bearer garbage-T0ken-789\\n'");
        var source = CredentialSource.Create(Host(), command, new CredentialRedactor());

        Assert.Null(await source.ForRequestAsync(new Uri("https://proxy.corp/x"), Token));

        var problem = Assert.Single(source.TakeDiagnostics());
        Assert.Equal(AuthDiagnostics.GoAuthOutputInvalid, problem.Descriptor);
        Assert.Contains("expected url prefix", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("garbage-T0ken-789", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Git_credential_fill_answers_after_a_4xx_for_its_repository()
    {
        var repo = _temp.Combine("repo");
        Directory.CreateDirectory(repo);
        var helper = Script("git-helper.sh", "echo username=gituser; echo password=git-Secret-321");
        Run("git", repo, "init", "-q");
        Run("git", repo, "config", "credential.helper", "!" + helper);
        var source = CredentialSource.Create(Host(("HOME", _temp.Path), ("PATH", Environment.GetEnvironmentVariable("PATH")!)), "git " + repo, new CredentialRedactor());
        var url = new Uri("https://proxy.corp/mod/@v/list");
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);

        Assert.Null(await source.ForRequestAsync(url, Token));
        var credential = await source.AfterClientErrorAsync(url, response, Token);

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("gituser:git-Secret-321")), credential!.Headers[0].Value);
        Assert.Contains("git credential fill in " + repo, credential.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Checking_the_servers_reports_http_credentials_and_machines_that_miss_the_port()
    {
        var home = Home("machine athens.lan login u password p-123456\nmachine proxy.corp login u password p-654321\nmachine ported.corp:8443 login u password p-111111\n");
        var servers = new[] { new Uri("http://athens.lan:3000/"), new Uri("https://proxy.corp:8443/"), new Uri("https://ported.corp:8443/"), new Uri("https://proxy.corp/") };

        var modern = CredentialSource.Create(Host(("HOME", home)), null, new CredentialRedactor()).CheckServers(servers);
        var old = CredentialSource.Create(Host(("HOME", home)), null, new CredentialRedactor(), NetrcHostMatch.HostOnly).CheckServers(servers);

        Assert.Equal([AuthDiagnostics.CredentialNotSentOverHttp, AuthDiagnostics.NetrcMachineWithoutPort], modern.Select(d => d.Descriptor));
        Assert.Contains("write machine proxy.corp:8443", modern[1].Message, StringComparison.Ordinal);
        Assert.Equal([AuthDiagnostics.CredentialNotSentOverHttp, AuthDiagnostics.NetrcMachineWithoutPort], old.Select(d => d.Descriptor));
        Assert.Contains("add machine ported.corp", old[1].Message, StringComparison.Ordinal);
        Assert.All(modern.Concat(old), d => Assert.DoesNotContain("p-", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Explains_which_source_was_asked_without_a_value()
    {
        var home = Home("machine proxy.corp login u password " + Password + "\n");
        var source = CredentialSource.Create(Host(("HOME", home)), null, new CredentialRedactor());

        var text = source.Explain(new Uri("https://other.corp:8443/x"), null);

        Assert.Contains("netrc " + Path.Combine(home, ".netrc") + ": no machine other.corp:8443", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.Contains("no file at", CredentialSource.Create(Host(("HOME", _temp.Combine("nobody"))), null, new CredentialRedactor()).Explain(new Uri("https://a/x"), null), StringComparison.Ordinal);
    }

    private static void Run(string program, string directory, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static GoPolicyHost Host(params (string Name, string Value)[] variables) =>
        new(GoHostOS.Linux, variables.ToDictionary(v => v.Name, v => v.Value));

    private string Home(string netrc)
    {
        var home = _temp.Combine("home-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(home);
        var file = Path.Combine(home, ".netrc");
        File.WriteAllText(file, netrc);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return home;
    }

    private string Script(string name, string body)
    {
        if (OperatingSystem.IsWindows())
        {
            throw SkipException.ForSkip("the helper scripts are POSIX shell scripts");
        }

        var path = _temp.Combine(Guid.NewGuid().ToString("N")[..6] + "-" + name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
