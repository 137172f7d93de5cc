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
        Version = ChildProcess.UniqueTestVersion();
        Directory = _root.Combine("feed");
        ChildProcess.Pack(RepositoryRoot.Combine("src", "Cake.GoMirror", "Cake.GoMirror.csproj"), Version, Directory);
        Package = Path.Combine(Directory, $"Cake.GoMirror.{Version}.nupkg");

        // The scripts run the repository's Cake.Tool; restoring it is a no-op once ./build.sh has run.
        var restore = ChildProcess.Dotnet(RepositoryRoot.Path, ["tool", "restore"]);
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool restore failed ({restore.ExitCode}):\n{restore.Output}");
        }
    }

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
