using GoMirror.Core.Diagnostics;
using GoMirror.Core.Reports;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Reports;

public class ReportJsonReaderTests
{
    [Fact]
    public void A_written_report_reads_back_to_the_same_bytes()
    {
        using var temp = new TempDirectory();
        var report = ReportSamples.Build(temp.Path, "/c");
        var bag = new DiagnosticBag();
        var read = ReportJsonReader.Read(ReportJson.Write(report), "baseline.json", bag);
        Assert.Empty(bag.ToList());
        Assert.Equal(ReportJson.Write(report), ReportJson.Write(read!));
    }

    [Fact]
    public void Missing_baseline_is_a_warning()
    {
        var bag = new DiagnosticBag();
        Assert.Null(ReportJsonReader.ReadFile(Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid() + ".json"), bag));
        Assert.Equal(ReportDiagnostics.BaselineNotFound.Code, Assert.Single(bag.ToList()).Code);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("{\"schemaVersion\":2}", "$.fingerprint is missing")]
    [InlineData("{\"schemaVersion\":2,\"fingerprint\":\"x\",\"reproducible\":{\"policy\":[],\"components\":[{\"goMod\":\"go.mod\",\"modules\":[{\"path\":\"a\",\"version\":\"v1\",\"verification\":{\"status\":\"maybe\"}}]}]}}", "not a known verification status")]
    [InlineData("{\"schemaVersion\":\"1\"}", "$.schemaVersion is missing or not an integer")]
    public void Malformed_baseline_is_an_error_that_says_where(string json, string expected)
    {
        var bag = new DiagnosticBag();
        Assert.Null(ReportJsonReader.Read(json, "baseline.json", bag));
        var d = Assert.Single(bag.ToList());
        Assert.Equal(ReportDiagnostics.BaselineMalformed.Code, d.Code);
        Assert.Contains(expected, d.Message, StringComparison.Ordinal);
        Assert.Equal("baseline.json", d.Location!.File);
    }

    [Fact]
    public void Edited_baseline_no_longer_matches_its_fingerprint()
    {
        using var temp = new TempDirectory();
        var json = ReportJson.Write(ReportSamples.Build(temp.Path, "/c")).Replace("\"v0.9.1\"", "\"v0.9.2\"", StringComparison.Ordinal);
        var bag = new DiagnosticBag();
        Assert.Null(ReportJsonReader.Read(json, "baseline.json", bag));
        Assert.Contains("does not match its content", Assert.Single(bag.ToList()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_schema_version_is_reported()
    {
        var bag = new DiagnosticBag();
        Assert.Null(ReportJsonReader.Read("{\"schemaVersion\":99}", "baseline.json", bag));
        Assert.Equal(ReportDiagnostics.BaselineSchemaUnsupported.Code, Assert.Single(bag.ToList()).Code);
    }
}
