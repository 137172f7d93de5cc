using GoMirror.Core.Modules;

namespace GoMirror.Core.GoMod;

/// <summary>
/// One go.sum line: <c>path version[/go.mod] hash</c>. A version ending in <c>/go.mod</c> is the hash of the
/// module's go.mod alone; otherwise it is the hash of the module zip.
/// </summary>
/// <param name="Module">The module path and the version field as written (with any <c>/go.mod</c> suffix).</param>
/// <param name="Hash">The hash, for example <c>h1:…=</c>.</param>
/// <param name="Line">The 1-based line in the go.sum it was read from, or 0 for an entry made in memory.</param>
internal sealed record GoSumEntry(ModuleVersion Module, string Hash, int Line = 0)
{
    /// <summary>The hash of Go's go.sum line for an empty go.mod, which old go commands wrote by mistake and Go ignores.</summary>
    public const string EmptyGoModHash = "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=";

    /// <summary>True for a <c>/go.mod</c> line.</summary>
    public bool IsGoModHash => Module.Version.EndsWith(ModuleVersion.GoModSuffix, StringComparison.Ordinal);

    /// <summary>The module version without the <c>/go.mod</c> suffix.</summary>
    public ModuleVersion BareModule => IsGoModHash ? Module with { Version = Module.Version[..^ModuleVersion.GoModSuffix.Length] } : Module;

    /// <summary>A zip-hash entry for <paramref name="module"/>.</summary>
    public static GoSumEntry ForZip(ModuleVersion module, string hash)
    {
        ArgumentNullException.ThrowIfNull(module);
        return new GoSumEntry(module, hash);
    }

    /// <summary>A go.mod-hash entry for <paramref name="module"/> (the <c>/go.mod</c> suffix is added).</summary>
    public static GoSumEntry ForGoMod(ModuleVersion module, string hash)
    {
        ArgumentNullException.ThrowIfNull(module);
        return new GoSumEntry(module with { Version = module.Version + ModuleVersion.GoModSuffix }, hash);
    }

    /// <summary>The line as Go writes it, without the newline.</summary>
    public override string ToString() => $"{Module.Path} {Module.Version} {Hash}";
}
