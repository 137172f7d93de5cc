using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Hashing;
using GoMirror.Core.Modules;
using GoMirror.Core.Zip;

namespace GoMirror.Core.ModuleCache;

/// <summary>
/// Writes a Go module cache (<c>GOMODCACHE</c>) exactly as the go command does, so that Go accepts every
/// byte offline, and so that our writers and Go's can share one cache: the same files, the same locks
/// (<c>flock</c>/<c>LockFileEx</c> on the same lock files), the same temp-file-then-rename steps, and the same
/// rules for what counts as complete (cmd/go/internal/modfetch/cache.go and fetch.go).
/// Safe for concurrent use by many threads and processes.
/// </summary>
internal sealed class GoModuleCache
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
        if (!ModuleEscaping.TryEscapePath(modulePath, out var escapedPath, out var problem))
        {
            error = ModuleCacheDiagnostics.InvalidModuleVersion.Create($"{problem}; Go would never store it in its module cache.");
            return false;
        }

        // Go's CachePath: only canonical versions (module.CanonicalVersion, which keeps +incompatible) name files.
        if (!Semver.TryCanonicalModuleVersion(version, out var canonical) || canonical != version || !ModuleEscaping.TryEscapeVersion(version, out var escapedVersion, out _))
        {
            error = ModuleCacheDiagnostics.InvalidModuleVersion.Create($"{modulePath}: '{version}' is not a canonical semantic version, so Go would never look it up in its module cache.");
            return false;
        }

        escapedPath = escapedPath.Replace('/', Path.DirectorySeparatorChar);
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
    /// lock, as Go's <c>writeDiskCache</c> does. A cached <c>.mod</c> is a hit: nothing is downloaded, and with
    /// <paramref name="expectedGoModHash"/> its hash is checked as Go's <c>checkGoMod</c> does. A go.mod whose
    /// hash differs from <paramref name="expectedGoModHash"/> is never written.
    /// </summary>
    /// <param name="modulePath">The module path.</param>
    /// <param name="version">The canonical version.</param>
    /// <param name="download">Writes the go.mod bytes into the stream it is given; called only on a miss.</param>
    /// <param name="expectedGoModHash">The <c>/go.mod</c> hash from go.sum, or null to accept what is served.</param>
    /// <param name="goSumLine">Where <paramref name="expectedGoModHash"/> comes from, for diagnostics.</param>
    /// <param name="cancellationToken">Cancels downloading and writing.</param>
    /// <returns>The outcome; <see cref="CacheStoreResult.Hash"/> is the <c>/go.mod</c> hash when it was computed.</returns>
    public async Task<CacheStoreResult> StoreModAsync(
        string modulePath,
        string version,
        Func<Stream, CancellationToken, Task> download,
        string? expectedGoModHash,
        SourceLocation? goSumLine = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(download);
        if (!TryGetPaths(modulePath, version, out var paths, out var error))
        {
            return CacheStoreResult.Failed(null, error);
        }

        if (File.Exists(paths.ModFile))
        {
            if (expectedGoModHash is null)
            {
                return CacheStoreResult.Hit(paths, null);
            }

            var cached = ModuleHash.HashGoMod(await File.ReadAllBytesAsync(paths.ModFile, cancellationToken).ConfigureAwait(false));
            return cached == expectedGoModHash
                ? CacheStoreResult.Hit(paths, cached)
                : CacheStoreResult.Failed(paths, CachedHashDiffers(paths, "go.mod", cached, expectedGoModHash, goSumLine));
        }

        using var buffer = new MemoryStream();
        await download(buffer, cancellationToken).ConfigureAwait(false);
        var content = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var actual = ModuleHash.HashGoMod(content.Span);
        if (expectedGoModHash is not null && actual != expectedGoModHash)
        {
            return CacheStoreResult.Failed(paths, ModuleCacheDiagnostics.GoModChecksumMismatch.Create(
                $"{modulePath}@{version}: the downloaded go.mod hashes to {actual}, but {Where(goSumLine)} expects {expectedGoModHash}; it was discarded.",
                goSumLine));
        }

        return await GuardIoAsync(paths, paths.ModFile, async () =>
        {
            await WriteViaTempFileAsync(paths.ModFile, content, cancellationToken).ConfigureAwait(false);
            return CacheStoreResult.Stored(paths, actual);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores go.mod bytes already in memory; see
    /// <see cref="StoreModAsync(string, string, Func{Stream, CancellationToken, Task}, string?, SourceLocation?, CancellationToken)"/>.
    /// </summary>
    public Task<CacheStoreResult> StoreModAsync(
        string modulePath,
        string version,
        ReadOnlyMemory<byte> goMod,
        string? expectedGoModHash = null,
        SourceLocation? goSumLine = null,
        CancellationToken cancellationToken = default) =>
        StoreModAsync(modulePath, version, (stream, ct) => stream.WriteAsync(goMod, ct).AsTask(), expectedGoModHash, goSumLine, cancellationToken);

    /// <summary>
    /// Downloads a module zip into the cache the way Go's <c>DownloadZip</c> does. Without any lock, a cached
    /// zip with its <c>.ziphash</c> is a hit (nothing downloaded or hashed; the cached hash is compared with
    /// <paramref name="expectedHash"/>). Otherwise, under the version's lock: stale temp files of killed
    /// writers are removed, <paramref name="download"/> writes a temp file in the <c>@v</c> folder, the zip is
    /// checked (Go's zip rules) and hashed, the hash is compared with <paramref name="expectedHash"/>, the
    /// <c>.ziphash</c> is written, and only then is the temp file renamed to <c>.zip</c>. A zip that fails
    /// any step is deleted and never becomes <c>.zip</c>.
    /// </summary>
    /// <param name="modulePath">The module path.</param>
    /// <param name="version">The canonical version.</param>
    /// <param name="download">Writes the zip into the stream it is given (a temp file); called only on a miss.
    /// It returns false when no source served the zip: the temp file is deleted and the result is a failure
    /// without diagnostics (the caller holds the reason). Its exceptions propagate unchanged (they are not cache
    /// failures) after the temp file is deleted.</param>
    /// <param name="expectedHash">The <c>h1:</c> hash from go.sum, or null to accept what is served (the hash is
    /// still recorded in <c>.ziphash</c> and returned).</param>
    /// <param name="goSumLine">Where <paramref name="expectedHash"/> comes from, for diagnostics.</param>
    /// <param name="cancellationToken">Cancels the lock wait, the download and the checks.</param>
    /// <returns>The outcome; <see cref="CacheStoreResult.Hash"/> is the zip's hash on success.</returns>
    public Task<CacheStoreResult> StoreZipAsync(
        string modulePath,
        string version,
        Func<Stream, CancellationToken, Task<bool>> download,
        string? expectedHash,
        SourceLocation? goSumLine = null,
        CancellationToken cancellationToken = default) =>
        StoreZipGatedAsync(modulePath, version, download, expectedHash, goSumLine, mayLand: null, extract: false, cancellationToken);

    /// <summary>As <see cref="StoreZipAsync"/>, with <paramref name="mayLand"/> asked after the zip is checked and hashed and
    /// before it is renamed: false leaves nothing (a failure without diagnostics; the caller holds the reason). The
    /// pre-warm downloads a version's zip while its <c>.mod</c> and <c>.info</c> are still being checked. With
    /// <paramref name="extract"/>, the zip is hashed and extracted in one pass (each entry inflated once) into a
    /// <c>.tmp-*</c> folder beside the source folder, which is renamed into place only after the hash matched and the
    /// zip landed; a cached zip is not extracted here (<see cref="ExtractAsync"/> does that).</summary>
    internal async Task<CacheStoreResult> StoreZipGatedAsync(
        string modulePath,
        string version,
        Func<Stream, CancellationToken, Task<bool>> download,
        string? expectedHash,
        SourceLocation? goSumLine,
        Func<Task<bool>>? mayLand,
        bool extract,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(download);
        if (!TryGetPaths(modulePath, version, out var paths, out var error))
        {
            return CacheStoreResult.Failed(null, error);
        }

        if (File.Exists(paths.ZipFile) && ZipHashFile.TryRead(paths.ZipHashFile) is { } cachedHash)
        {
            return CachedZipResult(paths, cachedHash, expectedHash, goSumLine);
        }

        ExceptionDispatchInfo? downloadFailure = null;
        var result = await GuardIoAsync(paths, paths.ZipFile, async () =>
        {
            using var versionLock = await LockVersionAsync(paths, cancellationToken).ConfigureAwait(false);

            // Another writer (ours or Go's) may have finished while we waited.
            if (File.Exists(paths.ZipFile))
            {
                if (ZipHashFile.TryRead(paths.ZipHashFile) is { } hash)
                {
                    return CachedZipResult(paths, hash, expectedHash, goSumLine);
                }

                // The zip landed but its .ziphash is missing or damaged: re-hash without downloading, as Go does.
                return await HashCachedZipAsync(paths, expectedHash, goSumLine, cancellationToken).ConfigureAwait(false);
            }

            CacheDebris.RemoveStaleZipTempFiles(paths);
            var (temp, stream) = CreateTempFile(paths.ZipFile);
            var landed = false;
            string? staging = null;
            try
            {
                await using (stream.ConfigureAwait(false))
                {
                    try
                    {
                        if (!await download(stream, cancellationToken).ConfigureAwait(false))
                        {
                            return CacheStoreResult.Failed(paths);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The downloader's own failure (network, proxy), not a cache write failure: rethrown below.
                        downloadFailure = ExceptionDispatchInfo.Capture(e);
                        return CacheStoreResult.Failed(paths);
                    }

                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                var (zip, check) = ModuleZipChecker.Open(temp, modulePath, version);
                string actual;
                using (zip)
                {
                    if (!check.Succeeded)
                    {
                        return CacheStoreResult.Failed(paths, [.. check.Diagnostics]);
                    }

                    if (extract && !IsExtracted(paths))
                    {
                        CacheDebris.RemoveStaleExtractionFolders(paths);
                        staging = paths.SourceDirectory + ".tmp-" + Random.Shared.Next(1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        var (extracted, hash) = ExtractAndHash(zip!, check, staging, cancellationToken);
                        if (hash is null)
                        {
                            return CacheStoreResult.Failed(paths, [.. extracted.Diagnostics]);
                        }

                        actual = hash;
                    }
                    else if (TryHashZip(temp, out var hashed, out var hashError, cancellationToken))
                    {
                        actual = hashed;
                    }
                    else
                    {
                        return CacheStoreResult.Failed(paths, hashError);
                    }
                }

                if (expectedHash is not null && actual != expectedHash)
                {
                    return CacheStoreResult.Failed(paths, ModuleCacheDiagnostics.ZipChecksumMismatch.Create(
                        $"{modulePath}@{version}: the downloaded zip hashes to {actual}, but {Where(goSumLine)} expects {expectedHash}; it was discarded.",
                        goSumLine));
                }

                if (mayLand is not null && !await mayLand().ConfigureAwait(false))
                {
                    return CacheStoreResult.Failed(paths);
                }

                await ZipHashFile.WriteAsync(paths.ZipHashFile, actual, cancellationToken).ConfigureAwait(false);
                File.Move(temp, paths.ZipFile, overwrite: true);
                landed = true;
                if (staging is not null)
                {
                    await LandExtractedAsync(paths, staging, cancellationToken).ConfigureAwait(false);
                    staging = null;
                }

                return CacheStoreResult.Stored(paths, actual);
            }
            finally
            {
                if (!landed)
                {
                    File.Delete(temp);
                }

                if (staging is not null)
                {
                    CacheDebris.RemoveTree(staging);
                }
            }
        }).ConfigureAwait(false);
        downloadFailure?.Throw();
        return result;
    }

    /// <summary>
    /// Extracts the cached zip into the module's source folder the way Go's <c>download</c> does: a complete
    /// folder is a hit; otherwise, under the version's lock, leftovers of killed writers (<c>.tmp-*</c>
    /// folders, a half-extracted folder marked by <c>.partial</c>) are removed, <c>.partial</c> is created, the
    /// zip is extracted in place (files 0444), <c>.partial</c> is removed, and the folders are made read-only
    /// unless <see cref="WritableSourceDirectories"/>. Call <see cref="StoreZipAsync"/> first.
    /// </summary>
    /// <exception cref="InvalidOperationException">The zip or its <c>.ziphash</c> is not in the cache yet.</exception>
    public async Task<CacheStoreResult> ExtractAsync(string modulePath, string version, CancellationToken cancellationToken = default)
    {
        if (!TryGetPaths(modulePath, version, out var paths, out var error))
        {
            return CacheStoreResult.Failed(null, error);
        }

        if (IsExtracted(paths))
        {
            return CacheStoreResult.Hit(paths, null);
        }

        if (!File.Exists(paths.ZipFile) || !File.Exists(paths.ZipHashFile))
        {
            throw new InvalidOperationException($"{modulePath}@{version} has no verified zip (.zip and .ziphash) in the module cache; store it with StoreZipAsync before extracting.");
        }

        return await GuardIoAsync(paths, paths.SourceDirectory, async () =>
        {
            using var versionLock = await LockVersionAsync(paths, cancellationToken).ConfigureAwait(false);
            if (IsExtracted(paths))
            {
                return CacheStoreResult.Hit(paths, null);
            }

            // Safe only under the lock: whoever left these is no longer writing.
            CacheDebris.RemoveStaleExtractionFolders(paths);
            CacheDebris.RemoveTree(paths.SourceDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(paths.SourceDirectory)!);
            await File.WriteAllBytesAsync(paths.PartialFile, [], cancellationToken).ConfigureAwait(false);
            ModuleZipCheckResult result;
            try
            {
                result = ModuleZipExtractor.Extract(paths.ZipFile, modulePath, version, paths.SourceDirectory, cancellationToken);
            }
            catch
            {
                RemoveHalfExtracted(paths);
                throw;
            }

            if (!result.Succeeded)
            {
                RemoveHalfExtracted(paths);
                return CacheStoreResult.Failed(paths, [.. result.Diagnostics]);
            }

            File.Delete(paths.PartialFile);
            if (!WritableSourceDirectories)
            {
                CacheDebris.MakeFoldersReadOnly(paths.SourceDirectory);
            }

            return CacheStoreResult.Stored(paths, null);
        }).ConfigureAwait(false);
    }

    // One pass over the checked zip: every entry inflated once, written into the staging folder and hashed. The hash is
    // null when the zip proved unreadable (the result says why).
    private static (ModuleZipCheckResult Result, string? Hash) ExtractAndHash(ZipArchiveFile zip, ModuleZipCheckResult check, string staging, CancellationToken cancellationToken)
    {
        try
        {
            using var digests = new ZipEntryDigests(zip.Entries, check.ZipPath);
            var extracted = ModuleZipExtractor.Extract(zip, check, staging, digests, cancellationToken);
            return (extracted, extracted.Succeeded ? digests.Finish() : null);
        }
        catch (ModuleHashException e)
        {
            return (check.With(e.Diagnostic), null);
        }
    }

    // Go's extraction protocol around a rename instead of an in-place unzip: .partial marks the source folder untrusted
    // while a stale one is removed and the staged one takes its place, so neither Go nor we ever trust a half tree.
    private async Task LandExtractedAsync(ModuleCachePaths paths, string staging, CancellationToken cancellationToken)
    {
        if (IsExtracted(paths))
        {
            return;
        }

        await File.WriteAllBytesAsync(paths.PartialFile, [], cancellationToken).ConfigureAwait(false);
        CacheDebris.RemoveTree(paths.SourceDirectory);
        if (!WritableSourceDirectories)
        {
            CacheDebris.MakeFoldersReadOnly(staging);
        }

        Directory.Move(staging, paths.SourceDirectory);
        File.Delete(paths.PartialFile);
    }

    internal static bool IsExtracted(ModuleCachePaths paths) =>
        Directory.Exists(paths.SourceDirectory) && !File.Exists(paths.PartialFile) && File.Exists(paths.ZipHashFile);

    /// <summary>Takes the version's <c>.lock</c> as Go's <c>lockVersion</c> does; dispose to release.</summary>
    internal static Task<LockedFile> LockVersionAsync(ModuleCachePaths paths, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.DownloadDirectory);
        return LockedFile.LockExclusiveAsync(paths.LockFile, cancellationToken);
    }

    /// <summary>Go's <c>writeDiskCache</c>: writes <c>&lt;file&gt;&lt;random&gt;.tmp</c> in the same folder and renames it
    /// over <paramref name="file"/>, so no reader ever sees part of it; after a <c>.mod</c>, rewrites the version
    /// list. Also used for the checksum database's cache files.</summary>
    internal static async Task WriteViaTempFileAsync(string file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
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

    private static CacheStoreResult CachedZipResult(ModuleCachePaths paths, string cachedHash, string? expectedHash, SourceLocation? goSumLine) =>
        expectedHash is null || cachedHash == expectedHash
            ? CacheStoreResult.Hit(paths, cachedHash)
            : CacheStoreResult.Failed(paths, CachedHashDiffers(paths, "zip", cachedHash, expectedHash, goSumLine));

    // Go's hashZip on a zip that is already in place: hash, compare, and only then (re)write .ziphash.
    private static async Task<CacheStoreResult> HashCachedZipAsync(ModuleCachePaths paths, string? expectedHash, SourceLocation? goSumLine, CancellationToken cancellationToken)
    {
        if (!TryHashZip(paths.ZipFile, out var actual, out var hashError, cancellationToken))
        {
            return CacheStoreResult.Failed(paths, hashError);
        }

        if (expectedHash is not null && actual != expectedHash)
        {
            return CacheStoreResult.Failed(paths, CachedHashDiffers(paths, "zip", actual, expectedHash, goSumLine));
        }

        await ZipHashFile.WriteAsync(paths.ZipHashFile, actual, cancellationToken).ConfigureAwait(false);
        return CacheStoreResult.Hit(paths, actual);
    }

    private static bool TryHashZip(string zip, [NotNullWhen(true)] out string? hash, [NotNullWhen(false)] out Diagnostic? error, CancellationToken cancellationToken)
    {
        try
        {
            hash = ModuleHash.HashZip(zip, cancellationToken);
            error = null;
            return true;
        }
        catch (ModuleHashException e)
        {
            hash = null;
            error = e.Diagnostic;
            return false;
        }
    }

    private static Diagnostic CachedHashDiffers(ModuleCachePaths paths, string what, string cached, string expected, SourceLocation? goSumLine) =>
        ModuleCacheDiagnostics.CachedHashDiffers.Create(
            $"{paths.ModulePath}@{paths.Version}: the module cache holds a {what} that hashes to {cached}, but {Where(goSumLine)} expects {expected}.",
            goSumLine);

    private static string Where(SourceLocation? goSumLine) => goSumLine?.ToString() ?? "the caller";

    // Go removes the half-extracted folder first and the .partial marker only when that worked, so a folder
    // that could not be removed stays marked as untrusted.
    private static void RemoveHalfExtracted(ModuleCachePaths paths)
    {
        CacheDebris.RemoveTree(paths.SourceDirectory);
        File.Delete(paths.PartialFile);
    }
}
