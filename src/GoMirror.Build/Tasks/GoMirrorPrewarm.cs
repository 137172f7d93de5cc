using GoMirror.Core.Engine;

namespace GoMirror.Build.Tasks;

/// <summary>Pre-warms the Go module cache from every component's go.sum through the configured proxies.</summary>
public sealed class GoMirrorPrewarm : GoMirrorWorkTask
{
    /// <inheritdoc />
    protected override string StepName => "pre-warm";

    /// <inheritdoc />
    protected override Task<StepResult> RunAsync(GoMirrorEngine engine) => engine.PrewarmAsync(CancellationToken);
}
