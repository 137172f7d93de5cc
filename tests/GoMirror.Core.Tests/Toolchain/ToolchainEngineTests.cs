using System.Text.Json;
using GoMirror.Core.Engine;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Toolchain;

// #11 item 3 through the engine: Go 1.21.13 found, a go.mod asking for go1.23.5, and a real switch to an installed
// Go 1.23.5 put on PATH as go1.23.5 (Go 1.21+ runs a toolchain found there by name before downloading one).
public class ToolchainEngineTests
{
    [Fact]
    public async Task The_report_and_the_log_name_the_switched_to_Go_and_the_found_Go_and_a_change_of_it_reruns_the_steps()
    {
        var go121 = GoVersions.Require("1.21");
        var go123 = GoVersions.Require("1.23");
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("tools/agent", scenario.Module("example.com/a"));
        File.WriteAllText(goMod, File.ReadAllText(goMod).Replace("go 1.19\n", "go 1.21.0\n\ntoolchain go1.23.5\n", StringComparison.Ordinal));
        var bin = Directory.CreateDirectory(scenario.Temp.Combine("toolchains")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "go1.23.5"), go123);
        var ct = TestContext.Current.CancellationToken;
        GoMirrorOptions Options(string gotoolchain) => scenario.OptionsWith(scenario.Server.Url, new Dictionary<string, string>
        {
            ["GOTOOLCHAIN"] = gotoolchain,
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        }, goMod) with { GoExecutable = go121 };

        var localLog = new RecordingLog();
        ReportStepResult local;
        using (var engine = new GoMirrorEngine(Options("local"), localLog))
        {
            local = await engine.RunAsync(ct);
        }

        // The same report file is rewritten by the next run: read it now.
        var localToolchain = Toolchain(local.ReportFile!);

        var switchLog = new RecordingLog();
        ReportStepResult switched;
        using (var engine = new GoMirrorEngine(Options("auto"), switchLog))
        {
            switched = await engine.RunAsync(ct);
        }

        var switchedToolchain = Toolchain(switched.ReportFile!);

        ReportStepResult again;
        using (var engine = new GoMirrorEngine(Options("auto"), new RecordingLog()))
        {
            again = await engine.RunAsync(ct);
        }

        Assert.True(local.Succeeded, string.Join("\n", local.Diagnostics));
        Assert.Equal(("go1.21.13", "go1.21.13", "local", null), localToolchain);
        Assert.Contains(localLog.Messages, m => m.Contains("GoMirror toolchain of tools/agent: go1.21.13, the Go found", StringComparison.Ordinal));

        Assert.True(switched.Succeeded, string.Join("\n", switched.Diagnostics));
        Assert.False(switched.Skipped);
        Assert.Equal(("go1.23.5", "go1.21.13", "path", null), switchedToolchain);
        Assert.Contains(switchLog.Messages, m => m.Contains("GoMirror toolchain of tools/agent: go1.23.5 ran, found go1.21.13", StringComparison.Ordinal));
        Assert.Contains(switchLog.Messages, m => m.Contains("reported by go1.23.5 (found go1.21.13)", StringComparison.Ordinal));
        Assert.Contains(switchLog.Messages, m => m.Contains("the toolchain of tools/agent changed", StringComparison.Ordinal));
        Assert.NotEqual(local.Fingerprint, switched.Fingerprint);

        Assert.True(again.Skipped, "nothing changed after the switch: " + again.SkipReason);
    }

    [Fact]
    public async Task GOTOOLCHAIN_local_with_a_newer_go_line_fails_the_check_before_any_download()
    {
        var go121 = GoVersions.Require("1.21");
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("svc", scenario.Module("example.com/a"));
        File.WriteAllText(goMod, File.ReadAllText(goMod).Replace("go 1.19\n", "go 1.23.5\n", StringComparison.Ordinal));
        var options = scenario.OptionsWith(scenario.Server.Url, new Dictionary<string, string> { ["GOTOOLCHAIN"] = "local" }, goMod) with { GoExecutable = go121 };
        scenario.Server.ClearRequests();

        using var engine = new GoMirrorEngine(options, new RecordingLog());
        var result = await engine.RunAsync(TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("GOMIRROR0315", error.Descriptor.Code);
        Assert.Contains("requires go >= 1.23.5 (running go 1.21.13; GOTOOLCHAIN=local)", error.Message, StringComparison.Ordinal);
        Assert.Equal((goMod, 3), (error.Location!.File, error.Location.Line));
        Assert.Empty(scenario.Server.Requests);
        Assert.False(Directory.Exists(Path.Combine(scenario.CacheRoot, "cache", "download", "example.com", "a")));
    }

    private static (string? Go, string? FoundGo, string? Selection, string? Module) Toolchain(string reportFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(reportFile));
        var component = Assert.Single(json.RootElement.GetProperty("reproducible").GetProperty("components").EnumerateArray());
        var toolchain = component.GetProperty("toolchain");
        return (
            toolchain.GetProperty("go").GetString(),
            toolchain.GetProperty("foundGo").GetString(),
            toolchain.GetProperty("selection").GetString(),
            toolchain.TryGetProperty("module", out var module) ? module.GetString() : null);
    }
}
