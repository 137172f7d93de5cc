using GoMirror.Core.Ci;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Reports;
using GoMirror.Core.Security;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Reports;

/// <summary>Every format against its golden file, byte for byte. The sample is built under a fresh temp
/// folder each run, so the goldens also prove no absolute repository path leaks into any format.</summary>
public class ReportGoldenTests
{
    private const string Cache = "/var/cache/gomod";

    [Fact]
    public void Json_report_matches_golden() => Golden("gomirror-report.json", r => ReportJson.Write(r));

    [Fact]
    public void Markdown_summary_matches_golden() => Golden("gomirror-report.md", r => MarkdownSummaryWriter.Write(r, ["+2 more error finding(s) not shown as annotations."]));

    [Fact]
    public void JUnit_matches_golden() => Golden("gomirror-junit.xml", r => JUnitReportWriter.Write(r, ReportSamples.FixedTime));

    [Fact]
    public void CycloneDx_matches_golden() => Golden("gomirror-sbom.cdx.json", r => CycloneDxWriter.Write(r, new CycloneDxOptions { ToolVersion = "0.1.0" }));

    [Fact]
    public void CodeQuality_matches_golden() => Golden("gomirror-codequality.json", CodeQualityWriter.Write);

    [Fact]
    public void GitHub_log_commands_match_golden()
    {
        Golden("github-log.txt", report =>
        {
            using var log = new StringWriter();
            new GitHubActionsPublisher(_ => null, log, new CredentialRedactor()).Publish(report, new DiagnosticBag());
            return log.ToString();
        });
    }

    [Fact]
    public void GitLab_log_and_dotenv_match_golden()
    {
        using var temp = new TempDirectory();
        Golden("gitlab-log.txt", report =>
        {
            using var log = new StringWriter();
            var publisher = new GitLabCiPublisher(log, new FixedClock(ReportSamples.FixedTime), new CredentialRedactor());
            var dotenv = publisher.Publish(report, temp.Path, new DiagnosticBag());
            return log.ToString() + "--- " + GitLabCiPublisher.DotenvFileName + "\n" + File.ReadAllText(dotenv!);
        });
    }

    [Fact]
    public void Writing_twice_gives_identical_bytes_in_every_format()
    {
        using var temp = new TempDirectory();
        var report = ReportSamples.Build(temp.Path, Cache);
        var first = ReportFileWriter.Render(report, ReportFormats.All);
        var again = ReportFileWriter.Render(ReportSamples.Build(temp.Path, Cache), ReportFormats.All);
        Assert.Equal(5, first.Count);
        Assert.Equal(first, again);
        foreach (var (name, text) in first)
        {
            Assert.DoesNotContain('\r', text);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain(temp.Path, text, StringComparison.Ordinal);
            Assert.False(JsonText.Utf8NoBom.GetBytes(text).AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), name + " starts with a BOM");
        }
    }

    private static void Golden(string name, Func<ReproducibilityReport, string> render)
    {
        using var temp = new TempDirectory();
        GoldenFile.AssertMatches(name, render(ReportSamples.Build(temp.Path, Cache)));
    }
}

/// <summary>A clock held still: the real clock cannot be made to return one instant in two runs.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
