using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoMod;

namespace GoMirror.Core.Prewarm;

/// <summary>
/// One embedded Go component: a go.mod, the go.sum next to it, and what they say. The pre-warm fetches what
/// go.sum names; go.mod tells which required versions go.sum lacks.
/// </summary>
internal sealed class GoComponent
{
    private GoComponent(string goModPath, GoModFile goMod, GoSumFile goSum)
    {
        GoModPath = goModPath;
        GoMod = goMod;
        GoSum = goSum;
    }

    /// <summary>The absolute path of the go.mod file.</summary>
    public string GoModPath { get; }

    /// <summary>The folder that holds go.mod, where the go command runs for this component.</summary>
    public string Directory => Path.GetDirectoryName(GoModPath)!;

    /// <summary>The absolute path of the go.sum next to go.mod (it may not exist).</summary>
    public string GoSumPath => Path.Combine(Directory, "go.sum");

    /// <summary>The parsed go.mod.</summary>
    public GoModFile GoMod { get; }

    /// <summary>The parsed go.sum (empty when there is none).</summary>
    public GoSumFile GoSum { get; }

    /// <summary>
    /// Reads a component from <paramref name="path"/>, a go.mod file or the folder that holds one; a relative
    /// path is taken from the current folder. Problems (no go.mod, malformed go.mod or go.sum lines) go to
    /// <paramref name="diagnostics"/>, each with its file and line.
    /// </summary>
    /// <returns>The component, or null when there is no readable go.mod.</returns>
    public static GoComponent? Load(string path, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var full = Path.GetFullPath(path.Trim().Trim('"'));
        var goModPath = System.IO.Directory.Exists(full) ? Path.Combine(full, "go.mod") : full;
        if (!File.Exists(goModPath) || !string.Equals(Path.GetFileName(goModPath), "go.mod", StringComparison.Ordinal))
        {
            diagnostics.Add(PrewarmDiagnostics.ComponentNotFound.Create(
                $"'{path}' is neither a go.mod file nor a folder holding one (looked for {goModPath}).",
                new SourceLocation(path)));
            return null;
        }

        var goMod = GoModParser.ParseFile(goModPath);
        diagnostics.AddRange(goMod.Diagnostics);
        var goSum = GoSumFile.ReadFile(Path.Combine(Path.GetDirectoryName(goModPath)!, "go.sum"));
        diagnostics.AddRange(goSum.Diagnostics);
        return new GoComponent(goModPath, goMod.File, goSum.File);
    }

    /// <inheritdoc />
    public override string ToString() => GoModPath;
}
