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
        Version = ChildProcess.UniqueTestVersion();
        Directory = _root.Combine("feed");
        ChildProcess.Pack(Project, Version, Directory);
        PackagesPath = _root.Combine("packages");
    }

    /// <summary>The GoMirror.Build project.</summary>
    public static string Project => RepositoryRoot.Combine("src", "GoMirror.Build", "GoMirror.Build.csproj");

    /// <summary>The package version under test.</summary>
    public string Version { get; }

    /// <summary>The folder feed holding GoMirror.Build.&lt;Version&gt;.nupkg.</summary>
    public string Directory { get; }

    /// <summary>A private global packages folder for consumers, so nothing stale is reused.</summary>
    public string PackagesPath { get; }

    public void Dispose() => _root.Dispose();
}
