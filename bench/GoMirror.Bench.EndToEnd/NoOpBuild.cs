using System.Globalization;

namespace GoMirror.Bench.EndToEnd;

/// <summary>
/// What GoMirror.Build adds to a no-op <c>dotnet build</c>: a copy of samples/mixed-repo (which references the
/// package) built against the packed package the way the Sample target of build/build.cake builds it (a
/// private packages folder, so no stale copy of the same version is used), once per variant, then
/// <c>dotnet build</c> again and again, alternating <c>GoMirrorEnabled=false</c> and <c>true</c> so drift in
/// the machine's load hits both alike. Node reuse and the compiler server are off so nothing outlives the run.
/// </summary>
public static class NoOpBuild
{
    /// <summary>Measures <paramref name="runs"/> builds of each variant, or returns why it cannot.</summary>
    /// <param name="repositoryRoot">The repository (samples/mixed-repo is copied from it).</param>
    /// <param name="workDirectory">Scratch folder for the copy, its packages, module cache and reports.</param>
    /// <param name="logDirectory">Where the full output of a failed build is kept.</param>
    /// <param name="packageSource">The folder holding the packed GoMirror.Build package.</param>
    /// <param name="packageVersion">Its version.</param>
    /// <param name="runs">Runs of each variant.</param>
    public static (NoOpBuildResult? Result, string? Skipped) Measure(string repositoryRoot, string workDirectory, string logDirectory, string packageSource, string packageVersion, int runs)
    {
        var sample = Path.Combine(workDirectory, "sample");
        ProcessRunner.DeleteTree(sample);
        CopyTree(Path.Combine(repositoryRoot, "samples", "mixed-repo"), sample);
        var project = Path.Combine(sample, "src", "Inventory.App", "Inventory.App.csproj");
        if (!File.ReadAllText(project).Contains("Include=\"GoMirror.Build\"", StringComparison.Ordinal))
        {
            return (null, "samples/mixed-repo does not reference the GoMirror.Build package");
        }

        var packages = Path.Combine(workDirectory, "sample-packages");
        ProcessRunner.DeleteTree(packages);
        var modCache = Path.Combine(workDirectory, "sample-modcache");
        ProcessRunner.DeleteTree(modCache);
        string[] properties =
        [
            "-p:GoMirrorVersion=" + packageVersion,
            "-p:RestorePackagesPath=" + packages,
            "-p:RestoreAdditionalProjectSources=" + packageSource,
            "-p:GoMirrorReportDir=" + Path.Combine(workDirectory, "sample-reports"),
            "-p:GoMirrorModCache=" + modCache,
            "-p:UseSharedCompilation=false",
            "-clp:PerformanceSummary",
        ];
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["MSBUILDDISABLENODEREUSE"] = "1",
        };
        TimedRun Build(string enabled) =>
            ProcessRunner.Run("dotnet", sample, env, inheritEnvironment: true, ["build", project, "-p:GoMirrorEnabled=" + enabled, .. properties]);

        // The first build with GoMirror fills the module cache that the agent's own go build (GOPROXY=off) reads.
        foreach (var enabled in new[] { "true", "false" })
        {
            var first = Build(enabled);
            if (first.ExitCode != 0)
            {
                Directory.CreateDirectory(logDirectory);
                var log = Path.Combine(logDirectory, "noop-build-failed.log");
                File.WriteAllText(log, first.StandardOutput + first.StandardError);
                return (null, $"the first build with GoMirrorEnabled={enabled} failed (exit {first.ExitCode}; full output in {log}): " + LastLines(first.StandardOutput + first.StandardError, 4));
            }
        }

        var with = new List<double>();
        var without = new List<double>();
        var tasks = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            without.Add(Build("false").EnsureSuccess("no-op build without GoMirror").Elapsed.TotalMilliseconds);
            var run = Build("true").EnsureSuccess("no-op build with GoMirror");
            with.Add(run.Elapsed.TotalMilliseconds);
            tasks.Add(GoMirrorTaskMilliseconds(run.StandardOutput));
        }

        var medianWith = Stats.Median(with);
        var medianWithout = Stats.Median(without);
        return (new NoOpBuildResult(runs, without, with, medianWithout, medianWith, medianWith - medianWithout, medianWith / medianWithout, tasks, Stats.Median(tasks)), null);
    }

    // The GoMirror tasks' own time from MSBuild's task performance summary ("   12 ms  GoMirrorPrewarm   1 calls"):
    // what the package costs inside the build, free of the process start-up noise around it.
    private static double GoMirrorTaskMilliseconds(string output)
    {
        var total = 0.0;
        var inTasks = false;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("Task Performance Summary:", StringComparison.Ordinal))
            {
                inTasks = true;
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!inTasks || fields.Length < 3 || fields[1] != "ms")
            {
                inTasks &= fields.Length > 0;
                continue;
            }

            if (fields[2].StartsWith("GoMirror", StringComparison.Ordinal) || fields[2] == "GoModDownload")
            {
                total += double.Parse(fields[0], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    private static string LastLines(string text, int count) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(dir);
            if (name is not ("bin" or "obj"))
            {
                CopyTree(dir, Path.Combine(to, name));
            }
        }
    }
}

/// <summary>Small statistics helpers.</summary>
public static class Stats
{
    /// <summary>The median of <paramref name="values"/> (mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Milliseconds with one decimal, invariant.</summary>
    public static string Ms(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>A ratio with two decimals and an x.</summary>
    public static string Ratio(double r) => r.ToString("0.00", CultureInfo.InvariantCulture) + "x";
}
