using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Ci;

/// <summary>Diagnostic codes of CI integration (GOMIRROR0750–0799).</summary>
internal static class CiDiagnostics
{
    /// <summary>A CI file stayed locked by another writer.</summary>
    public static readonly DiagnosticDescriptor CiFileLockTimeout = new(
        "GOMIRROR0750",
        DiagnosticSeverity.Warning,
        "CI file stayed locked",
        "Another process held the file (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_ENV) locked for too long; run fewer report writers at once in one step, or raise the lock timeout.");

    /// <summary>A CI file could not be written.</summary>
    public static readonly DiagnosticDescriptor CiFileWriteFailed = new(
        "GOMIRROR0751",
        DiagnosticSeverity.Warning,
        "CI file could not be written",
        "Check that the file the CI variable names exists in a writable folder; the reports themselves were still written.");

    /// <summary>The GitHub step summary would exceed its size limit.</summary>
    public static readonly DiagnosticDescriptor StepSummaryTruncated = new(
        "GOMIRROR0752",
        DiagnosticSeverity.Info,
        "Step summary truncated at GitHub's 1 MiB limit",
        "Read the full summary in the uploaded gomirror-report.md artifact, or write less into the same step's summary.");

    /// <summary>A dotenv variable breaks GitLab's dotenv rules.</summary>
    public static readonly DiagnosticDescriptor DotenvVariableRejected = new(
        "GOMIRROR0753",
        DiagnosticSeverity.Warning,
        "Variable cannot go into a GitLab dotenv report",
        "GitLab dotenv variables need a name of letters, digits and '_' (not starting with a digit), a one-line value, at most 20 variables and 5 KiB per file.");
}
