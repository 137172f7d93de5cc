using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;

namespace GoMirror.Core.Engine;

/// <summary>The outcome of <see cref="GoMirrorEngine.CheckPolicy"/>.</summary>
/// <param name="Policy">The resolved policy (use it only when <see cref="Succeeded"/>).</param>
/// <param name="Diagnostics">Every finding about the policy, the options and the components' go.mod/go.sum, redacted.</param>
public sealed record PolicyCheckResult(GoMirrorPolicy Policy, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when no finding is an error: nothing stops the build from downloading.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}

/// <summary>The outcome of one engine step.</summary>
/// <param name="Succeeded">True when the step did its work (or had nothing to do) without an error.</param>
/// <param name="Skipped">True when the step did nothing because its results are up to date.</param>
/// <param name="SkipReason">Why it was skipped, in words, for the build log; null when it ran.</param>
/// <param name="Diagnostics">Every finding of the step, redacted.</param>
/// <param name="Duration">Wall time of the step.</param>
public record StepResult(bool Succeeded, bool Skipped, string? SkipReason, IReadOnlyList<Diagnostic> Diagnostics, TimeSpan Duration);

/// <summary>The outcome of the report step (and of a whole <see cref="GoMirrorEngine.RunAsync"/>).</summary>
/// <param name="Succeeded">True when the step did its work (or had nothing to do) without an error.</param>
/// <param name="Skipped">True when the step did nothing because its results are up to date.</param>
/// <param name="SkipReason">Why it was skipped; null when it ran.</param>
/// <param name="Diagnostics">Every finding, redacted.</param>
/// <param name="Duration">Wall time.</param>
/// <param name="ReportFile">The <c>gomirror-report.json</c> written (or kept, when skipped); null when none was.</param>
/// <param name="Fingerprint">The report's fingerprint; null when no report was made.</param>
/// <param name="Files">Every file the report step wrote (or kept), for the host to publish as artifacts.</param>
public sealed record ReportStepResult(
    bool Succeeded,
    bool Skipped,
    string? SkipReason,
    IReadOnlyList<Diagnostic> Diagnostics,
    TimeSpan Duration,
    string? ReportFile,
    string? Fingerprint,
    IReadOnlyList<string> Files)
    : StepResult(Succeeded, Skipped, SkipReason, Diagnostics, Duration);
