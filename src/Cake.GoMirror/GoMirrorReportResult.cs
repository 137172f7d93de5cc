using Cake.Core.IO;

namespace Cake.GoMirror;

/// <summary>What <c>GoMirrorReport</c> and <c>GoMirror</c> leave behind.</summary>
public sealed class GoMirrorReportResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="reportFile">The gomirror-report.json written (or kept, when up to date); null when the step was skipped.</param>
    /// <param name="fingerprint">The report's fingerprint (<c>sha256:…</c>); null when the step was skipped.</param>
    /// <param name="files">Every report file written.</param>
    public GoMirrorReportResult(FilePath? reportFile, string? fingerprint, IReadOnlyList<FilePath> files)
    {
        ReportFile = reportFile;
        Fingerprint = fingerprint;
        Files = files ?? throw new ArgumentNullException(nameof(files));
    }

    /// <summary>The gomirror-report.json written (or kept, when up to date); null when the step was skipped.</summary>
    public FilePath? ReportFile { get; }

    /// <summary>The report's fingerprint (<c>sha256:</c> and 64 hex digits); the same inputs give the same fingerprint on every machine.</summary>
    public string? Fingerprint { get; }

    /// <summary>Every report file written: JSON, Markdown, JUnit, CycloneDX, Code Quality, as chosen.</summary>
    public IReadOnlyList<FilePath> Files { get; }
}
