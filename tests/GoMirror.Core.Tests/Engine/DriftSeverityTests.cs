using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Reports;
using GoMirror.Core.Tests.Prewarm;

namespace GoMirror.Core.Tests.Engine;

/// <summary>
/// GoMirrorOptions.DriftSeverity: the list's syntax, its malformed entries (GOMIRROR0582), and its effect on a
/// real run against a baseline report: a raised kind fails the report, a lowered one lets it pass, and a
/// changed list makes an up-to-date report run again.
/// </summary>
public class DriftSeverityTests
{
    private static readonly SourceLocation Source = new("DriftSeverity option");

    [Fact]
    public void Kinds_by_name_or_code_in_any_case_and_a_later_entry_wins()
    {
        var diagnostics = new DiagnosticBag();

        var options = DriftSeverityList.Parse(" versionchanged=ERROR; gomirror0704 = warning ,PolicyChanged=info\nPolicyChanged=error;; ", Source, diagnostics);

        Assert.Empty(diagnostics.ToList());
        Assert.Equal(DiagnosticSeverity.Error, options.SeverityOf(DriftKind.VersionChanged));
        Assert.Equal(DiagnosticSeverity.Warning, options.SeverityOf(DriftKind.HashChanged));
        Assert.Equal(DiagnosticSeverity.Error, options.SeverityOf(DriftKind.PolicyChanged));
        Assert.Equal(ReportDiagnostics.ModuleAdded.DefaultSeverity, options.SeverityOf(DriftKind.ModuleAdded));
        Assert.Equal(3, options.Severities.Count);
    }

    [Fact]
    public void Lists_that_mean_the_same_describe_the_same_and_empty_is_the_defaults()
    {
        var diagnostics = new DiagnosticBag();
        var spelled = DriftSeverityList.Parse("HashChanged=error;ModuleAdded=info", Source, diagnostics);

        Assert.Equal(DriftSeverityList.Describe(new DriftOptions()), DriftSeverityList.Describe(spelled));
        Assert.Equal(DriftSeverityList.Describe(new DriftOptions()), DriftSeverityList.Describe(DriftSeverityList.Parse("  ", Source, diagnostics)));
        Assert.NotEqual(DriftSeverityList.Describe(new DriftOptions()), DriftSeverityList.Describe(DriftSeverityList.Parse("HashChanged=warning", Source, diagnostics)));
        Assert.Empty(diagnostics.ToList());
    }

    [Fact]
    public void Each_malformed_entry_is_GOMIRROR0582_and_the_good_ones_still_count()
    {
        var diagnostics = new DiagnosticBag();

        var options = DriftSeverityList.Parse("VersionChange=error;HashChanged=fatal;PolicyChanged;ModuleAdded=none;GoVersionChanged=error", Source, diagnostics);

        var all = diagnostics.ToList();
        Assert.Equal(4, all.Count);
        Assert.All(all, d =>
        {
            Assert.Equal("GOMIRROR0582", d.Code);
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Equal(Source, d.Location);
        });
        Assert.Contains("'VersionChange' is not a kind of drift; known: ModuleAdded, ModuleRemoved, VersionChanged, HashChanged, PolicyChanged, GoVersionChanged", all[0].Message, StringComparison.Ordinal);
        Assert.Contains("'fatal' is not a severity; use error, warning or info", all[1].Message, StringComparison.Ordinal);
        Assert.Contains("'PolicyChanged': it has no '='", all[2].Message, StringComparison.Ordinal);
        Assert.Contains("drift cannot be switched off", all[3].Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Error, options.SeverityOf(DriftKind.GoVersionChanged));
        Assert.Equal(ReportDiagnostics.ModuleHashChanged.DefaultSeverity, options.SeverityOf(DriftKind.HashChanged));
    }

