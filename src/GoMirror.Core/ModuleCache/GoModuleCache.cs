using System.Diagnostics.CodeAnalysis;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;

namespace GoMirror.Core.ModuleCache;

/// <summary>
/// Writes a Go module cache (<c>GOMODCACHE</c>) exactly as the go command does, so that Go accepts every
/// byte offline, and so that our writers and Go's can share one cache: the same files, the same locks
/// (<c>flock</c>/<c>LockFileEx</c> on the same lock files), the same temp-file-then-rename steps, and the same
/// rules for what counts as complete (cmd/go/internal/modfetch/cache.go and fetch.go).
/// Safe for concurrent use by many threads and processes.
/// </summary>
public sealed class GoModuleCache
{
    /// <summary>Uses <paramref name="goModCache"/> as the module cache; it is created on first write.</summary>
    /// <param name="goModCache">The absolute GOMODCACHE folder.</param>
    /// <param name="writableSourceDirectories">Leave extracted folders writable, as Go's <c>-modcacherw</c> does.</param>
    /// <exception cref="ArgumentException"><paramref name="goModCache"/> is not an absolute path (Go rejects those too).</exception>
    public GoModuleCache(string goModCache, bool writableSourceDirectories = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(goModCache);
        if (!Path.IsPathFullyQualified(goModCache))
        {
            throw new ArgumentException($"GOMODCACHE must be an absolute path, as Go requires: '{goModCache}'", nameof(goModCache));
        }

        Root = Path.GetFullPath(goModCache);
        WritableSourceDirectories = writableSourceDirectories;
    }

    /// <summary>The module cache folder.</summary>
    public string Root { get; }

    /// <summary>True when extracted folders stay writable (<c>-modcacherw</c>).</summary>
    public bool WritableSourceDirectories { get; }

    /// <summary>
    /// Where <paramref name="modulePath"/>@<paramref name="version"/> lives in this cache. Fails with
    /// <see cref="ModuleCacheDiagnostics.InvalidModuleVersion"/> for a version that is not canonical or a
    /// path that could not name a cache folder.
    /// </summary>
    public bool TryGetPaths(string modulePath, string version, [NotNullWhen(true)] out ModuleCachePaths? paths, [NotNullWhen(false)] out Diagnostic? error)
    {
        ArgumentNullException.ThrowIfNull(modulePath);
        ArgumentNullException.ThrowIfNull(version);
        paths = null;
        if (!IsCacheablePath(modulePath))
        {
            error = ModuleCacheDiagnostics.InvalidModuleVersion.Create($"'{modulePath}' is not a module path Go would store in its module cache.");
            return false;
        }

        if (!CacheVersion.IsCanonical(version))
        {
            error = ModuleCacheDiagnostics.InvalidModuleVersion.Create($"{modulePath}: '{version}' is not a canonical semantic version, so Go would never look it up in its module cache.");
            return false;
        }

        var escapedPath = ModuleEscaping.Escape(modulePath).Replace('/', Path.DirectorySeparatorChar);
        var escapedVersion = ModuleEscaping.Escape(version);
        paths = new ModuleCachePaths(
            modulePath,
            version,
            Path.Combine(Root, "cache", "download", escapedPath, "@v"),
            escapedVersion,
            Path.Combine(Root, escapedPath + "@" + escapedVersion));
        error = null;
        return true;
    }

    /// <summary>
    /// True when the zip and its <c>.ziphash</c> are both cached: Go's own no-lock hit check in
    /// <c>DownloadZip</c>. Two file-existence checks; nothing is read or hashed.
    /// </summary>
    public bool IsZipComplete(string modulePath, string version) =>
        TryGetPaths(modulePath, version, out var paths, out _) && File.Exists(paths.ZipFile) && File.Exists(paths.ZipHashFile);

    /// <summary>
    /// The cached zip's <c>h1:</c> hash when the zip is cached and its <c>.ziphash</c> is valid (Go's
    /// <c>isValidSum</c>); null otherwise. One existence check and one small read under a shared lock.
    /// </summary>
    public string? TryGetCachedZipHash(string modulePath, string version) =>
        TryGetPaths(modulePath, version, out var paths, out _) && File.Exists(paths.ZipFile)
            ? ZipHashFile.TryRead(paths.ZipHashFile)
            : null;

    /// <summary>
    /// True when the extracted source folder is complete as Go's <c>DownloadDir</c> defines it: the folder
    /// exists, no <c>.partial</c> marks an unfinished extraction, and the <c>.ziphash</c> exists. Three stat calls.
    /// </summary>
    public bool IsExtracted(string modulePath, string version) =>
        TryGetPaths(modulePath, version, out var paths, out _) && IsExtracted(paths);

    /// <summary>True when the version's <c>.mod</c> is cached (Go then never fetches it again).</summary>
    public bool IsModCached(string modulePath, string version) =>
        TryGetPaths(modulePath, version, out var paths, out _) && File.Exists(paths.ModFile);

    /// <summary>True when the version's <c>.info</c> is cached.</summary>
    public bool IsInfoCached(string modulePath, string version) =>
        TryGetPaths(modulePath, version, out var paths, out _) && File.Exists(paths.InfoFile);

