using GoMirror.Testing;

namespace Cake.GoMirror.Tests.Infrastructure;

/// <summary>
/// A Cake script in a folder of its own that loads the packed addin, run with the repository's Cake.Tool
/// (dotnet-tools.json): <c>dotnet tool run dotnet-cake</c> from the repository root so the tool manifest is
/// found. The addin unpacks into the script's own tools folder.
/// </summary>
public sealed class CakeScript : IDisposable
{
    private readonly TempDirectory _root = new("cake-gomirror-script");

    public CakeScript(AddinFeed feed, string body)
    {
        ArgumentNullException.ThrowIfNull(feed);
        File = _root.Combine("build.cake");
        System.IO.File.WriteAllText(File, feed.AddinDirective + "\n\n" + body + "\n");
    }

    /// <summary>The script.</summary>
    public string File { get; }

    /// <summary>A path in the script's folder.</summary>
    public string Combine(params string[] parts) => _root.Combine(parts);

    /// <summary>Runs the script and returns its exit code and output.</summary>
    public ProcessRun Run(IReadOnlyDictionary<string, string>? environment = null) =>
        ChildProcess.Run(
            "dotnet",
            ["tool", "run", "dotnet-cake", "--", File, "--paths_tools=" + _root.Combine("tools"), "--verbosity=normal"],
            RepositoryRoot.Path,
            ChildProcess.CleanEnvironment(environment));

    public void Dispose() => _root.Dispose();
}
