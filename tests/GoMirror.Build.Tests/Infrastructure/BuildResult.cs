using Microsoft.Build.Framework;

namespace GoMirror.Build.Tests.Infrastructure;

/// <summary>What one in-proc build did: success, its errors, warnings and messages.</summary>
public sealed class BuildResult
{
    public required bool Succeeded { get; init; }

    public required IReadOnlyList<BuildErrorEventArgs> Errors { get; init; }

    public required IReadOnlyList<BuildWarningEventArgs> Warnings { get; init; }

    public required IReadOnlyList<string> Messages { get; init; }

    /// <summary>Everything logged, for assertion messages.</summary>
    public required string Log { get; init; }

    public override string ToString() => Log;
}
