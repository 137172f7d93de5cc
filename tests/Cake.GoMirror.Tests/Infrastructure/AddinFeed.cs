using GoMirror.Testing;

namespace Cake.GoMirror.Tests.Infrastructure;

/// <summary>
/// Packs Cake.GoMirror once per test run with a unique version into a temporary folder feed, so each script
/// loads exactly the bits under test (Cake and NuGet would otherwise reuse an older package of the same
/// version). Packs with --no-build: this test project references the addin, so its output is built already in
/// the configuration the tests run in.
/// </summary>
public sealed class AddinFeed : IDisposable
{
    private readonly TempDirectory _root = new("cake-gomirror-feed");

    public AddinFeed()
    {
        Version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "." + Environment.ProcessId;
        Directory = _root.Combine("feed");
        var project = RepositoryRoot.Combine("src", "Cake.GoMirror", "Cake.GoMirror.csproj");
        var run = CakeProcess.Run(
            "dotnet",
            ["pack", project, "--no-build", "-c", Configuration, "-nr:false", "-p:Version=" + Version, "-o", Directory],
            RepositoryRoot.Path,
            CakeProcess.CleanEnvironment());
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack failed ({run.ExitCode}):\n{run.Output}");
        }

        Package = Path.Combine(Directory, $"Cake.GoMirror.{Version}.nupkg");

        // The scripts run the repository's Cake.Tool; restoring it is a no-op once ./build.sh has run.
        var restore = CakeProcess.Run("dotnet", ["tool", "restore"], RepositoryRoot.Path, CakeProcess.CleanEnvironment());
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool restore failed ({restore.ExitCode}):\n{restore.Output}");
        }
    }

    /// <summary>The configuration this test assembly was built in (bin/&lt;Configuration&gt;/&lt;tfm&gt;/).</summary>
    public static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>The package version under test.</summary>
    public string Version { get; }

    /// <summary>The folder feed.</summary>
    public string Directory { get; }

    /// <summary>The packed .nupkg.</summary>
    public string Package { get; }

    /// <summary>The <c>#addin</c> directive that loads the package under test from the feed.</summary>
    public string AddinDirective => $"#addin nuget:{new Uri(Directory + Path.DirectorySeparatorChar).AbsoluteUri}?package=Cake.GoMirror&version={Version}";

    public void Dispose() => _root.Dispose();
}

/// <summary>The tests that pack the addin and run <c>dotnet cake</c>: one feed per run.</summary>
[CollectionDefinition(Name)]
public sealed class CakeScriptCollection : ICollectionFixture<AddinFeed>
{
    public const string Name = "Cake scripts";
}