    /// <summary>
    /// Stores a proxy's <c>.info</c> answer as the bytes Go writes (its re-encoding of the JSON), through a
    /// temp file and a rename. An existing <c>.info</c> is kept, as Go keeps it. Fails with
    /// <see cref="ModuleCacheDiagnostics.InvalidInfo"/> when Go would reject the JSON.
    /// </summary>
    public async Task<CacheStoreResult> StoreInfoAsync(string modulePath, string version, ReadOnlyMemory<byte> infoJson, CancellationToken cancellationToken = default)
    {
        if (!TryGetPaths(modulePath, version, out var paths, out var error))
        {
            return CacheStoreResult.Failed(null, error);
        }

        if (File.Exists(paths.InfoFile))
        {
            return CacheStoreResult.Hit(paths, null);
        }

        if (!GoInfoJson.TryCanonicalize(infoJson.Span, version, out var canonical, out var problem))
        {
            return CacheStoreResult.Failed(paths, ModuleCacheDiagnostics.InvalidInfo.Create($"{modulePath}@{version}: the .info answer cannot be used: {problem}."));
        }

        return await GuardIoAsync(paths, paths.InfoFile, async () =>
        {
            await WriteViaTempFileAsync(paths.InfoFile, canonical, cancellationToken).ConfigureAwait(false);
            return CacheStoreResult.Stored(paths, null);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores a version's go.mod through a temp file and a rename, then rewrites <c>@v/list</c> under its
    /// lock, as Go's <c>writeDiskCache</c> does. An existing <c>.mod</c> is kept and nothing is downloaded.
    /// </summary>
    /// <param name="modulePath">The module path.</param>
    /// <param name="version">The canonical version.</param>
    /// <param name="download">Writes the go.mod bytes into the stream it is given (called only on a miss).</param>
    /// <param name="cancellationToken">Cancels waiting and writing.</param>
    public async Task<CacheStoreResult> StoreModAsync(string modulePath, string version, Func<Stream, CancellationToken, Task> download, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(download);
        if (!TryGetPaths(modulePath, version, out var paths, out var error))
        {
            return CacheStoreResult.Failed(null, error);
        }

        if (File.Exists(paths.ModFile))
        {
            return CacheStoreResult.Hit(paths, null);
        }

        using var buffer = new MemoryStream();
        await download(buffer, cancellationToken).ConfigureAwait(false);
        var content = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        return await GuardIoAsync(paths, paths.ModFile, async () =>
        {
            await WriteViaTempFileAsync(paths.ModFile, content, cancellationToken).ConfigureAwait(false);
            return CacheStoreResult.Stored(paths, null);
        }).ConfigureAwait(false);
    }

    /// <summary>Stores go.mod bytes already in memory; see <see cref="StoreModAsync(string, string, Func{Stream, CancellationToken, Task}, CancellationToken)"/>.</summary>
    public Task<CacheStoreResult> StoreModAsync(string modulePath, string version, ReadOnlyMemory<byte> goMod, CancellationToken cancellationToken = default) =>
        StoreModAsync(modulePath, version, (stream, ct) => stream.WriteAsync(goMod, ct).AsTask(), cancellationToken);

    internal static bool IsExtracted(ModuleCachePaths paths) =>
        Directory.Exists(paths.SourceDirectory) && !File.Exists(paths.PartialFile) && File.Exists(paths.ZipHashFile);

    /// <summary>Takes the version's <c>.lock</c> as Go's <c>lockVersion</c> does; dispose to release.</summary>
    internal static Task<LockedFile> LockVersionAsync(ModuleCachePaths paths, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.DownloadDirectory);
        return LockedFile.LockExclusiveAsync(paths.LockFile, cancellationToken);
    }

    // Go's writeDiskCache: write <file><random>.tmp in the same folder, rename over <file>, and after a .mod
    // rewrite the version list.
    private static async Task WriteViaTempFileAsync(string file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(directory);
        var (temp, stream) = CreateTempFile(file);
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, file, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        if (file.EndsWith(".mod", StringComparison.Ordinal))
        {
            await VersionList.RewriteAsync(directory, cancellationToken).ConfigureAwait(false);
        }
    }

    // Go's tempFile: <base><random number>.tmp, created exclusively; Go's clean-up of zip temp files matches it.
    private static (string Path, FileStream Stream) CreateTempFile(string file)
    {
        while (true)
        {
            var temp = file + Random.Shared.Next(1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
            try
            {
                return (temp, new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true));
            }
            catch (IOException) when (File.Exists(temp))
            {
                // Name taken: draw another, as Go does.
            }
        }
    }

    private static async Task<CacheStoreResult> GuardIoAsync(ModuleCachePaths paths, string file, Func<Task<CacheStoreResult>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CacheStoreResult.Failed(paths, ModuleCacheDiagnostics.CacheWriteFailed.Create(
                $"{paths.ModulePath}@{paths.Version}: could not write '{file}': {e.Message}",
                SourceLocation.InFile(file)));
        }
    }

    // The module path must at least be safe as a relative folder path; Go's full CheckPath is stricter and
    // is applied where module paths are read (go.mod, go.sum).
    private static bool IsCacheablePath(string modulePath)
    {
        if (modulePath.Length == 0 || modulePath.Contains('!', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var element in modulePath.Split('/'))
        {
            if (element.Length == 0 || element[0] == '.' || element[^1] == '.')
            {
                return false;
            }

            foreach (var c in element)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
