using GoMirror.Core.GoCommand;
using GoMirror.Core.Security;

namespace GoMirror.Core.Toolchain;

/// <summary>
/// Asks the Go that actually runs in a folder which it is: <c>go env GOVERSION</c> there, with the environment the
/// engine gives <c>go mod download</c>. The found Go makes its toolchain choice first (and switches, downloading the
/// toolchain if it must), so the answer is the version of the Go that the download then runs.
/// </summary>
internal static class RunningToolchain
{
    /// <summary>The answer: <see cref="Version"/> (<c>go1.23.5</c>), or <see cref="Failure"/> in Go's words.</summary>
    /// <param name="Version">What Go printed, trimmed; null on failure.</param>
    /// <param name="Failure">Why there is no version (exit code and stderr, redacted); null on success.</param>
    internal sealed record Answer(string? Version, string? Failure);

    /// <summary>Runs <c>go env GOVERSION</c> in <paramref name="folder"/> with <paramref name="found"/>; a Go older than
    /// 1.21 cannot switch, so its own version is the answer and no process starts (one per component saved).</summary>
    public static async Task<Answer> AskAsync(GoToolchainInfo found, string folder, IReadOnlyDictionary<string, string> environment, TimeSpan? timeout, CredentialRedactor redactor, CancellationToken ct)
    {
        if (ToolchainSelector.PredatesSwitching(found.Version.Text))
        {
            return new Answer(found.Version.Text, null);
        }

        var run = await GoProcessRunner.RunAsync(
            new GoProcessStart(found.Executable, ["env", "GOVERSION"], folder, GoProcessEnvironment.Build(environment, passProxyVariables: true))
            {
                Timeout = timeout,
                Redactor = redactor,
            },
            ct).ConfigureAwait(false);
        var version = run.StandardOutput.Trim();
        if (run.Failure is { } failure)
        {
            return new Answer(null, failure.Message);
        }

        return run.ExitCode == 0 && version.StartsWith("go", StringComparison.Ordinal) && !version.Contains('\n', StringComparison.Ordinal)
            ? new Answer(version, null)
            : new Answer(null, $"exit {run.ExitCode}: {redactor.Redact(run.StandardError.ReplaceLineEndings(" ").Trim())}");
    }
}
