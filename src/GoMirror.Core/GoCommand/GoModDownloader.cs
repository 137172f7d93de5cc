using GoMirror.Core.Diagnostics;
using GoMirror.Core.Security;

namespace GoMirror.Core.GoCommand;

/// <summary>
/// Runs <c>go mod download -json [module@version ...]</c> in a module folder with an explicit environment and
/// turns its output into per-module results and diagnostics.
/// </summary>
internal static class GoModDownloader
{
    /// <summary>The variables a download run must be given, as absolute paths.</summary>
    public static IReadOnlyList<string> RequiredVariables { get; } = ["GOMODCACHE", "GOPATH"];

    /// <summary>Runs the download.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the go process tree has been killed.</exception>
    public static async Task<GoModDownloadResult> DownloadAsync(GoModDownloadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var redactor = request.Redactor ?? new CredentialRedactor();
        var environment = GoProcessEnvironment.Build(request.Environment, request.PassProxyVariables);
        foreach (var value in environment.Values)
        {
            redactor.AddSecretsFromUrl(value);
        }

        string[] arguments = ["mod", "download", "-json", .. request.Modules];
        if (CheckEnvironment(request.Environment) is { } incomplete)
        {
            var line = GoCommandLine.Format(request.GoExecutable, arguments, request.ModuleDirectory, environment, redactor);
            return new GoModDownloadResult(-1, [], [incomplete], line, string.Empty, TimeSpan.Zero);
        }

        var run = await GoProcessRunner.RunAsync(
            new GoProcessStart(request.GoExecutable, arguments, request.ModuleDirectory, environment)
            {
                Timeout = request.Timeout,
                Redactor = redactor,
                StandardErrorLine = request.StandardErrorLine,
                Started = request.Started,
            },
            cancellationToken).ConfigureAwait(false);

        var diagnostics = new List<Diagnostic>();
        if (run.Failure is not null)
        {
            diagnostics.Add(run.Failure);
        }

        if (GoDownloadJsonParser.Parse(run.StandardOutput, out var modules) is { } unreadable && run.Failure is null)
        {
            diagnostics.Add(unreadable);
        }

        diagnostics.AddRange(modules.Where(m => !m.Succeeded).Select(m => GoErrorOutputParser.ClassifyModuleError(m, redactor)));
        var goSum = request.GoSumPath ?? Path.Combine(request.ModuleDirectory, "go.sum");
        var fromStderr = GoErrorOutputParser.ParseStandardError(run.StandardError, goSum, redactor, request.ModuleDirectory);
        if (run.Failure is null && run.ExitCode == 0)
        {
            // Go succeeded: what it printed is information ("no module dependencies to download"), not a failure.
            fromStderr = [.. fromStderr.Select(d => d with { Severity = DiagnosticSeverity.Info })];
        }

        diagnostics.AddRange(fromStderr);
        if (run.Failure is null && run.ExitCode != 0 && !diagnostics.Any(d => d.IsError))
        {
            // Go failed without a message we recognise (or any message at all): still one diagnostic, not silence.
            var said = run.StandardError.Trim();
            diagnostics.Add(GoCommandDiagnostics.CommandFailed.Create(
                $"go mod download exited with code {run.ExitCode}" + (said.Length == 0 ? " and printed nothing." : ". Go said: " + FirstLines(said))));
        }

        return new GoModDownloadResult(run.ExitCode, modules, GoErrorOutputParser.Distinct(diagnostics), run.CommandLine, run.StandardError, run.Duration);
    }

    private static Diagnostic? CheckEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        var problems = new List<string>();
        foreach (var name in RequiredVariables)
        {
            if (!variables.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{name} is not set");
            }
            else if (value.Split(Path.PathSeparator).FirstOrDefault(p => !Path.IsPathFullyQualified(p)) is { } relative)
            {
                problems.Add($"{name} '{CredentialRedactor.RedactText(relative)}' is not an absolute path");
            }
        }

        return problems.Count == 0
            ? null
            : GoCommandDiagnostics.EnvironmentIncomplete.Create("go mod download was not started: " + string.Join("; ", problems) + ".");
    }

    private static string FirstLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" / ", lines.Take(3).Select(l => l.Trim())) + (lines.Length > 3 ? " …" : string.Empty);
    }
}
