using GoMirror.Core.ModuleCache;

namespace GoMirror.Core.SumDb;

/// <summary>
/// The go command's own storage for the checksum database (cmd/go/internal/modfetch/sumdb.go <c>dbClient</c>),
/// so that Go trusts what GoMirror fetched and verified and needs no network for it: lookups and tiles under
/// <c>$GOMODCACHE/cache/download/sumdb/&lt;name&gt;/</c>, the latest signed tree head in
/// <c>$GOPATH/pkg/sumdb/&lt;name&gt;/latest</c>. The tree head is edited in place under Go's file lock
/// (<c>lockedfile.Edit</c>), the lock Go's compare-and-swap relies on; cache files are written to a temp file
/// and renamed into place, so neither Go nor GoMirror ever reads half a tile.
/// </summary>
internal sealed class GoSumDbCache : ISumDbStore
{
    /// <summary>Creates the store over a module cache and the first GOPATH entry.</summary>
    /// <param name="goModCache">GOMODCACHE.</param>
    /// <param name="goPath">GOPATH; only its first entry is used, as Go does.</param>
    public GoSumDbCache(string goModCache, string goPath)
    {
        var firstGoPath = goPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (!Path.IsPathFullyQualified(goModCache) || firstGoPath is null || !Path.IsPathFullyQualified(firstGoPath))
        {
            throw new SumDbException(SumDbDiagnostics.InvalidConfiguration, "could not locate the sumdb files: GOMODCACHE and GOPATH must be absolute paths");
        }

        CacheDirectory = Path.Combine(goModCache, "cache", "download", "sumdb");
        ConfigDirectory = Path.Combine(firstGoPath, "pkg", "sumdb");
    }

    /// <summary><c>$GOMODCACHE/cache/download/sumdb</c>.</summary>
    public string CacheDirectory { get; }

    /// <summary><c>$GOPATH/pkg/sumdb</c> (Go's <c>cfg.SumdbDir</c>).</summary>
    public string ConfigDirectory { get; }

    /// <summary>The file of the latest tree head of database <paramref name="name"/>.</summary>
    public string LatestFile(string name) => Combine(ConfigDirectory, name + "/latest");

    /// <inheritdoc />
    public Task<byte[]> ReadLatestAsync(string name, CancellationToken cancellationToken) =>
        Guard(LatestFile(name), () =>
        {
            using var file = LockedFile.LockShared(LatestFile(name), cancellationToken);
            return Task.FromResult(file?.ReadAll() ?? []);
        });

    /// <inheritdoc />
    public Task<bool> TryReplaceLatestAsync(string name, byte[] oldNote, byte[] newNote, CancellationToken cancellationToken) =>
        Guard(LatestFile(name), async () =>
        {
            var path = LatestFile(name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var file = await LockedFile.LockExclusiveAsync(path, cancellationToken).ConfigureAwait(false);
            var current = file.ReadAll();
            if (current.Length > 0 && !current.AsSpan().SequenceEqual(oldNote))
            {
                return false;
            }

            file.Overwrite(newNote);
            return true;
        });

    /// <inheritdoc />
    public Task<byte[]?> ReadCacheAsync(string file, CancellationToken cancellationToken) =>
        Guard(Combine(CacheDirectory, file), () =>
        {
            using var locked = LockedFile.LockShared(Combine(CacheDirectory, file), cancellationToken);
            var data = locked?.ReadAll();
            return Task.FromResult(data is { Length: > 0 } ? data : null);
        });

    /// <inheritdoc />
    public Task WriteCacheAsync(string file, byte[] data, CancellationToken cancellationToken) =>
        Guard(Combine(CacheDirectory, file), async () =>
        {
            await GoModuleCache.WriteViaTempFileAsync(Combine(CacheDirectory, file), data, cancellationToken).ConfigureAwait(false);
            return true;
        });

    // Go joins with filepath.Join: the slash-separated file name becomes the platform's separators.
    private static string Combine(string root, string file) => Path.Combine(root, file.Replace('/', Path.DirectorySeparatorChar));

    private static async Task<T> Guard<T>(string path, Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SumDbException(SumDbDiagnostics.CacheError, $"{path}: {e.Message}", e);
        }
    }
}
