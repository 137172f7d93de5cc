using GoMirror.Core.Engine;
using Microsoft.Build.Framework;

namespace GoMirror.Build.Tasks;

/// <summary>
/// The tasks of the private work project (pre-warm, download, report): they take every setting. The policy
/// check already ran in the calling project, so its warnings are not repeated here.
/// </summary>
public abstract class GoMirrorWorkTask : GoMirrorTask
{
    /// <inheritdoc />
    public sealed override bool Execute()
    {
        var log = CreateLog(policyAlreadyReported: true);
        if (CreateOptions(log) is not { } options)
        {
            return false;
        }

        using var engine = new GoMirrorEngine(options, log);
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
}
