using GoMirror.Core.Engine;

namespace GoMirror.Build.Tasks;

/// <summary>Runs <c>go mod download</c> for every component against the warmed cache.</summary>
public sealed class GoModDownload : GoMirrorWorkTask
{
    /// <inheritdoc />
    protected override string StepName => "go mod download";

    /// <inheritdoc />
    protected override Task<StepResult> RunAsync(GoMirrorEngine engine) => engine.DownloadAsync(CancellationToken);
}
