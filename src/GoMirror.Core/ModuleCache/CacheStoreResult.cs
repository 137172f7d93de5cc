using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.ModuleCache;

/// <summary>The outcome of one write into the module cache.</summary>
/// <param name="Paths">Where the module version lives; null only when the path or version was invalid.</param>
/// <param name="Succeeded">True when the file (or folder) is now in the cache, in a state Go trusts.</param>
/// <param name="AlreadyCached">True when it was there already and nothing was downloaded or written.</param>
/// <param name="Hash">The <c>h1:</c> hash of what is cached: the zip hash for zips, the <c>/go.mod</c> hash for
/// go.mod files when it was computed; null otherwise.</param>
/// <param name="Diagnostics">Errors when <paramref name="Succeeded"/> is false.</param>
internal sealed record CacheStoreResult(
    ModuleCachePaths? Paths,
    bool Succeeded,
    bool AlreadyCached,
    string? Hash,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    internal static CacheStoreResult Stored(ModuleCachePaths paths, string? hash) => new(paths, true, false, hash, []);

    internal static CacheStoreResult Hit(ModuleCachePaths paths, string? hash) => new(paths, true, true, hash, []);

    internal static CacheStoreResult Failed(ModuleCachePaths? paths, params Diagnostic[] diagnostics) => new(paths, false, false, null, diagnostics);
}
