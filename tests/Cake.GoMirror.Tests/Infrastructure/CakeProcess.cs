using System.Collections;
using System.Diagnostics;
using System.Text;

namespace Cake.GoMirror.Tests.Infrastructure;

/// <summary>The outcome of a process a test ran: exit code, stdout and stderr interleaved, and how long it took.</summary>
public sealed record ProcessRun(int ExitCode, string Output, TimeSpan Duration);

/// <summary>Runs dotnet (pack, cake) for the script tests, with an environment that holds nothing of the test host's Go or CI setup.</summary>
public static class CakeProcess
{
    /// <summary>Variables that would change what the engine or Go does: the policy, Go's own locations, CI
    /// detection (a test run inside GitHub Actions must not write to the job's step summary), the test host's MSBuild.</summary>
    private static readonly string[] Removed =
    [
        "GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB", "GOINSECURE", "GOFLAGS", "GOMODCACHE", "GOPATH", "GOENV",
        "GOTOOLCHAIN", "GOCACHE", "CI", "GITHUB_ACTIONS", "GITLAB_CI", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_ENV",
        "SOURCE_DATE_EPOCH", "GOMIRROR_REPORT_LEG", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath",
    ];

    /// <summary>The test process's environment without <see cref="Removed"/>, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string> CleanEnvironment(IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        foreach (var name in Removed)
        {
            environment.Remove(name);
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["NO_COLOR"] = "1";
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Runs <paramref name="fileName"/> with exactly <paramref name="environment"/> and collects its output.</summary>
    public static ProcessRun Run(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessRun(-1, output + "\n(killed after 5 minutes)", watch.Elapsed);
        }

        process.WaitForExit();
        return new ProcessRun(process.ExitCode, output.ToString(), watch.Elapsed);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
