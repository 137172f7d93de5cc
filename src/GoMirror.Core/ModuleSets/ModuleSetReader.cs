using System.Security.Cryptography;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Hashing;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.SumDb;
using NuGet.Packaging;

namespace GoMirror.Core.ModuleSets;

/// <summary>
/// Checks a downloaded module set package and extracts it into a GOPROXY folder. A package is used only when
/// all of this holds: its nuspec names the identity asked for; its manifest is for this component and lists
/// exactly the module versions and go.sum hashes of the set; every file the set needs is in the package with
/// the size and SHA-256 the manifest gives; every <c>.mod</c> and <c>.zip</c> hashes to its go.sum line (one of a
/// version go.sum lacks is checked by the pre-warm against its record, proved through the set's sumdb folder) and
/// every <c>.info</c> is one Go accepts; a set with records holds its sumdb files. Files are written only to paths computed from the set, never from entry
/// names. Any failure deletes the folder: nothing of a corrupt or tampered package is left.
/// </summary>
internal static class ModuleSetReader
{
    /// <summary>Extracts <paramref name="package"/> into <paramref name="folder"/> (created; deleted again on failure).</summary>
    /// <returns>Null on success, otherwise the reason (GOMIRROR1106 corrupt, GOMIRROR1107 does not match go.sum).</returns>
    public static async Task<Diagnostic?> ExtractAsync(Stream package, ModuleSet set, string folder, string feed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(set);
        var what = $"{set.Id} {set.Version} from {feed}";
        try
        {
            Directory.CreateDirectory(folder);
            var problem = await ExtractCoreAsync(package, set, folder, what, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                Directory.Delete(folder, recursive: true);
            }

            return problem;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NuGet.Packaging.Core.PackagingException or UnauthorizedAccessException)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return Corrupt(what, $"it cannot be read ({e.Message})");
        }
    }

    private static async Task<Diagnostic?> ExtractCoreAsync(Stream package, ModuleSet set, string folder, string what, CancellationToken cancellationToken)
    {
        using var reader = new PackageArchiveReader(package, leaveStreamOpen: true);
        var identity = reader.GetIdentity();
        if (!string.Equals(identity.Id, set.Id, StringComparison.OrdinalIgnoreCase) || identity.Version.ToNormalizedString() != set.Version)
        {
            return Corrupt(what, $"its nuspec names {identity.Id} {identity.Version.ToNormalizedString()}");
        }

        var entries = reader.GetFiles().ToHashSet(StringComparer.Ordinal);
        if (!entries.Contains(ModuleSetManifest.PathInPackage))
        {
            return Corrupt(what, $"it has no {ModuleSetManifest.PathInPackage}");
        }

        byte[] manifestBytes;
        using (var stream = reader.GetStream(ModuleSetManifest.PathInPackage))
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            manifestBytes = copy.ToArray();
        }

        var manifest = ModuleSetManifest.TryParse(manifestBytes, out var parseProblem);
        if (manifest is null)
        {
            return Corrupt(what, parseProblem);
        }

        if (manifest.Format != ModuleSet.Format || manifest.Component != set.ModulePath)
        {
            return Corrupt(what, $"its manifest is format {manifest.Format} for {manifest.Component}, not format {ModuleSet.Format} for {set.ModulePath}");
        }

        var expected = set.Items.Select(i => ModuleSetEntry.Of(set, i)).ToList();
        if (!manifest.Modules.SequenceEqual(expected))
        {
            var differs = manifest.Modules.Except(expected).Concat(expected.Except(manifest.Modules)).First();
            return Tampered(what, $"its manifest lists {manifest.Modules.Count} module versions that differ from the {expected.Count} of go.sum (first difference: {differs.Module} zip {differs.ZipHash ?? "-"} go.mod {differs.GoModHash ?? "-"}). SECURITY ERROR");
        }

        var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var unlisted = entries.FirstOrDefault(e => e.StartsWith(ModuleSetManifest.ProxyFolder, StringComparison.Ordinal) && !listed.ContainsKey(e));
        if (unlisted is not null)
        {
            return Corrupt(what, $"it holds {unlisted}, which its manifest does not list");
        }

        // The package's entries are read one at a time (its zip reader is not shared between threads); the checks read
        // the copied files, so they run in parallel once every file is out, and the first problem in set order wins.
        var checks = new List<(Prewarm.PrewarmItem Item, string Extension, string Path, string Target)>();
        foreach (var item in set.Items)
        {
            foreach (var extension in item.FromChecksumDatabase || (item.ZipHash is not null && item.GoModHash is not null) ? ["mod", "info", "zip"] : item.ZipHash is null ? ["mod"] : new[] { "info", "zip" })
            {
                cancellationToken.ThrowIfCancellationRequested();
                var path = ModuleSetPacker.ProxyPath(item.Module, extension);
                if (!listed.TryGetValue(path, out var file) || !entries.Contains(path))
                {
                    return Corrupt(what, $"it lacks {path}");
                }

                var target = Path.Combine(folder, path[ModuleSetManifest.ProxyFolder.Length..].Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var (size, sha256) = await CopyAsync(reader, path, target, cancellationToken).ConfigureAwait(false);
                if (size != file.Size || sha256 != file.Sha256)
                {
                    return Corrupt(what, $"{path} has {size} bytes with SHA-256 {sha256}, but the manifest lists {file.Size} bytes with {file.Sha256}");
                }

                // A version go.sum lacks has no line to check its .mod and .zip against here: the pre-warm checks them
                // against its record, proved through the set's sumdb folder, before anything lands.
                if (!item.FromChecksumDatabase || extension == "info")
                {
                    checks.Add((item, extension, path, target));
                }
            }
        }

        var problems = new string?[checks.Count];
        await Parallel.ForAsync(0, checks.Count, cancellationToken, (i, _) =>
        {
            problems[i] = Check(checks[i].Item, checks[i].Extension, checks[i].Target);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        var first = Array.FindIndex(problems, p => p is not null);
        if (first >= 0)
        {
            var (item, extension, path, _) = checks[first];
            return extension == "info" ? Corrupt(what, $"{path}: {problems[first]}") : Tampered(what, $"{item.Module}: {problems[first]}");
        }

        return await ExtractRecordsAsync(reader, set, manifest, entries, folder, what, cancellationToken).ConfigureAwait(false);
    }

    // The checksum database folder: supported, latest and the lookup of every recorded version at paths computed from
    // the set, and each listed tile whose path parses as one (written under its canonical spelling). Nothing here is
    // trusted yet: the pre-warm's client verifies every record and tile against GOSUMDB's key before it uses one.
    private static async Task<Diagnostic?> ExtractRecordsAsync(
        PackageArchiveReader reader, ModuleSet set, ModuleSetManifest manifest, HashSet<string> entries, string folder, string what, CancellationToken cancellationToken)
    {
        var prefix = ModuleSetManifest.ProxyFolder + "sumdb/";
        var carried = manifest.Files.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (set.Database is not { } database)
        {
            return carried.Count == 0 ? null : Corrupt(what, $"it holds {carried[0].Path}, but the set carries no checksum database record");
        }

        var root = ModuleSetPacker.SumDbPath(database, string.Empty);
        var required = new[] { SumDbRecordBundle.Supported, SumDbRecordBundle.Latest }
            .Concat(set.Items.Where(i => set.Recorded.Contains(i.Module)).Select(i => SumDbRecordBundle.LookupPath(i.Module)))
            .Select(p => root + p)
            .ToHashSet(StringComparer.Ordinal);
        if (required.FirstOrDefault(p => !manifest.Files.Any(f => f.Path == p)) is { } absent)
        {
            return Corrupt(what, $"it lacks {absent}");
        }

        foreach (var file in carried)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var isTile = file.Path.StartsWith(root, StringComparison.Ordinal)
                && TlogTile.TryParsePath(file.Path[root.Length..], out var tile) && tile.L >= 0 && root + tile.Path == file.Path;
            if (!isTile && !required.Contains(file.Path))
            {
                return Corrupt(what, $"it holds {file.Path}, which is no checksum database file of this set");
            }

            if (!entries.Contains(file.Path))
            {
                return Corrupt(what, $"it lacks {file.Path}");
            }

            var target = Path.Combine(folder, file.Path[ModuleSetManifest.ProxyFolder.Length..].Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var (size, sha256) = await CopyAsync(reader, file.Path, target, cancellationToken).ConfigureAwait(false);
            if (size != file.Size || sha256 != file.Sha256)
            {
                return Corrupt(what, $"{file.Path} has {size} bytes with SHA-256 {sha256}, but the manifest lists {file.Size} bytes with {file.Sha256}");
            }
        }

        return null;
    }

    // The go.sum check a proxy's answer gets, on the extracted file; null when it passes.
    private static string? Check(Prewarm.PrewarmItem item, string extension, string file)
    {
        switch (extension)
        {
            case "mod":
                var goMod = ModuleHash.HashGoMod(File.ReadAllBytes(file));
                return goMod == item.GoModHash!.Hash ? null : $"checksum mismatch: go.mod downloaded: {goMod}, go.sum: {item.GoModHash.Hash} ({item.GoModHash.Location}). SECURITY ERROR";
            case "zip":
                string zip;
                try
                {
                    zip = ModuleHash.HashZip(file);
                }
                catch (ModuleHashException e)
                {
                    return $"the zip cannot be hashed: {e.Message}";
                }

                return zip == item.ZipHash!.Hash ? null : $"checksum mismatch: downloaded: {zip}, go.sum: {item.ZipHash.Hash} ({item.ZipHash.Location}). SECURITY ERROR";
            default:
                return GoInfoJson.TryCanonicalize(File.ReadAllBytes(file), item.Module.Version, out _, out var problem) ? null : problem;
        }
    }

    private static async Task<(long Size, string Sha256)> CopyAsync(PackageArchiveReader reader, string path, string target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        using var source = reader.GetStream(path);
        var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
        await using (output.ConfigureAwait(false))
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                size += read;
            }
        }

        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static Diagnostic Corrupt(string what, string problem) =>
        ModuleSetDiagnostics.CorruptPackage.Create($"{what}: {problem}; nothing of it is used, the mirrors serve the modules.");

    private static Diagnostic Tampered(string what, string problem) =>
        ModuleSetDiagnostics.TamperedPackage.Create($"{what}: {problem}; nothing of it is used, the mirrors serve the modules.");
}
