using System.Text.Json;
using GoMirror.Testing;
using GoMirror.Tool.Tests.Infrastructure;

namespace GoMirror.Tool.Tests.Verbs;

/// <summary><c>prewarm</c>, <c>report</c> and <c>diff</c> through the installed tool, with Go as the oracle of
/// what lands in the module cache.</summary>
[Collection(InstalledToolCollection.Name)]
public sealed class ComponentVerbTests(InstalledTool tool)
{
    [Fact]
    public void Prewarm_fills_the_cache_so_Go_downloads_and_verifies_offline_then_report_and_diff_compare_runs()
    {
        GoToolchain.Require();
        var scenario = new GoScenario(tool);
        scenario.CreateComponent();
        var policy = new[] { "--proxy", scenario.Proxy.FileUrl, "--no-sumdb", "example.com", "--modcache", scenario.ModCache };
        var environment = scenario.Environment();

        var prewarm = tool.Run(scenario.Folder, environment, ["prewarm", scenario.Component, "--json", .. policy]);
        Assert.True(prewarm.ExitCode == 0, prewarm.ToString());
        using (var json = JsonDocument.Parse(prewarm.Stdout))
        {
            Assert.True(json.RootElement.GetProperty("succeeded").GetBoolean());
            Assert.Equal("pre-warm", json.RootElement.GetProperty("step").GetString());
        }

        // Redirected, progress is plain lines.
        Assert.Contains("gomirror pre-warm: started", prewarm.Stderr, StringComparison.Ordinal);
        Assert.Contains("GoMirror pre-warm: 2 module versions", prewarm.Stderr, StringComparison.Ordinal);
        var offline = new Dictionary<string, string>(environment) { ["GOMODCACHE"] = scenario.ModCache, ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=mod", ["GOSUMDB"] = "off" };
        GoToolchain.Run(scenario.Component, offline, "mod", "download").AssertSuccess();
        Assert.Contains("all modules verified", GoToolchain.Run(scenario.Component, offline, "mod", "verify").AssertSuccess().Stdout, StringComparison.Ordinal);

        var reports = Path.Combine(scenario.Folder, "reports");
        var report = tool.Run(scenario.Folder, environment, ["report", scenario.Component, "--report-dir", reports, "--go", GoToolchain.Require(), .. policy]);
        Assert.True(report.ExitCode == 0, report.ToString());
        var reportFile = report.Stdout.Trim();
        Assert.True(File.Exists(reportFile), report.ToString());
        Assert.StartsWith(reports, reportFile, StringComparison.Ordinal);

        var same = tool.Run(scenario.Folder, null, "diff", reportFile, reportFile);
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("gomirror diff: no drift", same.Stdout, StringComparison.Ordinal);

        // A second run after an upgrade: the drift between the two reports is the upgrade (a warning by default).
        scenario.Upgrade("example.com/greet", "v1.1.0");
        var upgraded = tool.Run(scenario.Folder, environment, ["report", scenario.Component, "--report-dir", Path.Combine(scenario.Folder, "reports-2"), "--go", GoToolchain.Require(), .. policy]);
        Assert.True(upgraded.ExitCode == 0, upgraded.ToString());
        var newReport = upgraded.Stdout.Trim();
        var drift = tool.Run(scenario.Folder, null, "diff", reportFile, newReport, "--json");
        Assert.True(drift.ExitCode == 0, drift.ToString());
        using var findings = JsonDocument.Parse(drift.Stdout);
        var finding = Assert.Single(findings.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("VersionChanged", finding.GetProperty("kind").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal("example.com/greet", finding.GetProperty("subject").GetString());
        Assert.Equal("v1.0.0", finding.GetProperty("before").GetString());
        Assert.Equal("v1.1.0", finding.GetProperty("after").GetString());

        var strict = tool.Run(scenario.Folder, null, "diff", reportFile, newReport, "--drift-severity", "VersionChanged=error");
        Assert.True(strict.ExitCode == 1, strict.ToString());
        Assert.Contains("error GOMIRROR07", strict.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 finding, 1 at error severity", strict.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_of_a_missing_report_exits_1_with_the_readers_code()
    {
        var folder = tool.NewFolder("diff");
        var run = tool.Run(folder, null, "diff", Path.Combine(folder, "old.json"), Path.Combine(folder, "new.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("GOMIRROR0721", run.Stderr, StringComparison.Ordinal);
    }
}
