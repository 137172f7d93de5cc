using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.GoMod;

/// <summary>How strictly to read a go.mod, as the go command reads the two kinds.</summary>
internal enum GoModParseMode
{
    /// <summary>The main module's go.mod (Go's modfile.Parse): every directive is checked, unknown ones are errors.</summary>
    MainModule,

    /// <summary>A dependency's go.mod (Go's modfile.ParseLax): only module, go, require and retract are read; anything else is ignored.</summary>
    Dependency,

    /// <summary>A go.work file (Go's modfile.ParseWork): go, toolchain, godebug, use and replace; anything else is an error.</summary>
    Workspace,
}

/// <summary>
/// A parsed go.mod, or go.work (<see cref="GoModParseMode.Workspace"/>, which fills only go, toolchain, godebug,
/// use and replace): every directive with its location. Directives that failed to parse are left out and
/// reported in <see cref="GoModParseResult.Diagnostics"/>.
/// </summary>
internal sealed class GoModFile
{
    internal GoModFile(string fileName) => FileName = fileName;

    /// <summary>The file name used in locations.</summary>
    public string FileName { get; }

    /// <summary>The <c>module</c> directive, if any.</summary>
    public GoModModuleDirective? Module { get; internal set; }

    /// <summary>The <c>go</c> directive, if any.</summary>
    public GoModGoDirective? Go { get; internal set; }

    /// <summary>The <c>toolchain</c> directive, if any.</summary>
    public GoModToolchainDirective? Toolchain { get; internal set; }

    /// <summary>The requirements, in file order.</summary>
    public IReadOnlyList<GoModRequire> Require => RequireList;

    /// <summary>The exclusions, in file order.</summary>
    public IReadOnlyList<GoModExclude> Exclude => ExcludeList;

    /// <summary>The replacements, in file order.</summary>
    public IReadOnlyList<GoModReplace> Replace => ReplaceList;

    /// <summary>The retractions, in file order.</summary>
    public IReadOnlyList<GoModRetract> Retract => RetractList;

    /// <summary>The <c>godebug</c> settings, in file order.</summary>
    public IReadOnlyList<GoModGodebug> Godebug => GodebugList;

    /// <summary>Directives kept without interpretation (<c>tool</c>, <c>ignore</c>), in file order.</summary>
    public IReadOnlyList<GoModOtherDirective> Other => OtherList;

    /// <summary>A go.work's <c>use</c> directories, in file order.</summary>
    public IReadOnlyList<GoWorkUse> Use => UseList;

    internal List<GoModRequire> RequireList { get; } = [];

    internal List<GoModExclude> ExcludeList { get; } = [];

    internal List<GoModReplace> ReplaceList { get; } = [];

    internal List<GoModRetract> RetractList { get; } = [];

    internal List<GoModGodebug> GodebugList { get; } = [];

    internal List<GoModOtherDirective> OtherList { get; } = [];

    internal List<GoWorkUse> UseList { get; } = [];
}

/// <summary>The outcome of <see cref="GoModParser.Parse(string, string, GoModParseMode)"/>.</summary>
/// <param name="File">What was read; directives that failed are missing from it.</param>
/// <param name="Diagnostics">Problems, each with file, line and column. Any error means Go rejects the file.</param>
internal sealed record GoModParseResult(GoModFile File, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when no diagnostic is an error, that is when Go accepts the file.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}
