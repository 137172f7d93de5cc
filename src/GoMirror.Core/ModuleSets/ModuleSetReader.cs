using System.Security.Cryptography;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Hashing;
using GoMirror.Core.ModuleCache;
using NuGet.Packaging;

namespace GoMirror.Core.ModuleSets;

/// <summary>
/// Checks a downloaded module set package and extracts it into a GOPROXY folder. A package is used only when
/// all of this holds: its nuspec names the identity asked for; its manifest is for this component and lists
/// exactly the module versions and go.sum hashes of the set; every file the set needs is in the package with
/// the size and SHA-256 the manifest gives; every <c>.mod</c> and <c>.zip</c> hashes to its go.sum line and
/// every <c>.info</c> is one Go accepts. Files are written only to paths computed from the set, never from entry
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

        var expected = set.Items.Select(i => new ModuleSetEntry(i.Module, i.ZipHash?.Hash, i.GoModHash?.Hash)).ToList();
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

        foreach (var item in set.Items)
        {
            foreach (var extension in item.ZipHash is null ? ["mod"] : item.GoModHash is null ? new[] { "info", "zip" } : ["mod", "info", "zip"])
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

                var problem = Check(item, extension, target);
                if (problem is not null)
                {
                    return extension == "info" ? Corrupt(what, $"{path}: {problem}") : Tampered(what, $"{item.Module}: {problem}");
                }
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
