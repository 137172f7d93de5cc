using System.Collections.Concurrent;
using System.Text.Json;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Security;

namespace GoMirror.Core.GoCommand;

/// <summary>
/// Asks a toolchain for <c>go version</c> and <c>go env -json</c>, once per executable: results are cached
/// by the executable's resolved path, size and modification time (a reinstalled Go is asked again), and for
/// <c>go env</c> also by the environment given and the modification time of Go's env file.
/// One build shares <see cref="Shared"/>.
/// </summary>
internal sealed class GoToolchainInspector
{
    // go version / go env answer in milliseconds; a toolchain that takes longer than this is broken.
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Lazy<Task<Answer>>> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Answer>>> _environments = new(StringComparer.Ordinal);
    private int _processStarts;

    /// <summary>The cache shared by everything in this process.</summary>
    public static GoToolchainInspector Shared { get; } = new();

    /// <summary>How many go processes this instance started (for logs and tests).</summary>
    public int ProcessStarts => Volatile.Read(ref _processStarts);

    /// <summary>Runs <c>go version</c> (or answers from the cache).</summary>
    /// <param name="executable">The go executable.</param>
    /// <param name="diagnostics">Receives GOMIRROR0302/0313 on failure.</param>
    /// <param name="cancellationToken">Stops waiting; a shared query in flight finishes for other callers.</param>
    /// <returns>The toolchain facts, or null after reporting a diagnostic.</returns>
    public async Task<GoToolchainInfo?> GetInfoAsync(string executable, DiagnosticBag diagnostics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executable);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var key = ExecutableKey(executable);
        var answer = await Query(_versions, key, () => RunVersionAsync(executable), cancellationToken).ConfigureAwait(false);
        if (answer.Failure is not null)
        {
            diagnostics.Add(answer.Failure);
        }

        return answer.Info;
    }

    /// <summary>Runs <c>go env -json</c> (or answers from the cache).</summary>
    /// <param name="executable">The go executable.</param>
    /// <param name="variables">The environment to ask under, as for <see cref="GoProcessEnvironment.Build"/>;
    /// null to ask under this process's whole environment (what Go shows the user at a prompt).</param>
    /// <param name="diagnostics">Receives GOMIRROR0305/0312/0313 on failure.</param>
    /// <param name="cancellationToken">Stops waiting; a shared query in flight finishes for other callers.</param>
    /// <returns>Go's variables by name, or null after reporting a diagnostic.</returns>
    public async Task<IReadOnlyDictionary<string, string>?> GetEnvironmentAsync(
        string executable,
        IReadOnlyDictionary<string, string>? variables,
        DiagnosticBag diagnostics,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executable);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var environment = variables is null ? Ambient() : GoProcessEnvironment.Build(variables, passProxyVariables: false);
        var key = ExecutableKey(executable) + "\n" + string.Join("\n", environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value));
        for (var attempt = 0; ; attempt++)
        {
            var answer = await Query(_environments, key, () => RunEnvAsync(executable, environment), cancellationToken).ConfigureAwait(false);
            if (attempt == 0 && answer.EnvFile is { } file && FileStamp(file) != answer.EnvFileStamp)
            {
                // Go's env file changed since the cached answer (go env -w in another step): ask again.
                _environments.TryRemove(key, out _);
                continue;
            }

            if (answer.Failure is not null)
            {
                diagnostics.Add(answer.Failure);
            }

            return answer.Environment;
        }
    }

    private static async Task<Answer> Query(ConcurrentDictionary<string, Lazy<Task<Answer>>> cache, string key, Func<Task<Answer>> run, CancellationToken cancellationToken)
    {
        var entry = cache.GetOrAdd(key, _ => new Lazy<Task<Answer>>(run));
        var answer = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (answer.Failure is not null)
        {
            // A failure may be transient (a locked file, a full disk); let the next caller try again.
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<Answer>>>(key, entry));
        }

        return answer;
    }

    private async Task<Answer> RunVersionAsync(string executable)
    {
        var run = await StartAsync(executable, ["version"], GoProcessEnvironment.Build(new Dictionary<string, string>(), passProxyVariables: false)).ConfigureAwait(false);
        if (run.Failure is not null)
        {
            return new Answer { Failure = run.Failure };
        }

        var info = run.ExitCode == 0 ? GoToolchainInfo.Parse(executable, run.StandardOutput) : null;
        return info is not null
            ? new Answer { Info = info }
            : new Answer
            {
                Failure = GoCommandDiagnostics.GoVersionUnreadable.Create(
                    $"'{executable} version' exited with code {run.ExitCode} and printed '{Flat(run.StandardOutput + run.StandardError)}', not a 'go version goX.Y.Z os/arch' line."),
            };
    }

    private async Task<Answer> RunEnvAsync(string executable, IReadOnlyDictionary<string, string> environment)
    {
        var run = await StartAsync(executable, ["env", "-json"], environment).ConfigureAwait(false);
        if (run.Failure is not null)
        {
            return new Answer { Failure = run.Failure };
        }

        if (run.ExitCode != 0)
        {
            return new Answer { Failure = GoCommandDiagnostics.CommandFailed.Create($"'go env -json' exited with code {run.ExitCode}: {Flat(run.StandardError)}") };
        }

        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(run.StandardOutput) ?? [];
            var envFile = values.TryGetValue("GOENV", out var file) && file.Length > 0 && file != "off" ? file : null;
            return new Answer { Environment = values, EnvFile = envFile, EnvFileStamp = envFile is null ? default : FileStamp(envFile) };
        }
        catch (JsonException e)
        {
            return new Answer { Failure = GoCommandDiagnostics.OutputUnreadable.Create($"'go env -json' printed something that is not a JSON object of strings: {e.Message}") };
        }
    }

    private Task<GoProcessResult> StartAsync(string executable, string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        Interlocked.Increment(ref _processStarts);

        // A neutral folder: newer Go reads go.mod/go.work of the current folder even for go env.
        return GoProcessRunner.RunAsync(new GoProcessStart(executable, arguments, Path.GetTempPath(), environment) { Timeout = QueryTimeout });
    }

    private static string ExecutableKey(string executable)
    {
        var file = new FileInfo(executable);
        var target = file.Exists ? file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file : file;
        var path = Path.GetFullPath(target.FullName);
        return target.Exists ? $"{path}|{target.Length}|{target.LastWriteTimeUtc.Ticks}" : path;
    }

    private static DateTime FileStamp(string file) => File.Exists(file) ? File.GetLastWriteTimeUtc(file) : default;

    private static Dictionary<string, string> Ambient()
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            all[(string)e.Key] = (string?)e.Value ?? string.Empty;
        }

        return all;
    }

    private static string Flat(string text)
    {
        var flat = CredentialRedactor.RedactText(text).ReplaceLineEndings(" ").Trim();
        return flat.Length <= 300 ? flat : flat[..300] + "…";
    }

    private sealed record Answer
    {
        public GoToolchainInfo? Info { get; init; }

        public IReadOnlyDictionary<string, string>? Environment { get; init; }

        public string? EnvFile { get; init; }

        public DateTime EnvFileStamp { get; init; }

        public Diagnostic? Failure { get; init; }
    }
}
