using GoMirror.Core.Engine;
using Microsoft.Build.Framework;

namespace GoMirror.Build.Tasks;

/// <summary>Writes the reproducibility reports (gomirror-report.json and the chosen formats).</summary>
public sealed class GoMirrorReport : GoMirrorWorkTask
{
    /// <summary>The gomirror-report.json written (or kept, when up to date).</summary>
    [Output]
    public string? ReportFile { get; private set; }

    /// <summary>The report's fingerprint.</summary>
    [Output]
    public string? Fingerprint { get; private set; }

    /// <inheritdoc />
    protected override string StepName => "report";

    /// <inheritdoc />
    protected override async Task<StepResult> RunAsync(GoMirrorEngine engine) => await engine.ReportAsync(CancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override void OnCompleted(StepResult result)
    {
        if (result is ReportStepResult report)
        {
            ReportFile = report.ReportFile;
            Fingerprint = report.Fingerprint;
            if (report.ReportFile is not null)
            {
                Log.LogMessage(MessageImportance.High, "GoMirror: report {0} (fingerprint {1})", report.ReportFile, report.Fingerprint);
            }
        }
    }
}
