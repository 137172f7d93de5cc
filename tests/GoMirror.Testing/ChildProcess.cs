using System.Diagnostics;
using System.Text;

namespace GoMirror.Testing;

/// <summary>The outcome of a process a test ran: exit code, stdout and stderr interleaved, and how long it took.</summary>
public sealed record ProcessRun(int ExitCode, string Output, TimeSpan Duration);

/// <summary>
/// Runs a child process for a test (dotnet pack, dotnet build, dotnet cake) with an environment that holds
/// nothing of the test host's Go, CI or MSBuild setup (<see cref="HermeticEnvironment"/>).
/// </summary>
public static class ChildProcess
{
    /// <summary>The test process's environment as <see cref="HermeticEnvironment"/> leaves it, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string> CleanEnvironment(IReadOnlyDictionary<string, string>? extra = null) =>
        HermeticEnvironment.For(extra);

    /// <summary>Runs <c>dotnet</c> with the <see cref="CleanEnvironment"/> (plus <paramref name="extra"/>).</summary>
    public static ProcessRun Dotnet(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? extra = null) =>
        Run("dotnet", arguments, workingDirectory, CleanEnvironment(extra));

    /// <summary>The configuration the calling test assembly was built in (bin/&lt;Configuration&gt;/&lt;tfm&gt;/).</summary>
    public static string TestConfiguration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>
    /// Packs a project of this repository with <paramref name="version"/> into <paramref name="outputDirectory"/>,
    /// without building: test projects reference the packed project, so its output is already built in
    /// <see cref="TestConfiguration"/>. A unique version per run keeps NuGet from serving an older copy.
    /// </summary>
    public static void Pack(string project, string version, string outputDirectory)
    {
        var run = Dotnet(RepositoryRoot.Path, ["pack", project, "--no-build", "-c", TestConfiguration, "-nr:false", "-p:Version=" + version, "-o", outputDirectory]);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack of {Path.GetFileName(project)} failed ({run.ExitCode}):\n{run.Output}");
        }
    }

    /// <summary>A package version no earlier test run used: <c>0.0.0-test.&lt;UTC time&gt;.&lt;process id&gt;</c>.</summary>
    public static string UniqueTestVersion() =>
        "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "." + Environment.ProcessId;

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
