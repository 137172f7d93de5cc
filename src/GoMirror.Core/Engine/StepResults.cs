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
public record StepResult(bool Succeeded, bool Skipped, string? SkipReason, IReadOnlyList<Diagnostic> Diagnostics, TimeSpan Duration)
{
    /// <summary>A step that could not run or stopped with the errors among <paramref name="diagnostics"/>.</summary>
    public static StepResult Failed(IReadOnlyList<Diagnostic> diagnostics, TimeSpan duration) => new(false, false, null, diagnostics, duration);

    /// <summary>A step that ran: it succeeded unless one of <paramref name="diagnostics"/> is an error.</summary>
    public static StepResult Ran(IReadOnlyList<Diagnostic> diagnostics, TimeSpan duration) => new(!diagnostics.Any(d => d.IsError), false, null, diagnostics, duration);

    /// <summary>A step skipped because its results are up to date, for <paramref name="reason"/>.</summary>
    public static StepResult UpToDate(string reason, IReadOnlyList<Diagnostic> diagnostics, TimeSpan duration) => new(!diagnostics.Any(d => d.IsError), true, reason, diagnostics, duration);
}

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
    : StepResult(Succeeded, Skipped, SkipReason, Diagnostics, Duration)
{
    /// <summary>A report step (or run) that stopped with the errors among <paramref name="diagnostics"/>: no report.</summary>
    public static new ReportStepResult Failed(IReadOnlyList<Diagnostic> diagnostics, TimeSpan duration) => new(false, false, null, diagnostics, duration, null, null, []);

    /// <summary>The report step's outcome when it did not write: <paramref name="step"/> (skipped or failed),
    /// with the files of the earlier report it keeps.</summary>
    internal static ReportStepResult Kept(StepResult step, StepSummary? earlier) =>
        new(step.Succeeded, step.Skipped, step.SkipReason, step.Diagnostics, step.Duration, earlier?.ReportFile, earlier?.Fingerprint, earlier?.Files ?? []);

    /// <summary>A report that was written: <paramref name="step"/>'s outcome with the files.</summary>
    internal static ReportStepResult Written(StepResult step, string? reportFile, string fingerprint, IReadOnlyList<string> files) =>
        new(step.Succeeded, false, null, step.Diagnostics, step.Duration, reportFile, fingerprint, files);
}

/// <summary>The outcome of <see cref="GoMirrorEngine.PackModuleSetsAsync"/>.</summary>
/// <param name="Succeeded">True when every component's set was packed (or had nothing a proxy may serve).</param>
/// <param name="Diagnostics">Every finding, redacted.</param>
/// <param name="Duration">Wall time.</param>
/// <param name="Packages">The <c>.nupkg</c> files written, one per component with a non-empty set.</param>
public sealed record PackStepResult(bool Succeeded, IReadOnlyList<Diagnostic> Diagnostics, TimeSpan Duration, IReadOnlyList<string> Packages)
    : StepResult(Succeeded, false, null, Diagnostics, Duration)
{
    /// <summary>A pack that could not run: no packages.</summary>
    public static new PackStepResult Failed(IReadOnlyList<Diagnostic> diagnostics, TimeSpan duration) => new(false, diagnostics, duration, []);
}
