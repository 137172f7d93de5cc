using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using GoMirror.Core.Security;

namespace GoMirror.Core.GoCommand;

/// <summary>
/// Runs a go process asynchronously. Both output streams are read while the process runs, so a large
/// output never blocks it. Cancellation and timeouts kill the whole process tree (go may start git or
/// compilers) and return promptly.
/// </summary>
internal static class GoProcessRunner
{
    // How long to wait for the pipes to drain after a kill; a grandchild that escaped the kill could
    // otherwise hold them open forever.
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="start"/> to completion, timeout or cancellation.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the process tree has been killed.</exception>
    public static async Task<GoProcessResult> RunAsync(GoProcessStart start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        cancellationToken.ThrowIfCancellationRequested();
        var redactor = start.Redactor ?? new CredentialRedactor();
        var commandLine = GoCommandLine.Format(start.Executable, start.Arguments, start.WorkingDirectory, start.Environment, redactor);
        var info = new ProcessStartInfo(start.Executable)
        {
            WorkingDirectory = start.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in start.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (name, value) in start.Environment)
        {
            info.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            return new GoProcessResult(-1, string.Empty, string.Empty, commandLine, clock.Elapsed, GoCommandDiagnostics.CommandStartFailed.Create(
                $"Could not start '{start.Executable}' in '{start.WorkingDirectory}': {redactor.Redact(e.Message)}"));
        }

        start.Started?.Invoke(process.Id);
        var stdout = ReadAllAsync(process.StandardOutput, null);
        var stderr = ReadAllAsync(process.StandardError, line => start.StandardErrorLine?.Invoke(redactor.Redact(line)));

        // Go never reads stdin here; closing it makes any prompt (git credentials) fail instead of hanging.
        await WriteInputAsync(process, start.StandardInput).ConfigureAwait(false);

        using var timeout = start.Timeout is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await process.WaitForExitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await DrainAsync(process, stdout, stderr).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new GoProcessResult(-1, await Completed(stdout).ConfigureAwait(false), redactor.Redact(await Completed(stderr).ConfigureAwait(false)), commandLine, clock.Elapsed,
                GoCommandDiagnostics.CommandTimedOut.Create(
                    $"'{string.Join(' ', start.Arguments)}' in '{start.WorkingDirectory}' did not finish within {start.Timeout!.Value.TotalSeconds:0.#} s and was stopped."));
        }

        // WaitForExitAsync returns once the process exited and its output reached EOF.
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        return new GoProcessResult(process.ExitCode, output, redactor.Redact(errors), commandLine, clock.Elapsed, null);
    }

    private static async Task WriteInputAsync(Process process, string? input)
    {
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process exited without reading its input: its exit code and output tell what happened.
        }
    }

    private static async Task<string> ReadAllAsync(StreamReader reader, Action<string>? onLine)
    {
        var text = new StringBuilder();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            text.Append(line).Append('\n');
            onLine?.Invoke(line);
        }

        return text.ToString();
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the cancellation and the kill.
        }
        catch (Win32Exception)
        {
            // Exiting while being killed; nothing left to stop.
        }
    }

    private static async Task DrainAsync(Process process, Task<string> stdout, Task<string> stderr)
    {
        try
        {
            await Task.WhenAll(process.WaitForExitAsync(), stdout, stderr).WaitAsync(DrainLimit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Output lost after a kill is acceptable; hanging the build is not.
        }
    }

    private static async Task<string> Completed(Task<string> read) =>
        read.IsCompletedSuccessfully ? await read.ConfigureAwait(false) : string.Empty;
}
