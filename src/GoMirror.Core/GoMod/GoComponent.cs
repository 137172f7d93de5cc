using GoMirror.Core.Diagnostics;
using GoMirror.Core.Prewarm;

namespace GoMirror.Core.GoMod;

/// <summary>
/// One embedded Go component: a module (go.mod and the go.sum next to it), or a workspace (go.work, its
/// members' go.mod and go.sum files, and go.work.sum). The pre-warm fetches what the sums name; the go.mod
/// files tell which required versions they lack. The go command runs once per component, in its folder.
/// </summary>
internal sealed class GoComponent
{
    private GoComponent(string goModPath, GoModFile goMod, IReadOnlyList<GoComponentModule> modules, IReadOnlyList<GoSumFile> sums)
    {
        GoModPath = goModPath;
        GoMod = goMod;
        Modules = modules;
        Sums = sums;
    }

    /// <summary>The absolute path of the component's file: its go.mod, or go.work for a workspace.</summary>
    public string GoModPath { get; }

    /// <summary>True for a go.work workspace.</summary>
    public bool IsWorkspace => Path.GetFileName(GoModPath) == "go.work";

    /// <summary>The folder that holds the component's file, where the go command runs for this component.</summary>
    public string Directory => Path.GetDirectoryName(GoModPath)!;

    /// <summary>Where the go command records missing sums: go.sum next to go.mod, or go.work.sum (it may not exist).</summary>
    public string GoSumPath => Path.Combine(Directory, IsWorkspace ? "go.work.sum" : "go.sum");

    /// <summary>The parsed go.mod, or for a workspace the parsed go.work (go, toolchain, godebug, use, replace).</summary>
    public GoModFile GoMod { get; }

    /// <summary>The modules: the one go.mod, or every workspace member in go.work order.</summary>
    public IReadOnlyList<GoComponentModule> Modules { get; }

    /// <summary>Every go.sum the go command checks against for this component (for a workspace the members' and
    /// go.work.sum, as cmd/go's modload reads them); missing files are empty.</summary>
    public IReadOnlyList<GoSumFile> Sums { get; }

    /// <summary>Every file whose content decides what the component needs, for the input stamp.</summary>
    public IEnumerable<string> InputFiles =>
        (IsWorkspace ? [GoModPath] : Array.Empty<string>())
            .Concat(Modules.Select(m => m.GoModPath))
            .Concat(Sums.Select(s => s.FileName));

    /// <summary>
    /// Reads a component from <paramref name="path"/>: a go.mod, a go.work, or a folder holding one (go.mod first,
    /// as the go command prefers the module); a relative path is taken from the current folder. Problems (no file,
    /// malformed go.mod, go.work or go.sum lines, a member without go.mod) go to <paramref name="diagnostics"/>,
    /// each with its file and line.
    /// </summary>
    /// <returns>The component, or null when there is no readable go.mod or go.work.</returns>
    public static GoComponent? Load(string path, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var full = Path.GetFullPath(path.Trim().Trim('"'));
        var file = full;
        if (System.IO.Directory.Exists(full))
        {
            file = Path.Combine(full, "go.mod");
            if (!File.Exists(file) && File.Exists(Path.Combine(full, "go.work")))
            {
                file = Path.Combine(full, "go.work");
            }
        }

        var name = Path.GetFileName(file);
        if (!File.Exists(file) || name is not ("go.mod" or "go.work"))
        {
            diagnostics.Add(PrewarmDiagnostics.ComponentNotFound.Create(
                $"'{path}' is neither a go.mod or go.work file nor a folder holding one (looked for {file}).",
                new SourceLocation(path)));
            return null;
        }

        return name == "go.work" ? LoadWorkspace(file, diagnostics) : LoadModule(file, diagnostics);
    }

    /// <summary>The go.mod files a go.work names, as full paths, whether or not they exist.</summary>
    public static IReadOnlyList<string> WorkspaceMembers(GoModFile goWork) =>
        [.. goWork.Use.Select(u => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(goWork.FileName)!, u.Directory, "go.mod")))];

    /// <inheritdoc />
    public override string ToString() => GoModPath;

    private static GoComponent LoadModule(string goModPath, DiagnosticBag diagnostics)
    {
        var module = ReadModule(goModPath, diagnostics);
        var goSum = ReadSum(Path.Combine(Path.GetDirectoryName(goModPath)!, "go.sum"), diagnostics);
        return new GoComponent(goModPath, module.GoMod, [module], [goSum]);
    }

    private static GoComponent LoadWorkspace(string goWorkPath, DiagnosticBag diagnostics)
    {
        var goWork = GoModParser.ParseFile(goWorkPath, GoModParseMode.Workspace);
        diagnostics.AddRange(goWork.Diagnostics);
        var modules = new List<GoComponentModule>();
        var sums = new List<GoSumFile>();
        var members = WorkspaceMembers(goWork.File);
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            if (modules.Any(m => m.GoModPath == member))
            {
                continue;
            }

            if (!File.Exists(member))
            {
                var use = goWork.File.Use[i];
                diagnostics.Add(GoModDiagnostics.GoWorkMemberMissing.Create(
                    $"{goWorkPath}:{use.Location.Line}: use {use.Directory}: there is no go.mod in {Path.GetDirectoryName(member)}",
                    use.Location));
                continue;
            }

            modules.Add(ReadModule(member, diagnostics));
            sums.Add(ReadSum(Path.Combine(Path.GetDirectoryName(member)!, "go.sum"), diagnostics));
        }

        sums.Add(ReadSum(Path.Combine(Path.GetDirectoryName(goWorkPath)!, "go.work.sum"), diagnostics));
        return new GoComponent(goWorkPath, goWork.File, modules, sums);
    }

    private static GoComponentModule ReadModule(string goModPath, DiagnosticBag diagnostics)
    {
        var goMod = GoModParser.ParseFile(goModPath);
        diagnostics.AddRange(goMod.Diagnostics);
        return new GoComponentModule(goModPath, goMod.File);
    }

    private static GoSumFile ReadSum(string path, DiagnosticBag diagnostics)
    {
        var goSum = GoSumFile.ReadFile(path);
        diagnostics.AddRange(goSum.Diagnostics);
        return goSum.File;
    }
}

/// <summary>One module of a component: the component's own go.mod, or a workspace member's.</summary>
/// <param name="GoModPath">The absolute path of the go.mod.</param>
/// <param name="GoMod">The parsed go.mod.</param>
internal sealed record GoComponentModule(string GoModPath, GoModFile GoMod);
