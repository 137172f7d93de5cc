using GoMirror.Core.Engine;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoMirror.Build.Tasks;

/// <summary>Packs each component's verified module set from the module cache into a deterministic <c>.nupkg</c>
/// (GoMirrorModuleSetOutput), for a NuGet feed other runners warm from.</summary>
public sealed class GoMirrorPackModules : GoMirrorWorkTask
{
    /// <summary>The packages written, one per component with a non-empty set.</summary>
    [Output]
    public ITaskItem[] Packages { get; private set; } = [];

    /// <inheritdoc />
    protected override string StepName => "pack";

    /// <inheritdoc />
    protected override async Task<StepResult> RunAsync(GoMirrorEngine engine) => await engine.PackModuleSetsAsync(CancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override void OnCompleted(StepResult result)
    {
        if (result is PackStepResult pack)
        {
            Packages = [.. pack.Packages.Select(p => new TaskItem(p))];
            foreach (var package in pack.Packages)
            {
                Log.LogMessage(MessageImportance.High, "GoMirror: module set {0}", package);
            }
        }
    }
}
