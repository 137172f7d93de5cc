using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.GoCommand;

/// <summary>How a go process ended.</summary>
/// <param name="ExitCode">The exit code; -1 when the process could not start or was stopped on timeout.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr, redacted.</param>
/// <param name="CommandLine">The printable, redacted command line (see <see cref="GoCommandLine"/>).</param>
/// <param name="Duration">Wall time from start to exit.</param>
/// <param name="Failure">GOMIRROR0313 when the process could not start, GOMIRROR0304 when it timed out; otherwise null.</param>
internal sealed record GoProcessResult(int ExitCode, string StandardOutput, string StandardError, string CommandLine, TimeSpan Duration, Diagnostic? Failure)
{
    /// <summary>True when the process ran to the end and exited 0.</summary>
    public bool Succeeded => Failure is null && ExitCode == 0;
}
