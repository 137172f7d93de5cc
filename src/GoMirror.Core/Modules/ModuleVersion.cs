using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Modules;

/// <summary>
/// A module path and a version, as Go's module.Version. The version may be empty (a path-only replacement
/// target) or carry go.sum's <c>/go.mod</c> suffix. Ordering is Go's module.Sort: by path (byte order of
/// UTF-8), then by semantic version of the part before any <c>/</c>, then by that suffix (so <c>v1.0.0</c>
/// sorts before <c>v1.0.0/go.mod</c>), then ordinally so that the order is total.
/// </summary>
/// <param name="Path">The module path.</param>
/// <param name="Version">The version, possibly empty.</param>
internal sealed record ModuleVersion(string Path, string Version) : IComparable<ModuleVersion>
{
    /// <summary>The version suffix go.sum uses for the hash of a module's go.mod alone.</summary>
    public const string GoModSuffix = "/go.mod";

    /// <summary>Go's module.Sort order, for sorting collections.</summary>
    public static IComparer<ModuleVersion> Comparer { get; } = Comparer<ModuleVersion>.Create(static (a, b) => Compare(a, b));

    /// <summary>
    /// Checks the pair as Go's module.Check: the path is valid, the version is a valid semantic version and it fits
    /// the path's major-version suffix. Returns null when all hold, otherwise a GOMIRROR0100/0101/0102 diagnostic.
    /// </summary>
    /// <param name="location">Where the pair was read, for the diagnostic.</param>
    public Diagnostic? Check(SourceLocation? location = null)
    {
        if (!ModulePath.IsValid(Path, out var problem))
        {
            return ModuleDiagnostics.InvalidModulePath.Create($"malformed module path {GoUnicode.Quote(Path)}: {problem}", location);
        }

        if (!Semver.IsValid(Version))
        {
            return ModuleDiagnostics.InvalidVersion.Create($"{Path}@{Version}: invalid version: not a semantic version", location);
        }

        ModulePath.TrySplitPathVersion(Path, out _, out var pathMajor);
        return ModulePath.MatchesPathMajor(Version, pathMajor, out problem)
            ? null
            : ModuleDiagnostics.MajorVersionMismatch.Create($"{Path}@{Version}: invalid version: {problem}", location);
    }

    /// <summary>
    /// <see cref="Check"/>, and the version must also be canonical as Go's module.CanonicalVersion writes it
    /// (<c>v1.2.3</c>, not <c>v1.2</c> or <c>v1.2.3+meta</c>; <c>+incompatible</c> is kept). Go asks this of the
    /// module behind a zip (zip.CheckZip), and of a request whose <c>.info</c> a proxy must echo (modfetch Stat).
    /// Returns null when all hold, otherwise a GOMIRROR0100/0101/0102 diagnostic.
    /// </summary>
    /// <param name="location">Where the pair was read, for the diagnostic.</param>
    public Diagnostic? CheckCanonical(SourceLocation? location = null)
    {
        if (Semver.TryCanonicalModuleVersion(Version, out var canonical) && canonical != Version)
        {
            return ModuleDiagnostics.InvalidVersion.Create($"{Path}@{Version}: invalid version: not canonical (should be \"{canonical}\")", location);
        }

        return Check(location);
    }

    /// <inheritdoc />
    public int CompareTo(ModuleVersion? other) => Compare(this, other);

    /// <summary><c>path@version</c>, or the path alone when the version is empty.</summary>
    public override string ToString() => Version.Length == 0 ? Path : Path + "@" + Version;

    private static int Compare(ModuleVersion? a, ModuleVersion? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var c = Utf8Order.Compare(a.Path, b.Path);
        if (c != 0)
        {
            return c;
        }

        var (va, fa) = SplitSuffix(a.Version);
        var (vb, fb) = SplitSuffix(b.Version);
        if (va != vb)
        {
            c = Semver.Compare(va, vb);
            if (c != 0)
            {
                return c;
            }
        }

        c = Utf8Order.Compare(fa, fb);
        return c != 0 ? c : Utf8Order.Compare(a.Version, b.Version);
    }

    private static (string Version, string Suffix) SplitSuffix(string version)
    {
        var slash = version.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (version, string.Empty) : (version[..slash], version[slash..]);
    }
}
