using GoMirror.Core.Engine;
using Microsoft.Build.Framework;

namespace GoMirror.Build.Tasks;

/// <summary>
/// The tasks of the private work project (pre-warm, download, report): the Go components and the report
/// settings on top of the policy. The policy check already ran in the calling project, so its warnings are
/// not repeated here.
/// </summary>
public abstract class GoMirrorWorkTask : GoMirrorTask
{
    /// <summary><c>GoMirrorMaxParallel</c>: concurrent proxy requests; 0 uses the engine's default.</summary>
    public int MaxParallel { get; set; }

    /// <summary><c>GoMirrorReportDir</c>: where reports go; empty uses &lt;repository root&gt;/artifacts/gomirror.</summary>
    public string? ReportDir { get; set; }

    /// <summary><c>GoMirrorReportFormats</c>: for example <c>json;markdown;junit;cyclonedx;codequality</c>.</summary>
    public string? ReportFormats { get; set; }

    /// <summary><c>GoMirrorOffline</c>: also prove every component downloads with GOPROXY=off.</summary>
    public bool Offline { get; set; }

    /// <summary><c>GoMirrorBaselineReport</c>: a previous gomirror-report.json to compare with.</summary>
    public string? BaselineReport { get; set; }

    /// <summary><c>GoMirrorDriftSeverity</c>: the severity of each kind of drift, for example
    /// <c>VersionChanged=error;HashChanged=warning</c>; empty keeps the defaults.</summary>
    public string? DriftSeverity { get; set; }

    /// <summary><c>GoMirrorReportLeg</c>: the CI matrix leg in the report folder's name; empty uses the
    /// <c>GOMIRROR_REPORT_LEG</c> environment variable, else (GitHub Actions) the runner's OS and architecture.</summary>
    public string? ReportLeg { get; set; }

    /// <inheritdoc />
    public sealed override bool Execute()
    {
        var log = CreateLog(policyAlreadyReported: true);
        using var engine = new GoMirrorEngine(CreateWorkOptions(), log);
        try
        {
            var result = RunAsync(engine).GetAwaiter().GetResult();
            if (result.Skipped)
            {
                Log.LogMessage(MessageImportance.Normal, "GoMirror: {0} skipped: {1}", StepName, result.SkipReason);
            }

            OnCompleted(result);
            return result.Succeeded && !Log.HasLoggedErrors;
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            Log.LogWarning("GoMirror: {0} cancelled.", StepName);
            return false;
        }
    }

    /// <summary>The step's name in log messages.</summary>
    protected abstract string StepName { get; }

    /// <summary>Runs this task's step.</summary>
    protected abstract Task<StepResult> RunAsync(GoMirrorEngine engine);

    /// <summary>Copies results to output parameters.</summary>
    protected virtual void OnCompleted(StepResult result)
    {
    }

    private GoMirrorOptions CreateWorkOptions() => CreateOptions() with
    {
        MaxParallel = MaxParallel,
        ReportDirectory = Empty(ReportDir),
        ReportFormats = Empty(ReportFormats),
        Offline = Offline,
        BaselineReport = Empty(BaselineReport),
        DriftSeverity = Empty(DriftSeverity),
        ReportLeg = Empty(ReportLeg),
    };
}
