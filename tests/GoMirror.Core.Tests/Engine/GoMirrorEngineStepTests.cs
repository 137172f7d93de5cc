using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Reports;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;
using Xunit.Sdk;

namespace GoMirror.Core.Tests.Engine;

/// <summary>
/// The steps as hosts call them: in separate engines sharing a state folder, out of order, with options that
/// flow into go and the report, and with bad options or policies that stop a step before any network.
/// </summary>
public class GoMirrorEngineStepTests
{
    [Fact]
    public async Task Steps_in_separate_engines_join_their_results_in_the_report()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var module = scenario.Module("example.com/joined");
        var goMod = scenario.Component("tools/agent", module);
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;
        var log = new RecordingLog();

        using (var prewarm = new GoMirrorEngine(options, log))
        {
            Assert.True((await prewarm.PrewarmAsync(ct)).Succeeded, log.Text);
        }

        using (var download = new GoMirrorEngine(options, log))
        {
            Assert.True((await download.DownloadAsync(ct)).Succeeded, log.Text);
        }

        ReportStepResult result;
        using (var report = new GoMirrorEngine(options, log))
        {
            result = await report.ReportAsync(ct);
        }

        Assert.True(result.Succeeded, log.Text);
        Assert.DoesNotContain(log.Messages, m => m.Contains("has not run for these inputs; go mod download fetches", StringComparison.Ordinal));
        var diagnostics = new DiagnosticBag();
        var written = ReportJsonReader.ReadFile(result.ReportFile!, diagnostics);
        Assert.NotNull(written);
        Assert.Equal(result.Fingerprint, written.Fingerprint);
        Assert.StartsWith("go1.", written.Reproducible.GoVersion, StringComparison.Ordinal);
        var component = Assert.Single(written.Reproducible.Components);
        Assert.Equal("tools/agent/go.mod", component.GoMod);
        var recorded = Assert.Single(component.Modules);
        var goSumLine = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(goMod)!, "go.sum")).Single(l => l.StartsWith("example.com/joined v1.0.0 h1:", StringComparison.Ordinal));
        Assert.Equal(goSumLine.Split(' ')[2], recorded.Sum);
        Assert.Equal(ModuleVerification.GoSum, recorded.Verification);
        Assert.Equal(scenario.Server.Url, recorded.Proxy);
        Assert.Equal(1, written.Environment.CacheMisses);
        Assert.Contains(written.Environment.Timings, t => t.Name == "prewarm");
        Assert.Contains(result.Files, f => f.EndsWith("gomirror-report.md", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_report_says_what_is_missing_when_steps_did_not_run()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;

        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            var nothing = await engine.ReportAsync(ct);
            Assert.False(nothing.Succeeded);
            Assert.Equal("GOMIRROR0577", Assert.Single(nothing.Diagnostics, d => d.IsError).Code);
            Assert.Null(nothing.ReportFile);
        }

        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            Assert.True((await engine.PrewarmAsync(ct)).Succeeded);
            var partial = await engine.ReportAsync(ct);
            Assert.True(partial.Succeeded);
            Assert.Contains(partial.Diagnostics, d => d.Code == "GOMIRROR0578");
            Assert.True(File.Exists(partial.ReportFile));
        }

        Assert.Equal(0, EngineScenario.GoStarts(scenario));
    }

    [Fact]
    public async Task A_download_without_a_prewarm_lets_go_fetch_and_says_so()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(EngineScenario.Options(scenario, goMod), log);

        var result = await engine.DownloadAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, log.Text);
        Assert.Contains(log.Messages, m => m.Contains("the pre-warm has not run for these inputs", StringComparison.Ordinal));
        Assert.NotEmpty(scenario.Server.RequestsMatching("*.zip"));
        scenario.AssertGoAcceptsOffline(goMod);
    }

    [Theory]
    [EveryGo]
    public async Task The_offline_proof_runs_go_with_GOPROXY_off(string go)
    {
        using var selected = GoVersions.Use(go);
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(EngineScenario.Options(scenario, goMod) with { Offline = true }, log);

        var result = await engine.RunAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, log.Text);
        Assert.Contains(log.Messages, m => m.Contains("offline proof (GOPROXY=off): 1 of 1 components download without the network", StringComparison.Ordinal));
        var report = ReportJsonReader.ReadFile(result.ReportFile!, new DiagnosticBag())!;
        Assert.Contains(report.Environment.Timings, t => t.Name == "offline proof");
        Assert.StartsWith("go" + go + ".", report.Reproducible.GoVersion, StringComparison.Ordinal);
    }

    [Theory]
    [EveryGo]
    public async Task The_toolchain_is_asked_only_of_a_go_that_can_switch_and_names_what_go_reports(string go)
    {
        using var selected = GoVersions.Use(go);
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(EngineScenario.Options(scenario, goMod), log);

        var result = await engine.DownloadAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, log.Text);
        var reported = GoToolchain.Run(Path.GetDirectoryName(goMod)!, scenario.GoEnvironment(), "env", "GOVERSION").AssertSuccess().Stdout.Trim();
        Assert.Contains(log.Messages, m => m.StartsWith($"GoMirror toolchain of app: {reported}, the Go found", StringComparison.Ordinal));

        // Go 1.19 knows no toolchain switch: its answer would be its own version, so no process is started to ask.
        var asked = EngineScenario.GoStartArguments(scenario).Count(a => a == "env GOVERSION");
        Assert.Equal(go == "1.19" ? 0 : 1, asked);
    }

    [Fact]
    public async Task A_component_that_needs_the_network_fails_the_offline_proof()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var options = EngineScenario.Options(scenario, goMod) with { Offline = true, GoExecutable = EngineScenario.GoWrapper(scenario, failWhenGoProxyIs: "off") };
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(options, log);

        var result = await engine.RunAsync(TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Code == "GOMIRROR0579");
        Assert.Equal(goMod, error.Location!.File);
        Assert.Null(result.ReportFile);
    }

    [Fact]
    public async Task A_baseline_report_flows_into_drift_findings()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var a = scenario.Module("example.com/a");
        var goMod = scenario.Component("app", a);
        var ct = TestContext.Current.CancellationToken;
        var baseline = scenario.Temp.Combine("baseline.json");
        using (var engine = new GoMirrorEngine(EngineScenario.Options(scenario, goMod), new RecordingLog()))
        {
            File.Copy((await engine.RunAsync(ct)).ReportFile!, baseline);
        }

        scenario.Component("app", a, scenario.Module("example.com/added"));
        using (var engine = new GoMirrorEngine(EngineScenario.Options(scenario, goMod) with { BaselineReport = baseline, ReportFormats = "json;junit" }, new RecordingLog()))
        {
            var result = await engine.RunAsync(ct);
            var added = Assert.Single(result.Diagnostics, d => d.Code == "GOMIRROR0701");
            Assert.Contains("example.com/added", added.Message, StringComparison.Ordinal);
            Assert.Contains(result.Files, f => f.EndsWith("gomirror-junit.xml", StringComparison.Ordinal));
            Assert.DoesNotContain(result.Files, f => f.EndsWith(".md", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_policy_error_stops_every_step_before_any_request_or_go_process()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var options = scenario.Options("ftp://" + scenario.Server.Origin.Authority + "/proxy", goMod) with { GoExecutable = EngineScenario.GoWrapper(scenario) };
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(options, log);

        var check = engine.CheckPolicy();
        var run = await engine.RunAsync(TestContext.Current.CancellationToken);
        var download = await engine.DownloadAsync(TestContext.Current.CancellationToken);

        Assert.False(check.Succeeded);
        Assert.Contains(check.Diagnostics, d => d.Code == "GOMIRROR0002");
        Assert.False(run.Succeeded);
        Assert.False(download.Succeeded);
        Assert.Single(log.Diagnostics, d => d.Code == "GOMIRROR0002");
        Assert.Empty(scenario.Server.Requests);
        Assert.Equal(0, EngineScenario.GoStarts(scenario));
    }

    [Fact]
    public async Task Go_not_found_fails_the_download_with_the_locator_diagnostic()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, goMod) with { GoExecutable = scenario.Temp.Combine("no-go-here", "go") }, new RecordingLog());

        Assert.True((await engine.PrewarmAsync(TestContext.Current.CancellationToken)).Succeeded);
        var download = await engine.DownloadAsync(TestContext.Current.CancellationToken);

        Assert.False(download.Succeeded);
        Assert.Equal("GOMIRROR0301", Assert.Single(download.Diagnostics, d => d.IsError).Code);
    }

    [Fact]
    public async Task Bad_options_fail_the_check()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app");
        using var negative = new GoMirrorEngine(scenario.Options(scenario.Server.Url, goMod) with { MaxParallel = -1 }, new RecordingLog());
        using var none = new GoMirrorEngine(scenario.Options(scenario.Server.Url), new RecordingLog());

        Assert.Equal("GOMIRROR0580", Assert.Single(negative.CheckPolicy().Diagnostics, d => d.IsError).Code);
        Assert.Equal("GOMIRROR0581", Assert.Single(none.CheckPolicy().Diagnostics, d => d.IsError).Code);
    }

    [Fact]
    public async Task An_unreadable_state_file_is_reported_and_the_steps_run_again()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;
        string state;
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            Assert.True((await engine.RunAsync(ct)).Succeeded);
            state = engine.StateDirectory!;
        }

        File.WriteAllText(Path.Combine(state, "prewarm.json"), "{ not json");
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            var result = await engine.PrewarmAsync(ct);
            Assert.False(result.Skipped);
            Assert.Contains(result.Diagnostics, d => d.Code == "GOMIRROR0575");
        }
    }

    [Fact]
    public async Task A_state_folder_that_cannot_be_written_is_a_warning_and_the_build_goes_on()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        using var engine = new GoMirrorEngine(EngineScenario.Options(scenario, goMod), new RecordingLog());
        Assert.True(engine.CheckPolicy().Succeeded);
        Directory.CreateDirectory(Path.GetDirectoryName(engine.StateDirectory!)!);
        File.WriteAllText(engine.StateDirectory!, "a file where the state folder belongs");

        var result = await engine.RunAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Code == "GOMIRROR0576");
        Assert.True(File.Exists(result.ReportFile));
    }

    [Fact]
    public async Task Proxy_credentials_never_reach_the_state_the_report_or_the_log()
    {
        const string password = "s3cret-Pa55";
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));

        // Credentials travel only over https (the client refuses plain http with user-info, as Go does).
        await using var secure = await TestProxyServer.StartAsync(scenario.Proxy, "/proxy", https: true, cancellationToken: TestContext.Current.CancellationToken);
        secure.RequireBasicAuth("builder", password);
        var log = new RecordingLog();
        var options = scenario.Options(secure.UrlWithCredentials("builder", password), goMod) with
        {
            ProxyClient = PrewarmScenario.FastClient with { AdditionalTrustedRoots = [secure.Certificate!] },
            ReportFormats = "all",
        };
        using var engine = new GoMirrorEngine(options, log);

        var prewarm = await engine.PrewarmAsync(TestContext.Current.CancellationToken);
        var report = await engine.ReportAsync(TestContext.Current.CancellationToken);

        Assert.True(prewarm.Succeeded, log.Text);
        Assert.True(report.Succeeded, log.Text);
        Assert.NotEmpty(secure.Requests);
        Assert.All(secure.Requests, r => Assert.True(r.HadAuthorization));
        var written = Directory.EnumerateFiles(engine.StateDirectory!).Concat(report.Files).ToList();
        Assert.True(written.Count >= 7, string.Join("\n", written));
        Assert.All(written, f => Assert.DoesNotContain(password, File.ReadAllText(f), StringComparison.Ordinal));
        Assert.Contains(log.Messages, m => m.Contains("downloaded from https://***@", StringComparison.Ordinal));
        Assert.DoesNotContain(password, log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, string.Join("\n", prewarm.Diagnostics.Concat(report.Diagnostics)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GOFLAGS_modcacherw_leaves_extracted_folders_writable_as_go_does()
    {
        if (OperatingSystem.IsWindows())
        {
            throw SkipException.ForSkip("file modes are Unix-only; on Windows -modcacherw has nothing to compare");
        }

        await using var scenario = await PrewarmScenario.StartAsync();
        var module = scenario.Module("example.com/writable");
        var goMod = scenario.Component("tools/agent", module);
        var options = scenario.OptionsWith(scenario.Server.Url, new Dictionary<string, string> { ["GOFLAGS"] = "-mod=mod -modcacherw" }, goMod);
        var log = new RecordingLog();

        using (var engine = new GoMirrorEngine(options, log))
        {
            Assert.True((await engine.PrewarmAsync(TestContext.Current.CancellationToken)).Succeeded, log.Text);
        }

        // The oracle: the folder Go itself extracts under the same flag, in a cache of its own.
        var goCache = scenario.Temp.Combine("go-modcache");
        var environment = scenario.GoEnvironment(scenario.Server.Url, goCache);
        environment["GOFLAGS"] = "-mod=mod -modcacherw";
        GoToolchain.Run(Path.GetDirectoryName(goMod)!, environment, "mod", "download", module.Path + "@" + module.Version).AssertSuccess();
        var ours = File.GetUnixFileMode(Path.Combine(scenario.CacheRoot, "example.com", "writable@v1.0.0"));
        var gos = File.GetUnixFileMode(Path.Combine(goCache, "example.com", "writable@v1.0.0"));

        Assert.True(gos.HasFlag(UnixFileMode.UserWrite), "Go leaves the folder writable under -modcacherw");
        Assert.True(ours.HasFlag(UnixFileMode.UserWrite), $"our folder is {ours}, Go's is {gos}");
    }
}
