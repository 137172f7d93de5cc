using System.Security.Cryptography;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Hashing;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.Modules;
using GoMirror.Core.Policy;
using GoMirror.Core.Prewarm;
using GoMirror.Core.SumDb;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace GoMirror.Core.ModuleSets;

/// <summary>The outcome of packing one module set.</summary>
/// <param name="Set">The set.</param>
/// <param name="PackagePath">The package written; null when none was (see <paramref name="Diagnostics"/>).</param>
/// <param name="Bytes">The package's size.</param>
/// <param name="Diagnostics">Why there is no package, or what is worth knowing.</param>
internal sealed record ModuleSetPackResult(ModuleSet Set, string? PackagePath, long Bytes, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True unless a diagnostic is an error.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Packs a component's module set from a warmed module cache into a <c>.nupkg</c> with NuGet.Packaging: every
/// <c>.mod</c>, <c>.info</c> and <c>.zip</c> the set needs, checked against go.sum again as it is read, laid out
/// as a GOPROXY folder under <c>goproxy/</c>, with <c>gomirror/moduleset.json</c> listing them. The bytes are
/// deterministic (NuGet's deterministic mode: fixed timestamps; files added in ordinal path order; the
/// <c>.info</c> in Go's canonical form), so two packs of the same set are identical wherever they ran.
/// </summary>
internal static class ModuleSetPacker
{
    /// <summary>The NuGet package type of a module set: restore refuses to install it as a dependency.</summary>
    public const string PackageTypeName = "GoModuleSet";

    // Every zip entry's time. Not the build's clock nor SOURCE_DATE_EPOCH: the same set must give the same bytes
    // on every runner, so that a push of it meets the first one as an equal.
    private const string FixedTimestamp = "2000-01-01T00:00:00Z";

    /// <summary>Packs <paramref name="set"/> from <paramref name="cache"/> into <paramref name="outputDirectory"/>
    /// (written to a temporary name and renamed, so a failed pack leaves no package).</summary>
    public static Task<ModuleSetPackResult> PackAsync(ModuleSet set, GoModuleCache cache, string outputDirectory, CancellationToken cancellationToken = default) =>
        PackAsync(set, cache, outputDirectory, null, cancellationToken);

    /// <summary>Packs <paramref name="set"/> with the checksum database records it carries, read from
    /// <paramref name="checksumDatabaseCache"/> (Go's sumdb cache, where the pre-warm left them proved).</summary>
    public static async Task<ModuleSetPackResult> PackAsync(ModuleSet set, GoModuleCache cache, string outputDirectory, ISumDbStore? checksumDatabaseCache, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        if (set.Items.Count == 0)
        {
            return new ModuleSetPackResult(set, null, 0, [ModuleSetDiagnostics.NothingToPack.Create(
                $"{set.ModulePath}: its go.sum names no module version a proxy may serve under this policy; no module set package is made.",
                SourceLocation.InFile(set.Component.GoSumPath))]);
        }

        var diagnostics = new List<Diagnostic>();
        var files = new SortedDictionary<string, PackedFile>(StringComparer.Ordinal);
        var records = await CollectRecordsAsync(set, checksumDatabaseCache, files, diagnostics, cancellationToken).ConfigureAwait(false);
        foreach (var item in set.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (records is not null && set.Recorded.Contains(item.Module))
            {
                var recorded = Recorded(item, records, set.Database!, diagnostics);
                if (recorded is not null)
                {
                    await CollectAsync(recorded, cache, files, diagnostics, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                await CollectAsync(item, cache, files, diagnostics, cancellationToken).ConfigureAwait(false);
            }
        }

        if (diagnostics.Count > 0)
        {
            return new ModuleSetPackResult(set, null, 0, diagnostics);
        }

        var manifest = new ModuleSetManifest(
            ModuleSet.Format,
            set.ModulePath,
            [.. set.Items.Select(i => ModuleSetEntry.Of(set, i))],
            [.. files.Select(f => new ModuleSetFile(f.Key, f.Value.Size, f.Value.Sha256))]);
        var builder = new PackageBuilder(deterministic: true)
        {
            DeterministicTimestamp = FixedTimestamp,
            Id = set.Id,
            Version = NuGetVersion.Parse(set.Version),
            Description = $"The Go module set of {set.ModulePath}: {set.Items.Count} module versions verified against its go.sum{(set.Recorded.Count > 0 ? $" and the checksum database {set.Database!.Name} ({set.Recorded.Count} records)" : string.Empty)}, as a GOPROXY folder under goproxy/. Made by GoMirror.Build; not a library to reference.",
        };
        builder.Authors.Add("GoMirror.Build");
        builder.PackageTypes.Add(new PackageType(PackageTypeName, new Version(1, 0)));
        builder.Files.Add(new PhysicalPackageFile(new MemoryStream(manifest.ToJson())) { TargetPath = ModuleSetManifest.PathInPackage });
        foreach (var (path, file) in files)
        {
            builder.Files.Add(file.Content is { } bytes
                ? new PhysicalPackageFile(new MemoryStream(bytes)) { TargetPath = path }
                : new PhysicalPackageFile { SourcePath = file.SourcePath!, TargetPath = path });
        }

        var target = Path.Combine(outputDirectory, set.FileName);
        var temp = target + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            Directory.CreateDirectory(outputDirectory);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                builder.Save(stream);
            }

            File.Move(temp, target, overwrite: true);
            return new ModuleSetPackResult(set, target, new FileInfo(target).Length, []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or InvalidDataException)
        {
            File.Delete(temp);
            return new ModuleSetPackResult(set, null, 0, [ModuleSetDiagnostics.PackFailed.Create($"{set.ModulePath}: writing {target} failed: {e.Message}")]);
        }
    }

    /// <summary>The path of a checksum database file (<c>supported</c>, <c>lookup/M@V</c>, <c>tile/...</c>) in the package.</summary>
    public static string SumDbPath(ChecksumDatabase database, string file)
    {
        ArgumentNullException.ThrowIfNull(database);
        return $"{ModuleSetManifest.ProxyFolder}sumdb/{database.Name}/{file}";
    }

    // The records of the set's recorded versions, from Go's sumdb cache and proved in one tree head, into the package's
    // sumdb folder; null when the set carries none or they cannot be collected (a GOMIRROR1112 error).
    private static async Task<SumDbRecordBundle?> CollectRecordsAsync(
        ModuleSet set, ISumDbStore? store, SortedDictionary<string, PackedFile> files, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (set.Recorded.Count == 0)
        {
            return null;
        }

        var database = set.Database!;
        if (store is null)
        {
            diagnostics.Add(RecordsMissing(set, "no checksum database cache was given to read them from"));
            return null;
        }

        SumDbRecordBundle bundle;
        try
        {
            var modules = set.Items.Select(i => i.Module).Where(set.Recorded.Contains).ToList();
            bundle = await SumDbRecordBundle.CollectAsync(NoteVerifier.Parse(database.VerifierKey), store, modules, SumDbClient.TileHeight, cancellationToken).ConfigureAwait(false);
        }
        catch (SumDbException e)
        {
            diagnostics.Add(RecordsMissing(set, $"{e.Descriptor.Code}: {e.Message}"));
            return null;
        }

        foreach (var (path, data) in bundle.Files)
        {
            files[SumDbPath(database, path)] = PackedFile.InMemory(data);
        }

        return bundle;
    }

    // The item with the hashes its proved record gives (a version go.sum lacks); a record that disagrees with go.sum
    // (verify-all) is an error, as the pre-warm's check would have been.
    private static PrewarmItem? Recorded(PrewarmItem item, SumDbRecordBundle records, ChecksumDatabase database, List<Diagnostic> diagnostics)
    {
        var (zip, goMod) = records.HashesOf(item.Module);
        var location = new SourceLocation($"checksum database {database.Name} (tree size {records.Tree.Size})");
        if (zip is null || goMod is null)
        {
            diagnostics.Add(ModuleSetDiagnostics.RecordsMissing.Create($"{item.Module}: its checksum database record has no h1: line for {(zip is null ? "the zip" : "the go.mod")}; the module set is not packed.", item.GoSumLine));
            return null;
        }

        if ((item.ZipHash is { } z && z.Hash != zip) || (item.GoModHash is { } m && m.Hash != goMod))
        {
            diagnostics.Add(ModuleSetDiagnostics.RecordsMissing.Create($"{item.Module}: go.sum and the checksum database record disagree (SECURITY ERROR); the module set is not packed.", item.GoSumLine));
            return null;
        }

        return item with { ZipHash = new ExpectedHash(zip, location), GoModHash = new ExpectedHash(goMod, location) };
    }

    private static Diagnostic RecordsMissing(ModuleSet set, string why) =>
        ModuleSetDiagnostics.RecordsMissing.Create(
            $"{set.ModulePath}: the checksum database records of {set.Recorded.Count} module versions cannot be packed: {why}. Run the pre-warm with the database reachable first (it proves each record and caches it with its tiles); the module set is not packed.",
            SourceLocation.InFile(set.Component.GoSumPath));

    /// <summary>The GOPROXY path of one file of a module version in the package.</summary>
    public static string ProxyPath(ModuleVersion module, string extension)
    {
        ArgumentNullException.ThrowIfNull(module);
        return ModuleEscaping.TryEscapePath(module.Path, out var path, out _) && ModuleEscaping.TryEscapeVersion(module.Version, out var version, out _)
            ? $"{ModuleSetManifest.ProxyFolder}{path}/@v/{version}.{extension}"
            : throw new ArgumentException($"{module} cannot name a proxy file", nameof(module));
    }

    // Reads one version's files from the cache, checked against go.sum; a problem is an error naming the go.sum line.
    private static async Task CollectAsync(PrewarmItem item, GoModuleCache cache, SortedDictionary<string, PackedFile> files, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (!cache.TryGetPaths(item.Module.Path, item.Module.Version, out var paths, out var invalid))
        {
            diagnostics.Add(invalid);
            return;
        }

        if (item.GoModHash is { } goModHash)
        {
            var goMod = await ReadAsync(paths.ModFile, cancellationToken).ConfigureAwait(false);
            if (goMod is null || ModuleHash.HashGoMod(goMod) != goModHash.Hash)
            {
                diagnostics.Add(Incomplete(item, goMod is null ? $"{paths.ModFile} is missing" : $"{paths.ModFile} does not hash to {goModHash.Hash}", goModHash.Location));
                return;
            }

            files[ProxyPath(item.Module, "mod")] = PackedFile.InMemory(goMod);
        }

        if (item.ZipHash is not { } zipHash)
        {
            return;
        }

        var info = await ReadAsync(paths.InfoFile, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            diagnostics.Add(Incomplete(item, $"{paths.InfoFile} is missing", zipHash.Location));
            return;
        }

        if (!GoInfoJson.TryCanonicalize(info, item.Module.Version, out var canonical, out var problem))
        {
            diagnostics.Add(Incomplete(item, $"{paths.InfoFile} cannot be used: {problem}", zipHash.Location));
            return;
        }

        if (!File.Exists(paths.ZipFile))
        {
            diagnostics.Add(Incomplete(item, $"{paths.ZipFile} is missing", zipHash.Location));
            return;
        }

        string actual;
        try
        {
            actual = ModuleHash.HashZip(paths.ZipFile, cancellationToken);
        }
        catch (ModuleHashException e)
        {
            actual = e.Message;
        }

        if (actual != zipHash.Hash)
        {
            diagnostics.Add(Incomplete(item, $"{paths.ZipFile} hashes to {actual}, not {zipHash.Hash}", zipHash.Location));
            return;
        }

        files[ProxyPath(item.Module, "info")] = PackedFile.InMemory(canonical);
        files[ProxyPath(item.Module, "zip")] = await PackedFile.OnDiskAsync(paths.ZipFile, cancellationToken).ConfigureAwait(false);
    }

    private static Diagnostic Incomplete(PrewarmItem item, string what, SourceLocation location) =>
        ModuleSetDiagnostics.SetIncomplete.Create($"{item.Module}: {what}; the module set is not packed.", location);

    private static async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    // A file to pack: small ones in memory, zips streamed from the cache when the package is written.
    private sealed record PackedFile(byte[]? Content, string? SourcePath, long Size, string Sha256)
    {
        public static PackedFile InMemory(byte[] content) => new(content, null, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)));

        public static async Task<PackedFile> OnDiskAsync(string path, CancellationToken cancellationToken)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return new PackedFile(null, path, stream.Length, Convert.ToHexStringLower(hash));
        }
    }
}
