using GoMirror.Testing;

namespace GoMirror.Tool.Tests.Infrastructure;

/// <summary>
/// The tool as users get it: GoMirror.Tool packed once per test run with a unique version into a folder feed,
/// installed as a local tool into a tool manifest of its own in a temporary folder, run with
/// <c>dotnet tool run gomirror</c>. The folder's nuget.config names only that feed, so nothing else is asked.
/// Tests work in folders below <see cref="Root"/>, where the manifest is found.
/// </summary>
public sealed class InstalledTool : IDisposable
{
    private readonly TempDirectory _root = new("gomirror-tool");

    public InstalledTool()
    {
        Version = ChildProcess.UniqueTestVersion();
        var feed = _root.Combine("feed");
        ChildProcess.Pack(RepositoryRoot.Combine("src", "GoMirror.Tool", "GoMirror.Tool.csproj"), Version, feed);
        Root = _root.Combine("work");
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="gomirror-test-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        Dotnet("new", "tool-manifest");
        Dotnet("tool", "install", "GoMirror.Tool", "--version", Version, "--local");
    }

    /// <summary>The package version under test.</summary>
    public string Version { get; }

    /// <summary>The folder with the tool manifest; run the tool in it or below it.</summary>
    public string Root { get; }

    /// <summary>A new empty folder below <see cref="Root"/>.</summary>
    public string NewFolder(string name)
    {
        var folder = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Runs <c>gomirror</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> (below
    /// <see cref="Root"/>) with the clean test environment plus <paramref name="environment"/>. Standard output
    /// and standard error come back apart.</summary>
    public ToolRun Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var stdout = Path.Combine(workingDirectory, ".stdout-" + Guid.NewGuid().ToString("N"));
        // dotnet tool run passes the arguments through; standard output is redirected by a shell-free wrapper:
        // ChildProcess interleaves both streams, so standard output goes to a file of its own.
        var env = ChildProcess.CleanEnvironment(environment);
        var run = ChildProcess.Run("bash", ["-c", "dotnet tool run gomirror -- \"$@\" > \"$GOMIRROR_TEST_STDOUT\"", "gomirror", .. arguments], workingDirectory, new Dictionary<string, string>(env) { ["GOMIRROR_TEST_STDOUT"] = stdout });
        var output = File.Exists(stdout) ? File.ReadAllText(stdout) : string.Empty;
        File.Delete(stdout);
        return new ToolRun(run.ExitCode, output, run.Output);
    }

    public void Dispose() => _root.Dispose();

    private void Dotnet(params string[] arguments)
    {
        var run = ChildProcess.Dotnet(Root, arguments);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({run.ExitCode}):\n{run.Output}");
        }
    }
}

/// <summary>One run of the installed tool.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Standard output alone: the verb's data.</param>
/// <param name="Stderr">Standard error: diagnostics, progress, step lines.</param>
public sealed record ToolRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>The tests that run the installed tool: one pack and one install per run.</summary>
[CollectionDefinition(Name)]
public sealed class InstalledToolCollection : ICollectionFixture<InstalledTool>
{
    public const string Name = "Installed gomirror";
}
