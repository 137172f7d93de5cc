using System.Diagnostics;
using GoMirror.Core.GoCommand;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.GoCommand;

/// <summary>Runs the real go against proxies and caches the tests create; Go's own output is the oracle.</summary>
public class GoModDownloaderTests
{
    [Theory]
    [EveryGo]
    public async Task Several_modules_download_and_every_field_matches_what_go_recorded(string go)
    {
        using var selected = GoVersions.Use(go);
using var w = new DownloadWorkspace();

        var modules = Enumerable.Range(0, 8).Select(i => w.AddModule($"example.com/Lib{i}", "v1.0." + (i % 3))).ToArray();
        w.WriteGoMod(modules);

        var result = await w.Run(w.Request([.. modules.Select(m => m.Path + "@" + m.Version)]));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(modules.Length, result.Modules.Count);
        var goSum = File.ReadAllLines(w.GoSumPath);
        foreach (var (expected, got) in modules.Zip(result.Modules))
        {
            Assert.Equal(expected.Path, got.Path);
            Assert.Equal(expected.Version, got.Version);
            Assert.Null(got.Error);
            Assert.Contains($"{got.Path} {got.Version} {got.Sum}", goSum);
            Assert.Contains($"{got.Path} {got.Version}/go.mod {got.GoModSum}", goSum);
            Assert.True(File.Exists(Path.Combine(got.Dir!, "lib.go")), got.Dir);
            Assert.True(File.Exists(got.Zip) && File.Exists(got.Info) && File.Exists(got.GoMod));
        }
    }

    [Theory]
    [EveryGo]
    public async Task Origin_and_the_hashes_of_a_failed_module_are_read_as_each_go_writes_them(string go)
    {
        using var selected = GoVersions.Use(go);
        using var w = new DownloadWorkspace();
        var withOrigin = w.AddModule("example.com/origin", "v1.0.0");
        const string hash = "0123456789abcdef0123456789abcdef01234567";
        File.WriteAllText(Path.ChangeExtension(withOrigin.ModFile, ".info"), $"{{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-02T03:04:05Z\",\"Origin\":{{\"VCS\":\"git\",\"URL\":\"https://git.example/origin\",\"Hash\":\"{hash}\",\"Ref\":\"refs/tags/v1.0.0\"}}}}");
        var noZip = w.AddModule("example.com/nozip", "v1.0.0");
        File.Delete(noZip.ZipFile);
        w.WriteGoMod();

        var result = await w.Run(w.Request(withOrigin.Path + "@v1.0.0", noZip.Path + "@v1.0.0"));

        // Every release prints Origin (1.23 with Hash before Ref, 1.19 and 1.21 after it: order is no matter to
        // a JSON reader), and a module whose zip failed still carries Info and GoModSum beside its Error.
        Assert.Equal(1, result.ExitCode);
        var origin = Assert.Single(result.Modules, m => m.Path == withOrigin.Path);
        Assert.True(origin.Succeeded, origin.Error);
        Assert.Equal(new GoModuleOrigin("git", "https://git.example/origin", null, hash, null, null, "refs/tags/v1.0.0", null), origin.Origin);
        Assert.False(origin.Reuse);
        Assert.StartsWith("h1:", origin.Sum, StringComparison.Ordinal);
        var failed = Assert.Single(result.Modules, m => m.Path == noZip.Path);
        Assert.NotNull(failed.Error);
        Assert.Null(failed.Sum);
        Assert.StartsWith("h1:", failed.GoModSum, StringComparison.Ordinal);
        Assert.True(File.Exists(failed.Info), failed.Info);
        Assert.Equal(GoCommandDiagnostics.ModuleNotFound, Assert.Single(result.Diagnostics).Descriptor);
    }

    [Theory]
    [EveryGo]
    public async Task A_module_with_no_dependencies_succeeds_and_what_go_said_is_information(string go)
    {
        using var selected = GoVersions.Use(go);
using var w = new DownloadWorkspace();
        w.WriteGoMod();

        var result = await w.Run(w.Request());

        // Go 1.19, 1.21 and 1.23 exit 0 and print "go: no module dependencies to download" on stderr.
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no module dependencies", result.StandardError, StringComparison.Ordinal);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity != GoMirror.Core.Diagnostics.DiagnosticSeverity.Info);
    }

