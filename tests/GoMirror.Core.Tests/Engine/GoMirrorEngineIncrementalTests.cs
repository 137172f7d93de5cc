using GoMirror.Core.Engine;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Engine;

/// <summary>
/// A run with nothing changed starts no go process and sends no request; a change to go.sum, a cleaned or
/// damaged cache, or missing report files make the steps run again, and the log says why.
/// </summary>
public class GoMirrorEngineIncrementalTests
{
    [Fact]
    public async Task A_second_run_with_nothing_changed_starts_no_go_process_and_sends_no_request()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("tools/agent", scenario.Module("example.com/a"), scenario.Module("example.com/b", "v1.1.0"));
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;

        ReportStepResult first;
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            first = await engine.RunAsync(ct);
        }

        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        Assert.False(first.Skipped);
        Assert.True(File.Exists(first.ReportFile));
        Assert.NotNull(first.Fingerprint);
        var startsAfterFirst = EngineScenario.GoStarts(scenario);
        Assert.True(startsAfterFirst >= 2, $"{startsAfterFirst} go starts");
        scenario.Server.ClearRequests();

        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options, log))
        {
            var second = await engine.RunAsync(ct);

            Assert.True(second.Succeeded);
            Assert.True(second.Skipped);
            Assert.Equal("up to date: inputs unchanged since the last run; 2 module versions present in the cache", second.SkipReason);
            Assert.Equal(first.ReportFile, second.ReportFile);
            Assert.Equal(first.Fingerprint, second.Fingerprint);
            Assert.Equal(first.Files, second.Files);
        }

        // The steps one by one, each in its own engine, as MSBuild runs them.
        foreach (var step in new Func<GoMirrorEngine, Task<StepResult>>[] { e => e.PrewarmAsync(ct), e => e.DownloadAsync(ct), async e => await e.ReportAsync(ct) })
        {
            using var engine = new GoMirrorEngine(options, log);
            var result = await step(engine);
            Assert.True(result.Skipped, string.Join("\n", result.Diagnostics));
        }

        Assert.Empty(scenario.Server.Requests);
        Assert.Equal(startsAfterFirst, EngineScenario.GoStarts(scenario));
        Assert.Contains(log.Messages, m => m.Contains("pre-warm skipped: up to date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restored_cache_without_step_state_is_checked_with_no_request_and_no_HTTP_client()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("tools/agent", scenario.Module("example.com/a"), scenario.Module("example.com/b", "v1.1.0"));
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;
        string stateDirectory;
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            var first = await engine.PrewarmAsync(ct);
            Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
            Assert.True(engine.HasHttpClient);
            stateDirectory = engine.StateDirectory!;
        }

        // A CI cache restore brings the module cache back without GoMirror's step state.
        Directory.Delete(stateDirectory, recursive: true);
        scenario.Server.ClearRequests();
        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options, log))
        {
            var second = await engine.PrewarmAsync(ct);

            Assert.True(second.Succeeded, string.Join("\n", second.Diagnostics));
            Assert.False(second.Skipped);
            Assert.False(engine.HasHttpClient);
        }

        Assert.Empty(scenario.Server.Requests);
        Assert.Contains(log.Messages, m => m.Contains("2 module versions: 2 already cached, 0 downloaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_go_sum_runs_again_says_so_and_fetches_only_the_new_version()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var a = scenario.Module("example.com/a");
        var goMod = scenario.Component("tools/agent", a);
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            Assert.True((await engine.RunAsync(ct)).Succeeded);
        }

        scenario.Component("tools/agent", a, scenario.Module("example.com/new"));
        scenario.Server.ClearRequests();
        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options, log))
        {
            var again = await engine.RunAsync(ct);
            Assert.True(again.Succeeded, log.Text);
            Assert.False(again.Skipped);
        }

        Assert.Contains(log.Messages, m => m.Contains("go.sum of tools/agent changed", StringComparison.Ordinal));
        Assert.Contains(log.Messages, m => m.Contains("go.mod of tools/agent changed", StringComparison.Ordinal));
        Assert.Equal("/example.com/new/@v/v1.0.0.zip", Assert.Single(scenario.Server.RequestsMatching("*.zip")).Path);
    }

    [Fact]
    public async Task After_go_clean_modcache_everything_runs_again()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            Assert.True((await engine.RunAsync(ct)).Succeeded);
        }

        scenario.GoOffline(Path.GetDirectoryName(goMod)!, "clean", "-modcache").AssertSuccess();
        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options, log))
        {
            var again = await engine.RunAsync(ct);
            Assert.True(again.Succeeded, log.Text);
            Assert.False(again.Skipped);
        }

        Assert.Contains(log.Messages, m => m.Contains("no earlier run is recorded", StringComparison.Ordinal));
        Assert.Equal(2, scenario.Server.RequestsMatching("/example.com/a/@v/v1.0.0.zip").Count);
        scenario.AssertGoAcceptsOffline(goMod);
    }

    [Fact]
    public async Task A_module_gone_from_the_cache_is_named_and_fetched_again()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var a = scenario.Module("example.com/a");
        var gone = scenario.Module("example.com/gone");
        var goMod = scenario.Component("app", a, gone);
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            Assert.True((await engine.RunAsync(ct)).Succeeded);
        }

        var zip = Path.Combine(scenario.CacheRoot, "cache", "download", "example.com", "gone", "@v", "v1.0.0.zip");
        File.Delete(zip);
        scenario.Server.ClearRequests();
        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options, log))
        {
            Assert.True((await engine.RunAsync(ct)).Succeeded, log.Text);
        }

        Assert.Contains(log.Messages, m => m.Contains("example.com/gone@v1.0.0 is missing from the module cache", StringComparison.Ordinal));
        Assert.Equal("/example.com/gone/@v/v1.0.0.zip", Assert.Single(scenario.Server.RequestsMatching("*.zip")).Path);
        scenario.AssertGoAcceptsOffline(goMod);
    }

    [Fact]
    public async Task A_pre_warm_that_refills_the_cache_lets_the_later_steps_of_the_same_engine_see_it()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"), scenario.Module("example.com/gone"));
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            Assert.True((await engine.RunAsync(ct)).Succeeded);
        }

        File.Delete(Path.Combine(scenario.CacheRoot, "cache", "download", "example.com", "gone", "@v", "v1.0.0.zip"));
        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options, log))
        {
            var prewarm = await engine.PrewarmAsync(ct);
            var download = await engine.DownloadAsync(ct);

            Assert.False(prewarm.Skipped, log.Text);
            Assert.True(download.Skipped, log.Text);
            Assert.True(download.Succeeded, log.Text);
        }

        scenario.AssertGoAcceptsOffline(goMod);
    }

    [Fact]
    public async Task A_deleted_report_file_makes_the_steps_run_again()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;
        string reportFile;
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            reportFile = (await engine.RunAsync(ct)).ReportFile!;
        }

        File.Delete(reportFile);
        scenario.Server.ClearRequests();
        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options, log))
        {
            var again = await engine.RunAsync(ct);
            Assert.False(again.Skipped);
            Assert.True(File.Exists(again.ReportFile));
        }

        Assert.Contains(log.Messages, m => m.Contains($"report file {reportFile} is missing", StringComparison.Ordinal));
        Assert.Empty(scenario.Server.RequestsMatching("*.zip"));
    }

    [Fact]
    public async Task Another_report_leg_writes_another_folder_and_the_option_wins_over_GOMIRROR_REPORT_LEG()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var ct = TestContext.Current.CancellationToken;
        GoMirrorOptions Leg(string variable) =>
            scenario.OptionsWith(scenario.Server.Url, new Dictionary<string, string> { ["GOMIRROR_REPORT_LEG"] = variable }, goMod);

        var folders = new List<string>();
        foreach (var options in new[] { Leg("linux-go1.19"), Leg("linux-go1.22"), Leg("linux-go1.22") with { ReportLeg = "from the option" } })
        {
            using var engine = new GoMirrorEngine(options, new RecordingLog());
            var result = await engine.RunAsync(ct);
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            Assert.False(result.Skipped);
            folders.Add(Path.GetFileName(Path.GetDirectoryName(result.ReportFile))!);
        }

        Assert.Equal(["gomirror-linux-go1.19", "gomirror-linux-go1.22", "gomirror-from-the-option"], folders);
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(scenario.ReportDirectory, f, "gomirror-report.json")), f));
    }

    [Fact]
    public async Task Each_step_skips_on_its_own_record_so_a_host_that_never_reports_is_incremental_too()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            Assert.False((await engine.PrewarmAsync(ct)).Skipped);
            Assert.False((await engine.DownloadAsync(ct)).Skipped);
        }

        var starts = EngineScenario.GoStarts(scenario);
        scenario.Server.ClearRequests();
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            Assert.True((await engine.PrewarmAsync(ct)).Skipped);
            Assert.True((await engine.DownloadAsync(ct)).Skipped);
        }

        Assert.Empty(scenario.Server.Requests);
        Assert.Equal(starts, EngineScenario.GoStarts(scenario));
    }

    [Fact]
    public async Task A_report_made_before_the_download_is_made_again_after_it()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            Assert.True((await engine.PrewarmAsync(ct)).Succeeded);
            Assert.Contains((await engine.ReportAsync(ct)).Diagnostics, d => d.Code == "GOMIRROR0578");
            Assert.True((await engine.DownloadAsync(ct)).Succeeded);
        }

        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options, log))
        {
            var report = await engine.ReportAsync(ct);
            Assert.False(report.Skipped);
            Assert.DoesNotContain(report.Diagnostics, d => d.Code == "GOMIRROR0578");
        }

        Assert.Contains(log.Messages, m => m.Contains("go mod download ran after the report was made", StringComparison.Ordinal));
    }
}