    [Fact]
    public async Task A_malformed_list_fails_the_check_before_any_request()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, goMod) with { DriftSeverity = "HashChanged=never" }, new RecordingLog());

        var check = engine.CheckPolicy();
        var run = await engine.RunAsync(TestContext.Current.CancellationToken);

        Assert.False(check.Succeeded);
        Assert.Equal("GOMIRROR0582", Assert.Single(check.Diagnostics, d => d.IsError).Code);
        Assert.False(run.Succeeded);
        Assert.Empty(scenario.Server.Requests);
    }

    [Fact]
    public async Task A_version_change_raised_to_error_fails_the_report_and_the_changed_list_runs_it_again()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"));
        var ct = TestContext.Current.CancellationToken;
        var baseline = scenario.Temp.Combine("baseline.json");
        using (var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, goMod), new RecordingLog()))
        {
            File.Copy((await engine.RunAsync(ct)).ReportFile!, baseline);
        }

        // An upgrade as 'go get' and 'go mod tidy' leave it: the old version's go.sum lines gone.
        File.Delete(Path.Combine(Path.GetDirectoryName(goMod)!, "go.sum"));
        scenario.Component("app", scenario.Module("example.com/a", "v1.1.0"));
        var options = scenario.Options(scenario.Server.Url, goMod) with { BaselineReport = baseline };
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            var byDefault = await engine.RunAsync(ct);
            Assert.True(byDefault.Succeeded, string.Join("\n", byDefault.Diagnostics));
            Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(byDefault.Diagnostics, d => d.Code == "GOMIRROR0703").Severity);
        }

        var log = new RecordingLog();
        using (var engine = new GoMirrorEngine(options with { DriftSeverity = "VersionChanged=error" }, log))
        {
            var raised = await engine.RunAsync(ct);
            Assert.False(raised.Succeeded);
            Assert.False(raised.Skipped);
            var error = Assert.Single(raised.Diagnostics, d => d.IsError);
            Assert.Equal("GOMIRROR0703", error.Code);
            Assert.Contains("example.com/a changed from v1.0.0 to v1.1.0", error.Message, StringComparison.Ordinal);
        }

        Assert.Contains(log.Messages, m => m.Contains("the report settings changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hash_change_lowered_to_warning_lets_the_report_succeed()
    {
        var ct = TestContext.Current.CancellationToken;

        // Two worlds serve example.com/a v1.0.0 with different bytes, as a re-tag or a bad mirror would.
        string baseline;
        await using var before = await PrewarmScenario.StartAsync();
        var goModBefore = before.Component("app", before.Module("example.com/a", content: "package lib\n\n// the original tag\n"));
        using (var engine = new GoMirrorEngine(before.Options(before.Server.Url, goModBefore), new RecordingLog()))
        {
            baseline = (await engine.RunAsync(ct)).ReportFile!;
        }

        await using var after = await PrewarmScenario.StartAsync();
        var goMod = after.Component("app", after.Module("example.com/a", content: "package lib\n\n// re-tagged with other bytes\n"));
        var options = after.Options(after.Server.Url, goMod) with { BaselineReport = baseline };
        using (var engine = new GoMirrorEngine(options, new RecordingLog()))
        {
            var byDefault = await engine.RunAsync(ct);
            Assert.False(byDefault.Succeeded);
            Assert.Equal("GOMIRROR0704", Assert.Single(byDefault.Diagnostics, d => d.IsError).Code);
        }

        using (var engine = new GoMirrorEngine(options with { DriftSeverity = "HashChanged=warning" }, new RecordingLog()))
        {
            var lowered = await engine.RunAsync(ct);
            Assert.True(lowered.Succeeded, string.Join("\n", lowered.Diagnostics));
            var warning = Assert.Single(lowered.Diagnostics, d => d.Code == "GOMIRROR0704");
            Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
            Assert.Contains("example.com/a@v1.0.0 (zip)", warning.Message, StringComparison.Ordinal);
            var findings = ReportJsonReader.ReadFile(lowered.ReportFile!, new DiagnosticBag())!.Findings;
            Assert.Contains(findings, f => f.Code == "GOMIRROR0704" && f.Severity == DiagnosticSeverity.Warning);
        }
    }
}
