using System.Globalization;
using System.Text;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Reports;

/// <summary>
/// <c>gomirror-report.md</c>: what a person wants to know in a minute (fingerprint, counts, what failed and
/// how to fix it), with the full module list folded away. Also what goes into GitHub's step summary.
/// </summary>
internal static class MarkdownSummaryWriter
{
    /// <summary>The file name of the Markdown summary.</summary>
    public const string FileName = "gomirror-report.md";

    /// <summary>Findings listed before "+N more".</summary>
    public const int MaxFindingRows = 50;

    /// <summary>Modules listed before "+N more".</summary>
    public const int MaxModuleRows = 500;

    /// <summary>Writes the summary.</summary>
    /// <param name="report">The report.</param>
    /// <param name="notes">Extra lines for the end of the findings section, for example
    /// "+3 more errors were not annotated" from the GitHub annotation cap.</param>
    public static string Write(ReproducibilityReport report, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var modules = report.AllModules.ToList();
        var verified = modules.Count(m => m.Verification is ModuleVerification.GoSum or ModuleVerification.ChecksumDatabase);
        var mismatched = modules.Count(m => m.Verification == ModuleVerification.Mismatch);
        var noDigest = modules.Count(m => m.Sha256 is null);
        var errors = report.Findings.Count(f => f.Severity == DiagnosticSeverity.Error);
        var warnings = report.Findings.Count(f => f.Severity == DiagnosticSeverity.Warning);
        var infos = report.Findings.Count - errors - warnings;

        Line(md, "## GoMirror reproducibility report");
        Line(md);
        Line(md, errors > 0 || mismatched > 0
            ? Invariant($"**{errors} error(s), {mismatched} module(s) with a hash mismatch.** See the findings below.")
            : Invariant($"**No errors.** {verified} of {modules.Count} module(s) verified."));
        Line(md);
        Line(md, "| | |");
        Line(md, "|---|---|");
        Line(md, "| Fingerprint | `" + report.Fingerprint + "` |");
        Line(md, "| Go | " + Cell(report.Reproducible.GoVersion ?? "unknown") + " |");
        Line(md, Invariant($"| Components | {report.Reproducible.Components.Count} |"));
        Line(md, Invariant($"| Modules | {modules.Count}: {verified} verified, {modules.Count(m => m.Verification == ModuleVerification.NotVerified)} not verified, {noDigest} without digest, {mismatched} mismatched |"));
        Line(md, Invariant($"| Findings | {errors} error(s), {warnings} warning(s), {infos} info |"));
        var environment = report.Environment;
        if (environment.CiProvider is not null || environment.Job is not null)
        {
            Line(md, "| Run | " + Cell(string.Join(" ", new[] { environment.CiProvider, environment.Job, environment.RunId }.Where(s => s is not null))) + " |");
        }

        if (environment.CacheHits + environment.CacheMisses > 0)
        {
            Line(md, Invariant($"| Module cache | {environment.CacheHits} hit(s), {environment.CacheMisses} miss(es) |"));
        }

        if (report.Findings.Count > 0 || notes is { Count: > 0 })
        {
            Line(md);
            Line(md, "### Findings");
            Line(md);
            if (report.Findings.Count > 0)
            {
                Line(md, "| Severity | Code | Where | Message | Fix |");
                Line(md, "|---|---|---|---|---|");
                foreach (var f in report.Findings.Take(MaxFindingRows))
                {
                    var where = f.Path is null ? string.Empty : f.Line > 0 ? Invariant($"{f.Path}:{f.Line}") : f.Path;
                    Line(md, $"| {ReportJson.SeverityName(f.Severity)} | [{f.Code}]({f.HelpLink}) | {Cell(where)} | {Cell(f.Message)} | {Cell(f.Fix)} |");
                }

                if (report.Findings.Count > MaxFindingRows)
                {
                    Line(md);
                    Line(md, Invariant($"+{report.Findings.Count - MaxFindingRows} more finding(s) in {ReportJson.FileName}."));
                }
            }

            foreach (var note in notes ?? [])
            {
                Line(md);
                Line(md, Cell(note));
            }
        }

        if (report.Reproducible.Components.Count > 0)
        {
            Line(md);
            Line(md, "### Components");
            Line(md);
            Line(md, "| go.mod | Modules | Verified | Not verified | No digest | Mismatch |");
            Line(md, "|---|---|---|---|---|---|");
            foreach (var c in report.Reproducible.Components)
            {
                Line(md, Invariant($"| {Cell(c.GoMod)} | {c.Modules.Count} | {c.Modules.Count(m => m.Verification is ModuleVerification.GoSum or ModuleVerification.ChecksumDatabase)} | {c.Modules.Count(m => m.Verification == ModuleVerification.NotVerified)} | {c.Modules.Count(m => m.Sha256 is null)} | {c.Modules.Count(m => m.Verification == ModuleVerification.Mismatch)} |"));
            }
        }

        if (report.Reproducible.Policy.Count > 0)
        {
            Line(md);
            Line(md, "### Policy");
            Line(md);
            Line(md, "| Setting | Value | Source |");
            Line(md, "|---|---|---|");
            foreach (var s in report.Reproducible.Policy)
            {
                Line(md, $"| {Cell(s.Name)} | {Cell(s.Value)} | {Cell(s.Source)} |");
            }
        }

        if (modules.Count > 0)
        {
            Line(md);
            Line(md, Invariant($"<details><summary>Modules ({modules.Count})</summary>"));
            Line(md);
            Line(md, "| go.mod | Module | Version | Verification | Proxy | Digest |");
            Line(md, "|---|---|---|---|---|---|");
            var rows = report.Reproducible.Components.SelectMany(c => c.Modules.Select(m => (c.GoMod, Module: m))).ToList();
            foreach (var (goMod, m) in rows.Take(MaxModuleRows))
            {
                var digest = m.Sha256 is null ? "none: " + (m.NoDigestReason ?? string.Empty) : "sha256:" + m.Sha256[..12] + "…";
                Line(md, $"| {Cell(goMod)} | {Cell(m.Path)} | {Cell(m.Version)} | {ReportJson.VerificationName(m.Verification)} | {Cell(m.Proxy ?? string.Empty)} | {Cell(digest)} |");
            }

            if (rows.Count > MaxModuleRows)
            {
                Line(md);
                Line(md, Invariant($"+{rows.Count - MaxModuleRows} more module(s) in {ReportJson.FileName}."));
            }

            Line(md);
            Line(md, "</details>");
        }

        return md.ToString();
    }

    /// <summary>Makes text safe inside a Markdown table cell: one line, no table or HTML syntax.</summary>
    public static string Cell(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r' or '\n' or '\t':
                    builder.Append(' ');
                    break;
                case '\\' or '|' or '<' or '>' or '*' or '_' or '[' or ']' or '`':
                    builder.Append('\\').Append(c);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // Always "\n": AppendLine would write "\r\n" on Windows.
    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
