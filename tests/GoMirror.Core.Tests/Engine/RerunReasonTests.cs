using System.Text.Json.Nodes;
using GoMirror.Core.Engine;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Engine;

/// <summary>
/// Every reason the stamp knows for running a step again, each changed alone: a failed last run (for each
/// step), a component added or removed, a policy setting, the go executable, the engine build, and the
/// pre-warm run after the report. The run must happen and the log must give exactly that reason.
/// </summary>
public class RerunReasonTests
{
    [Fact]
    public async Task A_failed_pre_warm_runs_again_and_says_its_last_run_failed()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;
        scenario.Server.AddFault(TestProxyFault.Status("*.zip", 500));
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            Assert.False((await engine.PrewarmAsync(ct)).Succeeded);
        }

        scenario.Server.ClearFaults();
        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options, log))
        {
            var again = await engine.PrewarmAsync(ct);
            Assert.False(again.Skipped, log.Text);
            Assert.True(again.Succeeded, log.Text);
        }

        Assert.Contains("GoMirror pre-warm runs: the last run of the pre-warm failed.", log.Messages);
        Assert.True(scenario.GoFindsOffline(scenario.Module("example.com/a")));
    }

    [Fact]
    public async Task A_failed_go_mod_download_runs_again_and_says_its_last_run_failed()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var options = EngineScenario.Options(scenario, goMod);
        var ct = TestContext.Current.CancellationToken;

        // No pre-warm: the real go command fetches from the proxy itself, and every answer is a 500.
        scenario.Server.AddFault(TestProxyFault.Status("*", 500));
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            Assert.False((await engine.DownloadAsync(ct)).Succeeded);
        }

        scenario.Server.ClearFaults();
        var starts = EngineScenario.GoStarts(scenario);
        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options, log))
        {
            var again = await engine.DownloadAsync(ct);
            Assert.False(again.Skipped, log.Text);
            Assert.True(again.Succeeded, log.Text);
        }

        Assert.Contains("GoMirror go mod download runs: the last run of go mod download failed.", log.Messages);
        Assert.True(EngineScenario.GoStarts(scenario) > starts);
    }

    [Fact]
    public async Task A_failed_report_runs_again_and_says_its_last_run_failed()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var baseline = scenario.Temp.Combine("baseline.json");
        File.WriteAllText(baseline, "{ not json");
        var options = EngineScenario.Options(scenario, goMod) with { BaselineReport = baseline };
        var ct = TestContext.Current.CancellationToken;
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            var first = await engine.RunAsync(ct);
            Assert.False(first.Succeeded);
            Assert.Contains(first.Diagnostics, d => d.Code == "GOMIRROR0722");
        }

        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options, log))
        {
            Assert.True((await engine.PrewarmAsync(ct)).Skipped, log.Text);
            Assert.True((await engine.DownloadAsync(ct)).Skipped, log.Text);
            var report = await engine.ReportAsync(ct);
            Assert.False(report.Skipped, log.Text);
            Assert.Contains(report.Diagnostics, d => d.Code == "GOMIRROR0722");
        }

        Assert.Contains("GoMirror report runs: the last run of the report failed.", log.Messages);
    }

    [Fact]
    public async Task An_added_and_then_a_removed_component_each_make_the_steps_run_and_are_named()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var app = scenario.Component("app", scenario.Module("example.com/a"));
        var lib = scenario.Component("lib", scenario.Module("example.com/b"));
        var ct = TestContext.Current.CancellationToken;
        var one = EngineScenario.Options(scenario, app);
        var two = one with { GoModules = [app, lib] };
        await RunAsync(one, ct);

        // The state folder's key covers the set of go.mod paths, so another set has no record yet: the log
        // names the folder it looked in. Only the added component's module is fetched.
        scenario.Server.ClearRequests();
        var added = await RerunLogAsync(two, ct);
        var twoFolder = new EngineState(Path.Combine(scenario.CacheRoot), [app, lib], scenario.ReportDirectory).Folder;
        Assert.Contains($"GoMirror pre-warm runs: no earlier run is recorded in {twoFolder} (the first run, or the module cache was cleaned).", added);
        Assert.Equal("/example.com/b/@v/v1.0.0.zip", Assert.Single(scenario.Server.RequestsMatching("*.zip")).Path);

        // Removing lib again: the one-component record is still there and still current.
        var removed = await RerunLogAsync(one, ct);
        Assert.DoesNotContain(removed, m => m.Contains(" runs: ", StringComparison.Ordinal));
        Assert.Contains("GoMirror pre-warm skipped: up to date: inputs unchanged since the last run; 1 module versions present in the cache.", removed);

        // A component of the set renamed in place (same go.mod path, another repository root) is named as gone and new.
        var moved = await RerunLogAsync(two with { RepositoryRoot = scenario.Temp.Path }, ct);
        Assert.Contains(moved, m => m.StartsWith("GoMirror pre-warm runs: ", StringComparison.Ordinal)
            && m.Contains("go.mod of repo/lib is new", StringComparison.Ordinal)
            && m.Contains("go.mod of lib is gone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_policy_setting_is_named()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var ct = TestContext.Current.CancellationToken;
        var options = EngineScenario.Options(scenario, goMod);
        await RunAsync(options, ct);

        var withInsecure = scenario.OptionsWith(scenario.Server.Url, new Dictionary<string, string> { ["GOINSECURE"] = "corp.example.com" }, goMod)
            with { GoExecutable = options.GoExecutable };
        var log = await RerunLogAsync(withInsecure, ct);

        Assert.Contains("GoMirror pre-warm runs: GOINSECURE changed.", log);
        Assert.Contains("GoMirror go mod download runs: GOINSECURE changed.", log);
        Assert.Contains("GoMirror report runs: GOINSECURE changed.", log);
    }

    [Fact]
    public async Task A_changed_go_executable_is_named()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var ct = TestContext.Current.CancellationToken;
        var options = EngineScenario.Options(scenario, goMod);
        await RunAsync(options, ct);

        // Same path, another modification time: what an upgrade in place of the go binary looks like.
        var log = await RerunLogAsync(options, ct, () => File.SetLastWriteTimeUtc(options.GoExecutable!, File.GetLastWriteTimeUtc(options.GoExecutable!).AddMinutes(-5)));

        Assert.Contains("GoMirror pre-warm runs: the go executable changed.", log);
        Assert.Contains("GoMirror go mod download runs: the go executable changed.", log);
    }

    [Fact]
    public async Task Another_engine_build_is_named()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var ct = TestContext.Current.CancellationToken;
        var options = EngineScenario.Options(scenario, goMod);
        await RunAsync(options, ct);

        // An older build cannot be run from this test: its record is what it would have left.
        RewriteStamps(scenario, part => part.Key == "the GoMirror engine" ? new string('0', 64) : part.Value);
        var log = await RerunLogAsync(options, ct);

        Assert.Contains("GoMirror pre-warm runs: the GoMirror engine changed.", log);
        Assert.Contains("GoMirror go mod download runs: the GoMirror engine changed.", log);
        Assert.Contains("GoMirror report runs: the GoMirror engine changed.", log);
    }

    [Fact]
    public async Task A_pre_warm_run_after_the_report_makes_the_report_run_again()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var ct = TestContext.Current.CancellationToken;
        var options = EngineScenario.Options(scenario, goMod);
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            Assert.True((await engine.DownloadAsync(ct)).Succeeded);
            Assert.True((await engine.ReportAsync(ct)).Succeeded);
            Assert.True((await engine.PrewarmAsync(ct)).Succeeded);
        }

        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options, log))
        {
            var report = await engine.ReportAsync(ct);
            Assert.False(report.Skipped, log.Text);
        }

        Assert.Contains("GoMirror report runs: the pre-warm ran after the report was made.", log.Messages);
    }

    private static async Task RunAsync(GoMirrorOptions options, CancellationToken ct)
    {
        using var engine = new GoMirrorEngine(options, new RecordingLog());
        var run = await engine.RunAsync(ct);
        Assert.True(run.Succeeded, string.Join("\n", run.Diagnostics));
    }

    // Changes the input (if any), runs every step again and returns the log's messages.
    private static async Task<IReadOnlyList<string>> RerunLogAsync(GoMirrorOptions options, CancellationToken ct, Action? change = null)
    {
        change?.Invoke();
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(options, log);
        var run = await engine.RunAsync(ct);
        Assert.True(run.Succeeded, log.Text);
        return log.Messages;
    }

    // Rewrites the stamp every saved step record holds: each part through map (null drops it), an extra
    // part, and a stamp value no current run has, so the next run compares parts.
    private static void RewriteStamps(PrewarmScenario scenario, Func<KeyValuePair<string, string>, string?> map, (string Name, string Hash)? extra = null)
    {
        var files = Directory.GetFiles(Path.Combine(scenario.CacheRoot, "cache", "gomirror", "state"), "*.json", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var stamp = root.First(p => string.Equals(p.Key, "stamp", StringComparison.OrdinalIgnoreCase)).Value!.AsObject();
            var valueName = stamp.First(p => string.Equals(p.Key, "value", StringComparison.OrdinalIgnoreCase)).Key;
            var parts = stamp.First(p => string.Equals(p.Key, "parts", StringComparison.OrdinalIgnoreCase)).Value!.AsObject();
            var rewritten = new JsonObject();
            foreach (var part in parts.Select(p => new KeyValuePair<string, string>(p.Key, p.Value!.GetValue<string>())).ToList())
            {
                if (map(part) is { } hash)
                {
                    rewritten[part.Key] = hash;
                }
            }

            if (extra is { } e)
            {
                rewritten[e.Name] = e.Hash;
            }

            stamp[parts.GetPropertyName()] = rewritten;
            stamp[valueName] = "rewritten-by-the-test";
            File.WriteAllText(file, root.ToJsonString());
        }
    }
}