    [Theory]
    [EveryGo]
    public async Task Modules_missing_from_the_proxy_are_error_objects_and_exit_1(string go)
    {
        using var selected = GoVersions.Use(go);
using var w = new DownloadWorkspace();
        var present = w.AddModule("example.com/present", "v1.0.0");
        w.WriteGoMod();

        // 400 misses print about 80 KiB of JSON, more than a pipe buffer holds: a runner that waited for
        // exit before reading stdout would deadlock here.
        var absent = Enumerable.Range(0, 400).Select(i => $"example.com/absent{i}@v1.2.3").ToArray();
        var result = await w.Run(w.Request([.. absent, present.Path + "@" + present.Version]));

        Assert.Equal(1, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Equal(401, result.Modules.Count);
        Assert.True(Assert.Single(result.Modules, m => m.Path == present.Path).Succeeded);
        var missing = result.Modules.Where(m => m.Path != present.Path).ToList();
        Assert.All(missing, m => Assert.True(m.Error is not null && m.Zip is null && m.Sum is null));
        Assert.Equal(absent, missing.Select(m => m.ToString()));
        Assert.Equal(absent.Length, result.Diagnostics.Count);
        Assert.All(result.Diagnostics.Zip(absent), pair =>
        {
            Assert.Equal(GoCommandDiagnostics.ModuleNotFound, pair.First.Descriptor);
            Assert.Contains(pair.Second, pair.First.Message, StringComparison.Ordinal);
        });
    }

    [Theory]
    [EveryGo]
    public async Task GOPROXY_off_with_an_empty_cache_says_lookup_is_disabled_and_streams_stderr(string go)
    {
        using var selected = GoVersions.Use(go);
using var w = new DownloadWorkspace();
        w.WriteGoMod(w.AddModule("example.com/dep", "v1.0.0"));
        w.Environment["GOPROXY"] = "off";
        var streamed = new List<string>();

        var result = await w.Run(w.Request() with { StandardErrorLine = streamed.Add });

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Modules);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(GoCommandDiagnostics.ModuleLookupDisabled, diagnostic.Descriptor);
        Assert.Contains("example.com/dep@v1.0.0", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(streamed, l => l.Contains("module lookup disabled by GOPROXY=off", StringComparison.Ordinal));
        Assert.Contains("GOPROXY=off", result.StandardError, StringComparison.Ordinal);
    }

    public static TheoryData<bool, bool, string> MismatchCases
    {
        get
        {
            var data = new TheoryData<bool, bool, string>();
            foreach (var go in GoVersions.Expected)
            {
                data.Add(false, false, go);
                data.Add(true, false, go);
                data.Add(false, true, go);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MismatchCases))]
    public async Task A_wrong_hash_in_go_sum_is_a_mismatch_pointing_at_the_go_sum_line(bool withArguments, bool goModLine, string go)
    {
        using var selected = GoVersions.Use(go);
        using var w = new DownloadWorkspace();
        var other = w.AddModule("example.com/other", "v1.0.0");
        var dep = w.AddModule("example.com/dep", "v1.0.0");
        w.WriteGoMod(other, dep);
        string[] arguments = [other.Path + "@" + other.Version, dep.Path + "@" + dep.Version];
        Assert.True((await w.Run(w.Request(arguments))).Succeeded);

        // Go wrote go.sum; replace one of its hashes with a wrong one and make Go download again.
        var lines = File.ReadAllLines(w.GoSumPath);
        var prefix = goModLine ? "example.com/dep v1.0.0/go.mod " : "example.com/dep v1.0.0 ";
        var index = Array.FindIndex(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        var good = lines[index][prefix.Length..];
        const string wrong = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        lines[index] = prefix + wrong;
        File.WriteAllLines(w.GoSumPath, lines);
        w.ClearModCache();

        var result = await w.Run(withArguments ? w.Request(arguments) : w.Request());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("SECURITY ERROR", result.StandardError, StringComparison.Ordinal);
        var mismatch = Assert.Single(result.Diagnostics, d => d.Descriptor == GoCommandDiagnostics.ChecksumMismatch);
        Assert.Contains(goModLine ? "example.com/dep@v1.0.0/go.mod" : "example.com/dep@v1.0.0 ", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains(good, mismatch.Message, StringComparison.Ordinal);
        Assert.Contains(wrong, mismatch.Message, StringComparison.Ordinal);
        Assert.Equal(w.GoSumPath, mismatch.Location?.File);
        Assert.Equal(index + 1, mismatch.Location?.Line);
    }

    [Theory]
    [EveryGo]
    public async Task A_malformed_go_mod_points_at_its_line(string go)
    {
        using var selected = GoVersions.Use(go);
using var w = new DownloadWorkspace();
        File.WriteAllText(w.GoModPath, "module example.com/main\n\ngo 1.19\n\nrequire example.com/dep v1.0.0\nbogus directive here\n");

        var result = await w.Run(w.Request());

        Assert.Equal(1, result.ExitCode);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(GoCommandDiagnostics.MalformedGoMod, diagnostic.Descriptor);
        Assert.Equal(w.GoModPath, diagnostic.Location?.File);
        Assert.Equal(6, diagnostic.Location?.Line);
        Assert.Contains("unknown directive: bogus", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_go_mod_and_no_arguments_fails_with_go_s_own_message()
    {
        using var w = new DownloadWorkspace();

        var result = await w.Run(w.Request());

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Modules);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(GoCommandDiagnostics.CommandFailed, diagnostic.Descriptor);
        Assert.Contains("no modules specified", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GOMODCACHE", null)]
    [InlineData("GOPATH", null)]
    [InlineData("GOMODCACHE", "relative/cache")]
    public async Task The_runner_refuses_to_start_without_an_absolute_GOMODCACHE_and_GOPATH(string name, string? value)
    {
        using var w = new DownloadWorkspace();
        w.WriteGoMod();
        if (value is null)
        {
            w.Environment.Remove(name);
        }
        else
        {
            w.Environment[name] = value;
        }

        var started = false;
        var result = await w.Run(w.Request() with { Started = _ => started = true });

        Assert.False(started);
        Assert.Equal(-1, result.ExitCode);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(GoCommandDiagnostics.EnvironmentIncomplete, diagnostic.Descriptor);
        Assert.Contains(name, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Go_itself_rejects_a_relative_GOMODCACHE_the_same_way()
    {
        // Oracle for the check above: Go refuses a relative GOMODCACHE too, and its message maps to the same code.
        using var w = new DownloadWorkspace();
        w.WriteGoMod(w.AddModule("example.com/dep", "v1.0.0"));
        var run = GoToolchain.Run(w.ModuleDirectory, new Dictionary<string, string>(w.Environment) { ["GOMODCACHE"] = "relative" }, "mod", "download", "-json", "example.com/dep@v1.0.0");
        GoDownloadJsonParser.Parse(run.Stdout, out var modules);

        var diagnostic = GoErrorOutputParser.ClassifyModuleError(Assert.Single(modules));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(GoCommandDiagnostics.EnvironmentIncomplete, diagnostic.Descriptor);
    }

    [Fact]
    public async Task A_checksum_database_answering_410_explains_GOPRIVATE()
    {
        using var w = new DownloadWorkspace();
        var dep = w.AddModule("git.corp.example/team/dep", "v1.0.0");
        w.WriteGoMod(dep);
        using var sumdb = LoopbackServer.Answering("410 Gone", "not found: git.corp.example/team/dep@v1.0.0: unrecognized import path");
        w.Environment["GOSUMDB"] = "sum.golang.org " + sumdb.Url;

        var result = await w.Run(w.Request(dep.Path + "@" + dep.Version));

        Assert.Equal(1, result.ExitCode);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(GoCommandDiagnostics.ChecksumDatabaseLookupFailed, diagnostic.Descriptor);
        Assert.Contains("GOPRIVATE", diagnostic.Fix, StringComparison.Ordinal);
        Assert.Contains("git.corp.example/team/dep", diagnostic.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_proxy_is_reported_without_its_credentials()
    {
        using var w = new DownloadWorkspace();
        w.WriteGoMod(w.AddModule("example.com/dep", "v1.0.0"));
        const string secret = "s3cret-token";
        w.Environment["GOPROXY"] = $"https://builder:{secret}@127.0.0.1:{LoopbackServer.ClosedPort()}";

        var result = await w.Run(w.Request("example.com/dep@v1.0.0"));

        Assert.Equal(1, result.ExitCode);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(GoCommandDiagnostics.ProxyUnreachable, diagnostic.Descriptor);
        Assert.Contains("https://***@127.0.0.1", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("GOPROXY=https://***@127.0.0.1", result.CommandLine, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.CommandLine + diagnostic + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_in_a_plain_http_proxy_url_are_refused_by_go_and_explained()
    {
        using var w = new DownloadWorkspace();
        w.WriteGoMod();
        w.Environment["GOPROXY"] = $"http://builder:pl41n-secret@127.0.0.1:{LoopbackServer.ClosedPort()}";

        var result = await w.Run(w.Request("example.com/dep@v1.0.0"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(GoCommandDiagnostics.CredentialsOverHttp, diagnostic.Descriptor);
        Assert.DoesNotContain("pl41n-secret", diagnostic.ToString() + result.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_that_never_answers_times_out_and_the_process_is_stopped()
    {
        using var w = new DownloadWorkspace();
        using var silent = w.UseSilentProxy();
        var pid = 0;
        var clock = Stopwatch.StartNew();

        var result = await w.Run(w.Request("example.com/dep@v1.0.0") with { Timeout = TimeSpan.FromSeconds(1), Started = p => pid = p });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
        Assert.Equal(GoCommandDiagnostics.CommandTimedOut, Assert.Single(result.Diagnostics).Descriptor);
        AssertGone(pid);
    }

    [Fact]
    public async Task Cancellation_kills_a_stalled_go_and_returns_promptly()
    {
        using var w = new DownloadWorkspace();
        using var silent = w.UseSilentProxy();
        var pid = 0;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            GoModDownloader.DownloadAsync(w.Request("example.com/dep@v1.0.0") with { Started = p => pid = p }, cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
        AssertGone(pid);
    }

    [Fact]
    public async Task A_go_that_cannot_start_is_a_diagnostic()
    {
        using var w = new DownloadWorkspace();
        w.WriteGoMod();

        var result = await GoModDownloader.DownloadAsync(w.Request() with { GoExecutable = Path.Combine(w.ModuleDirectory, "no-such-go") }, TestContext.Current.CancellationToken);

        Assert.Equal(GoCommandDiagnostics.CommandStartFailed, Assert.Single(result.Diagnostics).Descriptor);
    }

    [Fact]
    public async Task The_printed_command_line_reproduces_the_run_in_a_shell()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("the cmd.exe form is checked on Windows CI by hand; this test drives /bin/sh");
        }

        using var w = new DownloadWorkspace();
        var dep = w.AddModule("example.com/quoted", "v1.0.0");
        w.WriteGoMod();

        // A value the shell must see quoted: a space, a quote and a glob character.
        w.Environment["GONOSUMDB"] = "corp.example/it's *, other.example";
        var result = await w.Run(w.Request(dep.Path + "@" + dep.Version));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));

        var shell = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add(result.CommandLine);
        using var process = Process.Start(shell)!;
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, process.ExitCode);
        GoDownloadJsonParser.Parse(stdout, out var again);
        Assert.Equal(result.Modules, again);
    }

    private static void AssertGone(int pid)
    {
        Assert.NotEqual(0, pid);
        try
        {
            using var process = Process.GetProcessById(pid);
            Assert.True(process.HasExited, $"go (pid {pid}) is still running");
        }
        catch (ArgumentException)
        {
            // No such process: gone and reaped.
        }
    }
}
