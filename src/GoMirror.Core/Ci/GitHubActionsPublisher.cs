using System.Globalization;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Reports;
using GoMirror.Core.Security;

namespace GoMirror.Core.Ci;

/// <summary>How many annotations of each level were written and how many were left out.</summary>
/// <param name="Written">Per level (<c>error</c>, <c>warning</c>, <c>notice</c>), how many were written.</param>
/// <param name="Omitted">Per level, how many were over the cap.</param>
internal sealed record AnnotationCounts(IReadOnlyDictionary<string, int> Written, IReadOnlyDictionary<string, int> Omitted)
{
    /// <summary>"+N more …" lines for the summary, one per level that went over the cap.</summary>
    public IReadOnlyList<string> Notes => [.. Omitted.Where(o => o.Value > 0).OrderBy(o => o.Key, StringComparer.Ordinal)
        .Select(o => string.Create(CultureInfo.InvariantCulture, $"+{o.Value} more {o.Key} finding(s) not shown as annotations (GitHub shows at most {GitHubActionsPublisher.MaxAnnotationsPerLevel} per level); all are listed above and in {ReportJson.FileName}."))];
}

/// <summary>
/// Publishes a report in GitHub Actions: findings as annotations (at most 10 per level, the runner shows no
/// more), the per-component list in a collapsible group, the Markdown summary appended to
/// <c>$GITHUB_STEP_SUMMARY</c> (locked, newline-guarded, under 1 MiB), and the fingerprint exported as the
/// step output <c>fingerprint</c> and the variable <c>GOMIRROR_FINGERPRINT</c> for later steps.
/// Everything written passes through the redactor once more.
/// </summary>
internal sealed class GitHubActionsPublisher
{
    /// <summary>GitHub shows at most this many annotations per level and step.</summary>
    public const int MaxAnnotationsPerLevel = 10;

    /// <summary>GitHub's limit on one step's summary.</summary>
    public const long StepSummaryLimitBytes = 1024 * 1024;

    private readonly Func<string, string?> _environment;
    private readonly TextWriter _log;
    private readonly CredentialRedactor _redactor;

    /// <summary>Creates a publisher.</summary>
    /// <param name="environment">The environment (<c>GITHUB_STEP_SUMMARY</c>, <c>GITHUB_OUTPUT</c>, <c>GITHUB_ENV</c>).</param>
    /// <param name="log">Where workflow commands go: the build's standard output.</param>
    /// <param name="redactor">The run's redactor.</param>
    public GitHubActionsPublisher(Func<string, string?> environment, TextWriter log, CredentialRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(redactor);
        _environment = environment;
        _log = log;
        _redactor = redactor;
    }

    /// <summary>How long to wait for a lock on a shared CI file.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Publishes everything: group, annotations, step summary, fingerprint.</summary>
    public AnnotationCounts Publish(ReproducibilityReport report, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(diagnostics);
        Line(GitHubWorkflowCommands.Group("GoMirror report " + report.Fingerprint));
        foreach (var line in CiText.SummaryLines(report))
        {
            Line(line);
        }

        Line(GitHubWorkflowCommands.EndGroup);
        var counts = WriteAnnotations(report.Findings);
        AppendStepSummary(MarkdownSummaryWriter.Write(report, counts.Notes), diagnostics);
        ExportFingerprint(report.Fingerprint, diagnostics);
        return counts;
    }

    /// <summary>Writes findings as annotations, at most <see cref="MaxAnnotationsPerLevel"/> per level.</summary>
    public AnnotationCounts WriteAnnotations(IEnumerable<ReportFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var written = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["error"] = 0, ["warning"] = 0, ["notice"] = 0 };
        var omitted = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["error"] = 0, ["warning"] = 0, ["notice"] = 0 };
        foreach (var finding in findings)
        {
            var level = finding.Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => "notice",
            };
            if (written[level] >= MaxAnnotationsPerLevel)
            {
                omitted[level]++;
                continue;
            }

            written[level]++;
            var message = finding.Message + " Fix: " + finding.Fix + (finding.IsFile || finding.Path is null ? string.Empty : " (" + finding.Path + ")");
            // Redact before escaping: an escaped secret (':' as %3A) would no longer match.
            Line(GitHubWorkflowCommands.Annotation(
                level,
                _redactor.Redact(message),
                finding.IsFile ? _redactor.Redact(finding.Path) : null,
                finding.Line,
                finding.Column,
                finding.Code));
        }

        return new AnnotationCounts(written, omitted);
    }

    /// <summary>Appends Markdown to <c>$GITHUB_STEP_SUMMARY</c> (nothing when unset).</summary>
    public void AppendStepSummary(string markdown, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var path = _environment("GITHUB_STEP_SUMMARY");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        const string note = "\n> GoMirror: the summary was truncated to stay under GitHub's 1 MiB step summary limit; the full summary is in the uploaded gomirror-report.md.\n";
        var outcome = LockedFileAppender.Append(path, _redactor.Redact(markdown), StepSummaryLimitBytes, note, LockTimeout, out var error);
        Report(outcome, path, "GITHUB_STEP_SUMMARY", error, diagnostics);
    }

    /// <summary>Appends <c>fingerprint=…</c> to <c>$GITHUB_OUTPUT</c> and <c>GOMIRROR_FINGERPRINT=…</c> to
    /// <c>$GITHUB_ENV</c> (each skipped when its variable is unset).</summary>
    public void ExportFingerprint(string fingerprint, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (fingerprint.Contains('\n', StringComparison.Ordinal) || fingerprint.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException("A fingerprint is one line.", nameof(fingerprint));
        }

        foreach (var (variable, line) in new[] { ("GITHUB_OUTPUT", "fingerprint=" + fingerprint), ("GITHUB_ENV", "GOMIRROR_FINGERPRINT=" + fingerprint) })
        {
            var path = _environment(variable);
            if (!string.IsNullOrEmpty(path))
            {
                var outcome = LockedFileAppender.Append(path, _redactor.Redact(line) + "\n", null, string.Empty, LockTimeout, out var error);
                Report(outcome, path, variable, error, diagnostics);
            }
        }
    }

    private static void Report(AppendOutcome outcome, string path, string variable, string? error, DiagnosticBag diagnostics)
    {
        var where = new SourceLocation("environment variable " + variable, path);
        switch (outcome)
        {
            case AppendOutcome.LockTimeout:
                diagnostics.Add(CiDiagnostics.CiFileLockTimeout.Create($"{variable} ({path}) stayed locked by another writer: {error}", where));
                break;
            case AppendOutcome.Failed:
                diagnostics.Add(CiDiagnostics.CiFileWriteFailed.Create($"Could not append to {variable} ({path}): {error}", where));
                break;
            case AppendOutcome.Truncated or AppendOutcome.Full:
                diagnostics.Add(CiDiagnostics.StepSummaryTruncated.Create($"{variable} ({path}) reached GitHub's 1 MiB limit; the GoMirror summary was {(outcome == AppendOutcome.Full ? "left out" : "truncated")}.", where));
                break;
            default:
                break;
        }
    }

    private void Line(string text) => _log.Write(_redactor.Redact(text) + "\n");
}
