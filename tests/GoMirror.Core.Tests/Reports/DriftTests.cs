using GoMirror.Core.Diagnostics;
using GoMirror.Core.Reports;
using GoMirror.Core.Security;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Reports;

public class DriftTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "drift-repo");

    private static ReproducibilityReport Report(IReadOnlyList<ModuleRecord> modules, string goVersion = "go1.19.8", string proxy = "https://proxy.example") =>
        new ReportBuilder(Root, new CredentialRedactor()).Build(new ReportInput
        {
            GoVersion = goVersion,
            Policy = [new("GOPROXY", proxy, "environment variable GOPROXY")],
            Components = [new("tools/go.mod", modules)],
        }, new DiagnosticBag());

    private static ModuleRecord Module(string path, string version, string zip = "z", string mod = "m") =>
        new(path, version) { Sum = ReportSamples.H1(path + version + zip), GoModSum = ReportSamples.H1(path + version + mod), Proxy = "https://proxy.example" };

    [Fact]
    public void Identical_reports_have_no_drift()
    {
        var a = Report([Module("a.example/x", "v1.0.0")]);
        Assert.Empty(DriftAnalyzer.Compare(a, a).Findings);
    }

    [Fact]
    public void Added_module_is_info()
    {
        var result = DriftAnalyzer.Compare(Report([]), Report([Module("a.example/x", "v1.0.0")]));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(ReportDiagnostics.ModuleAdded.Code, d.Code);
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Equal("tools/go.mod", d.Location!.File);
        Assert.Contains("a.example/x@v1.0.0", d.Message, StringComparison.Ordinal);
        Assert.Contains("go mod tidy", d.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Removed_module_is_reported()
    {
        var d = Assert.Single(DriftAnalyzer.Compare(Report([Module("a.example/x", "v1.0.0")]), Report([])).Diagnostics);
        Assert.Equal(ReportDiagnostics.ModuleRemoved.Code, d.Code);
    }

    [Fact]
    public void Changed_version_is_a_warning_with_the_way_back()
    {
        var result = DriftAnalyzer.Compare(Report([Module("a.example/x", "v1.0.0")]), Report([Module("a.example/x", "v1.1.0")]));
        var f = Assert.Single(result.Findings);
        Assert.Equal(new DriftFinding(DriftKind.VersionChanged, "tools/go.mod", "a.example/x", "v1.0.0", "v1.1.0"), f);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("go get a.example/x@v1.0.0", d.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Changed_hash_for_the_same_version_is_an_error_by_default()
    {
        var result = DriftAnalyzer.Compare(Report([Module("a.example/x", "v1.0.0")]), Report([Module("a.example/x", "v1.0.0", zip: "retagged")]));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(ReportDiagnostics.ModuleHashChanged.Code, d.Code);
        Assert.True(result.HasErrors);
        Assert.Equal("tools/go.sum", d.Location!.File);
        Assert.Contains("https://proxy.example", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changed_go_mod_hash_is_a_hash_change_too()
    {
        var result = DriftAnalyzer.Compare(Report([Module("a.example/x", "v1.0.0")]), Report([Module("a.example/x", "v1.0.0", mod: "other")]));
        Assert.Equal("a.example/x@v1.0.0 (go.mod)", Assert.Single(result.Findings).Subject);
    }

    [Fact]
    public void A_module_that_lost_its_hash_is_not_a_hash_change()
    {
        var local = new ModuleRecord("a.example/x", "v1.0.0") { NoDigestReason = "replaced by ../x" };
        Assert.Empty(DriftAnalyzer.Compare(Report([Module("a.example/x", "v1.0.0")]), Report([local])).Findings);
    }

    [Fact]
    public void Changed_policy_and_go_version_are_reported()
    {
        var result = DriftAnalyzer.Compare(Report([], "go1.19.8", "https://a.example"), Report([], "go1.21.0", "https://b.example"));
        Assert.Equal([DriftKind.PolicyChanged, DriftKind.GoVersionChanged], result.Findings.Select(f => f.Kind));
        Assert.Equal([ReportDiagnostics.PolicyChanged.Code, ReportDiagnostics.GoVersionChanged.Code], result.Diagnostics.Select(d => d.Code));
        Assert.Equal("environment variable GOPROXY", result.Diagnostics[0].Location!.Description);
    }

    [Fact]
    public void Severity_per_kind_is_configurable()
    {
        var options = new DriftOptions { Severities = new Dictionary<DriftKind, DiagnosticSeverity> { [DriftKind.HashChanged] = DiagnosticSeverity.Warning, [DriftKind.ModuleAdded] = DiagnosticSeverity.Error } };
        var result = DriftAnalyzer.Compare(
            Report([Module("a.example/x", "v1.0.0")]),
            Report([Module("a.example/x", "v1.0.0", zip: "retagged"), Module("b.example/y", "v2.0.0")]),
            options);
        Assert.Equal(DiagnosticSeverity.Error, result.Diagnostics.Single(d => d.Code == ReportDiagnostics.ModuleAdded.Code).Severity);
        Assert.Equal(DiagnosticSeverity.Warning, result.Diagnostics.Single(d => d.Code == ReportDiagnostics.ModuleHashChanged.Code).Severity);
    }

    [Fact]
    public void Drift_against_a_baseline_file_read_back_from_disk()
    {
        using var temp = new TempDirectory();
        var baseline = Report([Module("a.example/x", "v1.0.0")]);
        var path = temp.Combine(ReportJson.FileName);
        File.WriteAllText(path, ReportJson.Write(baseline));
        var read = ReportJsonReader.ReadFile(path, new DiagnosticBag());
        Assert.NotNull(read);
        Assert.Equal(ReportJson.Write(baseline), ReportJson.Write(read));
        var d = Assert.Single(DriftAnalyzer.Compare(read, Report([Module("a.example/x", "v1.0.0", zip: "other")])).Diagnostics);
        Assert.Equal(ReportDiagnostics.ModuleHashChanged.Code, d.Code);
    }
}
