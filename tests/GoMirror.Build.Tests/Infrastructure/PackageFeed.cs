using System.Diagnostics;
using GoMirror.Testing;

namespace GoMirror.Build.Tests.Infrastructure;

/// <summary>
/// Packs GoMirror.Build once per test run with a unique version into a temporary folder feed, so every
/// consumer project restores exactly the bits under test (a reused version would come from a stale
/// ~/.nuget/packages copy).
/// </summary>
public sealed class PackageFeed : IDisposable
{
    private readonly TempDirectory _root = new("gomirror-feed");

    public PackageFeed()
    {
        Version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "." + Environment.ProcessId;
        Directory = _root.Combine("feed");
        var project = RepositoryRoot.Combine("src", "GoMirror.Build", "GoMirror.Build.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test project references GoMirror.Build, so its bits are built in this configuration already.
        foreach (var arg in new[] { "pack", project, "--no-build", "-c", Configuration, "-nr:false", "-p:Version=" + Version, "-o", Directory })
        {
            start.ArgumentList.Add(arg);
        }

        // The pack runs out of process with its own MSBuild: the test host's MSBuild environment must not leak in.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        PackagesPath = _root.Combine("packages");
    }

    /// <summary>The configuration this test assembly was built in (bin/&lt;Configuration&gt;/&lt;tfm&gt;/).</summary>
    public static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>The package version under test.</summary>
    public string Version { get; }

    /// <summary>The folder feed holding GoMirror.Build.&lt;Version&gt;.nupkg.</summary>
    public string Directory { get; }

    /// <summary>A private global packages folder for consumers, so nothing stale is reused.</summary>
    public string PackagesPath { get; }

    public void Dispose() => _root.Dispose();
}
