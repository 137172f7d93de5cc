using System.Text;
using System.Text.Json;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.ModuleSets;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Engine;

/// <summary>
/// The up-to-date check reads only a step's summary from its state file; it must read exactly what the full
/// record says, and a damaged file must mean "run again" with a warning, never an exception.
/// </summary>
public class StepSummaryTests
{
    private static readonly StampState Stamp = new("4f1c", new Dictionary<string, string> { ["go.sum of app"] = "9a0b", ["GOPROXY"] = "77e2" });

    private static readonly DiagnosticState Finding = new("GOMIRROR0578", DiagnosticSeverity.Warning, "Title", "a \"quoted\" message", "Fix", "go.sum", "/r/go.sum", 3, 1);

    [Fact]
    public void The_summary_of_each_step_reads_what_its_full_record_says()
    {
        using var temp = new TempDirectory();
        var state = new EngineState(temp.Path, [temp.Combine("app", "go.mod")], temp.Combine("reports"));
        var diagnostics = new DiagnosticBag();
        var module = new ModuleState("example.com/a", "v1.0.0", true, "Downloaded", "https://proxy", 12, TimeSpan.FromMilliseconds(5), "h1:zip", "h1:mod", "/r/go.sum", 4, ["app"]);
        var prewarm = new PrewarmState(Stamp, false, TimeSpan.FromSeconds(1), [module], [Finding]);
        var download = new DownloadState(Stamp with { Value = "d0wn" }, true, "go1.19.8", TimeSpan.FromSeconds(2), null, [new ComponentDownloadState("/r/go.mod", true, true, [new GoModuleState("example.com/a", "v1.0.0", "h1:zip", "h1:mod", null)])], []);
        var report = new ReportState(Stamp, true, TimeSpan.FromSeconds(3), true, false, "/r/out/gomirror-report.json", "sha256:f00d", ["/r/out/gomirror-report.json", "/r/out/a \"b\".xml"], [Finding]);

        state.Write(prewarm, diagnostics);
        state.Write(download, diagnostics);
        state.Write(report, diagnostics);

        Assert.Equal(("4f1c", false, false, false, null, null, ""), Fields(state.ReadSummary<PrewarmState>(diagnostics)!));
        Assert.Equal(("d0wn", true, false, false, null, null, ""), Fields(state.ReadSummary<DownloadState>(diagnostics)!));
        Assert.Equal(Fields(report.ToSummary()), Fields(state.ReadSummary<ReportState>(diagnostics)!));
        var read = state.ReadSummary<ReportState>(diagnostics)!;
        Assert.Equal(("4f1c", true, true, false, "/r/out/gomirror-report.json", "sha256:f00d", "/r/out/gomirror-report.json\n/r/out/a \"b\".xml"), Fields(read));
        Assert.Empty(diagnostics.ToList());
    }

    [Fact]
    public void The_writer_writes_the_bytes_of_the_full_contract_and_they_read_back_whole()
    {
        // Records compare lists by reference, so equality is checked on the JSON the contract writes again.
        var module = new ModuleState("example.com/a", "v1.0.0", true, "Downloaded", "https://proxy", 12, TimeSpan.FromMilliseconds(5), "h1:zip", "h1:mod", "/r/go.sum", 4, ["app"]);
        var prewarm = new PrewarmState(Stamp, true, TimeSpan.FromSeconds(1), [module], [Finding], [new ModuleSetState("/r/go.mod", "GoMirror.ModuleSet.app", "1.0.0-habc", "/feed", "pulled", ["example.com/a@v1.0.0"])]);
        var download = new DownloadState(Stamp, true, "go1.19.8", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), [new ComponentDownloadState("/r/go.mod", true, null, [new GoModuleState("example.com/a", "v1.0.0", "h1:zip", null, "e")]) { Toolchain = new ComponentToolchainState("go1.23.5", "go1.21.13", "switch", "golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64") }], [Finding]);
        var report = new ReportState(Stamp, false, TimeSpan.FromSeconds(3), true, true, null, null, [], [Finding]);

        AssertSameBytes(prewarm);
        AssertSameBytes(download);
        AssertSameBytes(report);
    }

    private static void AssertSameBytes<T>(T state)
        where T : class, IStepState<T>
    {
        var written = JsonSerializer.SerializeToUtf8Bytes(state, T.WriteJson);
        Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(state, T.Json)), Encoding.UTF8.GetString(written));
        var read = JsonSerializer.Deserialize(written, T.Json)!;
        Assert.Equal(Encoding.UTF8.GetString(written), Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(read, T.Json)));
    }

    private static (string Stamp, bool Succeeded, bool UsedPrewarm, bool UsedDownload, string? ReportFile, string? Fingerprint, string Files) Fields(StepSummary s) =>
        (s.Stamp, s.Succeeded, s.UsedPrewarm, s.UsedDownload, s.ReportFile, s.Fingerprint, string.Join("\n", s.Files));

    [Fact]
    public void A_missing_state_file_has_no_summary_and_no_warning()
    {
        using var temp = new TempDirectory();
        var state = new EngineState(temp.Path, [temp.Combine("app", "go.mod")], temp.Combine("reports"));
        var diagnostics = new DiagnosticBag();

        Assert.Null(state.ReadSummary<PrewarmState>(diagnostics));
        Assert.Empty(diagnostics.ToList());
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"Stamp":{"Value":"4f1c","Parts":{}}}""")]
    [InlineData("""{"Succeeded":true}""")]
    [InlineData("""{"Stamp":{"Value":"4f1c"},"Succeeded":"yes"}""")]
    [InlineData("""{"Stamp":{"Value":42},"Succeeded":true}""")]
    [InlineData("""{"Stamp":{"Value":"4f1c"},"Succeeded":true,"Files":["a",1]}""")]
    [InlineData("""{"Stamp":{"Value":"4f1c"},"Succeeded":true} trailing""")]
    [InlineData("""{"Stamp":{"Value":"4f1c"},"Succeeded":true,"Modules":[{"Path":"a",}]}""")]
    [InlineData("""{"Stamp":{"Value":"4f1c"},"Succeeded":true""")]
    public void A_damaged_state_file_has_no_summary_and_is_reported(string text)
    {
        using var temp = new TempDirectory();
        var state = new EngineState(temp.Path, [temp.Combine("app", "go.mod")], temp.Combine("reports"));
        Directory.CreateDirectory(state.Folder);
        File.WriteAllText(Path.Combine(state.Folder, "report.json"), text);
        var diagnostics = new DiagnosticBag();

        Assert.Null(state.ReadSummary<ReportState>(diagnostics));
        Assert.Equal("GOMIRROR0575", Assert.Single(diagnostics.ToList()).Code);
    }
}
