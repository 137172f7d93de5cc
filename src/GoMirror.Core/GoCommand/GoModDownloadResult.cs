using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.GoCommand;

/// <summary>The outcome of a <c>go mod download -json</c> run.</summary>
/// <param name="ExitCode">Go's exit code; -1 when it did not start, timed out, or the environment was rejected.</param>
/// <param name="Modules">One entry per JSON object Go printed, in Go's order.</param>
/// <param name="Diagnostics">One diagnostic per distinct problem, each with a code and a fix.</param>
/// <param name="CommandLine">The printable, copy-pasteable, redacted command line.</param>
/// <param name="StandardError">Go's stderr, redacted, for verbose logs.</param>
/// <param name="Duration">Wall time of the run.</param>
internal sealed record GoModDownloadResult(
    int ExitCode,
    IReadOnlyList<GoModuleDownload> Modules,
    IReadOnlyList<Diagnostic> Diagnostics,
    string CommandLine,
    string StandardError,
    TimeSpan Duration)
{
    /// <summary>True when Go exited 0 and nothing reported an error.</summary>
    public bool Succeeded => ExitCode == 0 && !Diagnostics.Any(d => d.IsError);
}
