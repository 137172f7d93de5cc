using System.Text;
using System.Text.RegularExpressions;
using GoMirror.Core.Ci;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Reports;
using GoMirror.Core.Security;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Ci;

public partial class GitHubActionsPublisherTests
{
    private static ReportFinding Finding(DiagnosticSeverity severity, int n) =>
        new("GOMIRROR0705", severity, "finding " + n, "fix", "go.mod", n, 0, true);

    [Fact]
    public void At_most_ten_annotations_per_level_and_the_rest_counted()
    {
        using var log = new StringWriter();
        var findings = Enumerable.Range(1, 13).Select(n => Finding(DiagnosticSeverity.Error, n))
            .Concat(Enumerable.Range(1, 2).Select(n => Finding(DiagnosticSeverity.Warning, n)))
            .Concat(Enumerable.Range(1, 12).Select(n => Finding(DiagnosticSeverity.Info, n)));
        var counts = new GitHubActionsPublisher(_ => null, log, new CredentialRedactor()).WriteAnnotations(findings);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Count(l => l.StartsWith("::error ", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.StartsWith("::warning ", StringComparison.Ordinal)));
        Assert.Equal(10, lines.Count(l => l.StartsWith("::notice ", StringComparison.Ordinal)));
        Assert.Equal(3, counts.Omitted["error"]);
        Assert.Equal(2, counts.Omitted["notice"]);
        Assert.Equal(2, counts.Notes.Count);
        Assert.StartsWith("+3 more error finding(s)", counts.Notes[0], StringComparison.Ordinal);
        Assert.Contains("+3 more error", MarkdownSummaryWriter.Write(new ReproducibilityReport
        {
            Fingerprint = "sha256:0",
            Reproducible = new ReproduciblePart(null, [], []),
            Environment = new ReportEnvironment(),
        }, counts.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void Parallel_writers_never_tear_lines_in_the_step_summary()
    {
        using var temp = new TempDirectory();
        var summary = temp.Combine("summary.md");
        const int writers = 8;
        const int blocks = 25;
        var bag = new DiagnosticBag();
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, w =>
        {
            var publisher = new GitHubActionsPublisher(n => n == "GITHUB_STEP_SUMMARY" ? summary : null, TextWriter.Null, new CredentialRedactor());
            for (var b = 0; b < blocks; b++)
            {
                var block = new StringBuilder();
                for (var l = 0; l < 20; l++)
                {
                    block.Append($"w{w}-b{b}-l{l} ").Append('x', 200).Append('\n');
                }

                // Every other block lacks its final newline: the next writer's guard must repair it.
                var text = b % 2 == 0 ? block.ToString() : block.ToString().TrimEnd('\n');
                publisher.AppendStepSummary(text, bag);
            }
        });

        Assert.Empty(bag.ToList());
        var lines = File.ReadAllText(summary).Split('\n');
        var content = lines.Where(l => l.Length > 0).ToList();
        Assert.Equal(writers * blocks * 20, content.Count);
        Assert.All(content, l => Assert.Matches(LinePattern(), l));
        // Each block is contiguous: line l of a block directly follows line l-1.
        for (var i = 1; i < content.Count; i++)
        {
            var m = LinePattern().Match(content[i]);
            if (m.Groups["l"].Value != "0")
            {
                var previous = LinePattern().Match(content[i - 1]);
                Assert.Equal(m.Groups["w"].Value + "/" + m.Groups["b"].Value, previous.Groups["w"].Value + "/" + previous.Groups["b"].Value);
            }
        }
    }

    [Fact]
    public void Newline_guard_separates_from_an_earlier_step()
    {
        using var temp = new TempDirectory();
        var summary = temp.Combine("summary.md");
        File.WriteAllText(summary, "previous text without newline");
        new GitHubActionsPublisher(n => n == "GITHUB_STEP_SUMMARY" ? summary : null, TextWriter.Null, new CredentialRedactor())
            .AppendStepSummary("## ours\n", new DiagnosticBag());
        Assert.Equal("previous text without newline\n## ours\n", File.ReadAllText(summary));
    }

    [Fact]
    public void Summary_is_kept_under_one_mebibyte_with_a_note()
    {
        using var temp = new TempDirectory();
        var summary = temp.Combine("summary.md");
        File.WriteAllText(summary, new string('a', 900_000) + "\n");
        var publisher = new GitHubActionsPublisher(n => n == "GITHUB_STEP_SUMMARY" ? summary : null, TextWriter.Null, new CredentialRedactor());
        var bag = new DiagnosticBag();
        var big = string.Concat(Enumerable.Range(0, 5000).Select(i => $"| row {i} | {new string('é', 20)} |\n"));
        publisher.AppendStepSummary(big, bag);

        var bytes = File.ReadAllBytes(summary);
        Assert.True(bytes.Length < GitHubActionsPublisher.StepSummaryLimitBytes, bytes.Length + " bytes");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("the full summary is in the uploaded gomirror-report.md.\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', text);
        Assert.All(text.Split('\n').Where(l => l.StartsWith("| row", StringComparison.Ordinal)), l => Assert.EndsWith(" |", l, StringComparison.Ordinal));
        Assert.Equal(CiDiagnostics.StepSummaryTruncated.Code, Assert.Single(bag.ToList()).Code);

        // Already full: nothing more is written.
        var before = new FileInfo(summary).Length;
        publisher.AppendStepSummary(big, bag);
        Assert.Equal(before, new FileInfo(summary).Length);
    }

    [Fact]
    public void Fingerprint_is_exported_to_output_and_env_files()
    {
        using var temp = new TempDirectory();
        var env = new Dictionary<string, string> { ["GITHUB_OUTPUT"] = temp.Combine("out"), ["GITHUB_ENV"] = temp.Combine("env") };
        File.WriteAllText(env["GITHUB_ENV"], "OTHER=1");
        new GitHubActionsPublisher(n => env.GetValueOrDefault(n), TextWriter.Null, new CredentialRedactor()).ExportFingerprint("sha256:abc", new DiagnosticBag());
        Assert.Equal("fingerprint=sha256:abc\n", File.ReadAllText(env["GITHUB_OUTPUT"]));
        Assert.Equal("OTHER=1\nGOMIRROR_FINGERPRINT=sha256:abc\n", File.ReadAllText(env["GITHUB_ENV"]));
    }

    [Fact]
    public void A_file_locked_too_long_is_a_warning_not_a_hang()
    {
        using var temp = new TempDirectory();
        var summary = temp.Combine("summary.md");
        using var holder = new FileStream(summary, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        var bag = new DiagnosticBag();
        new GitHubActionsPublisher(n => n == "GITHUB_STEP_SUMMARY" ? summary : null, TextWriter.Null, new CredentialRedactor()) { LockTimeout = TimeSpan.FromMilliseconds(200) }
            .AppendStepSummary("x\n", bag);
        var d = Assert.Single(bag.ToList());
        Assert.Equal(CiDiagnostics.CiFileLockTimeout.Code, d.Code);
        Assert.Equal(summary, d.Location!.File);
    }

    [Fact]
    public void A_summary_file_in_a_missing_folder_is_a_warning()
    {
        using var temp = new TempDirectory();
        var bag = new DiagnosticBag();
        new GitHubActionsPublisher(n => n == "GITHUB_STEP_SUMMARY" ? temp.Combine("missing", "summary.md") : null, TextWriter.Null, new CredentialRedactor())
            .AppendStepSummary("x\n", bag);
        Assert.Equal(CiDiagnostics.CiFileWriteFailed.Code, Assert.Single(bag.ToList()).Code);
    }

    [GeneratedRegex(@"^w(?<w>\d+)-b(?<b>\d+)-l(?<l>\d+) x{200}$")]
    private static partial Regex LinePattern();
}
