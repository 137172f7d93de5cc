using System.Globalization;

namespace GoMirror.Bench;

/// <summary>
/// What GoMirror.Build adds to a no-op <c>dotnet build</c>: a copy of samples/mixed-repo built against the
/// packed package from a local feed (its own NuGet.config and packages folder, so no stale copy is used),
/// built once per variant, then <c>dotnet build</c> as a developer runs it, alternating
/// <c>GoMirrorEnabled=false</c> and <c>true</c> so drift in the machine's load hits both alike.
/// </summary>
public static class NoOpBuild
{
    /// <summary>Measures <paramref name="runs"/> builds of each variant, or returns why it cannot.</summary>
    public static (NoOpBuildResult? Result, string? Skipped) Measure(string repositoryRoot, string workDirectory, string packageSource, string packageVersion, int runs)
    {
        var sample = Path.Combine(workDirectory, "sample");
        ProcessRunner.DeleteTree(sample);
        CopyTree(Path.Combine(repositoryRoot, "samples", "mixed-repo"), sample);
        var packages = Path.Combine(workDirectory, "sample-packages");
        ProcessRunner.DeleteTree(packages);
        File.WriteAllText(Path.Combine(sample, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{packages}" /></config>
              <packageSources><clear /><add key="gomirror-local" value="{packageSource}" /></packageSources>
            </configuration>
            """);
        if (!Directory.EnumerateFiles(sample, "*.*proj", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(sample, "Directory.Build.*"))
                .Any(f => File.ReadAllText(f).Contains("Include=\"GoMirror.Build\"", StringComparison.Ordinal)))
        {
            // The sample does not reference the package yet: wire it the way its README describes.
            File.WriteAllText(Path.Combine(sample, "Directory.Build.targets"), $"""
                <Project>
                  <ItemGroup>
                    <PackageReference Include="GoMirror.Build" Version="{packageVersion}" PrivateAssets="all" />
                    <GoModule Include="$(MSBuildThisFileDirectory)tools/agent/go.mod" />
                  </ItemGroup>
                  <PropertyGroup>
                    <GoMirrorProxy>$(InventoryAgentGoProxy)</GoMirrorProxy>
                    <GoMirrorSumDb>off</GoMirrorSumDb>
                    <GoMirrorModCache>{Path.Combine(workDirectory, "sample-modcache")}</GoMirrorModCache>
                  </PropertyGroup>
                </Project>
                """);
        }

        var project = Path.Combine(sample, "src", "Inventory.App");
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        foreach (var enabled in new[] { "true", "false" })
        {
            var first = ProcessRunner.Run("dotnet", project, env, inheritEnvironment: true, "build", "-p:GoMirrorEnabled=" + enabled);
            if (first.ExitCode != 0)
            {
                return (null, $"the first build with GoMirrorEnabled={enabled} failed (exit {first.ExitCode}): " + LastLines(first.StandardOutput + first.StandardError, 12));
            }
        }

        var with = new List<double>();
        var without = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            without.Add(ProcessRunner.Run("dotnet", project, env, inheritEnvironment: true, "build", "-p:GoMirrorEnabled=false").EnsureSuccess("no-op build without GoMirror").Elapsed.TotalMilliseconds);
            with.Add(ProcessRunner.Run("dotnet", project, env, inheritEnvironment: true, "build", "-p:GoMirrorEnabled=true").EnsureSuccess("no-op build with GoMirror").Elapsed.TotalMilliseconds);
        }

        var medianWith = Stats.Median(with);
        var medianWithout = Stats.Median(without);
        return (new NoOpBuildResult(runs, without, with, medianWithout, medianWith, medianWith - medianWithout, medianWith / medianWithout), null);
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
