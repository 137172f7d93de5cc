using GoMirror.Core.Diagnostics;
using GoMirror.Core.Hashing;

namespace GoMirror.Core.Zip;

/// <summary>
/// Extracts a module zip the way Go's <c>zip.Unzip</c> does, after every <see cref="ModuleZipChecker"/>
/// check: into an empty folder only, files created read-only (0444), and no entry allowed to produce more
/// bytes than it declares (reading stops before the excess is written). It never trusts a partial result:
/// on any failure (a failed result or an exception) the caller deletes <c>targetDirectory</c>. Locking
/// and the <c>.partial</c> marker belong to the module cache, which drives this.
/// </summary>
internal static class ModuleZipExtractor
{
    /// <summary>
    /// Checks the zip at <paramref name="zipPath"/> for <paramref name="modulePath"/>@<paramref name="version"/>
    /// (unescaped) and, when valid, extracts it into <paramref name="targetDirectory"/>, which must be empty
    /// or missing. Directories are left writable, as Go leaves them until the cache marks the module complete.
    /// </summary>
    /// <returns>The check result; not <see cref="ModuleZipCheckResult.Succeeded"/> when the zip was rejected,
    /// the folder was not empty, or an entry's content proved damaged during extraction.</returns>
    /// <exception cref="IOException">The machine failed (disk full, permissions); the folder may hold partial content.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the folder may hold partial content.</exception>
    public static ModuleZipCheckResult Extract(string zipPath, string modulePath, string version, string targetDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zipPath);
        ArgumentNullException.ThrowIfNull(modulePath);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(targetDirectory);
        var root = Path.GetFullPath(targetDirectory);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            return new ModuleZipCheckResult(zipPath, modulePath, version, [ZipDiagnostics.TargetNotEmpty.Create(
                $"cannot extract {modulePath}@{version}: the target folder {root} exists and is not empty.", SourceLocation.InFile(root))], [], 0);
        }

        var (zip, result) = ModuleZipChecker.Open(zipPath, modulePath, version);
        if (zip is null || !result.Succeeded)
        {
            zip?.Dispose();
            return result;
        }

        using (zip)
        {
            return Extract(zip, result, root, digests: null, cancellationToken);
        }
    }

    /// <summary>
    /// Extracts <paramref name="zip"/>, already opened and checked into <paramref name="result"/> by
    /// <see cref="ModuleZipChecker.Open"/>, into <paramref name="targetDirectory"/> (empty or missing). With
    /// <paramref name="digests"/>, every entry that counts for the zip's <c>h1:</c> hash is hashed from the same reads
    /// that write it (folders and the module root entry, which are not written, are read for the hash alone), so each
    /// entry is inflated once.
    /// </summary>
    /// <returns>As <see cref="Extract(string, string, string, string, CancellationToken)"/>.</returns>
    /// <exception cref="IOException">The machine failed; the folder may hold partial content.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the folder may hold partial content.</exception>
    internal static ModuleZipCheckResult Extract(ZipArchiveFile zip, ModuleZipCheckResult result, string targetDirectory, ZipEntryDigests? digests, CancellationToken cancellationToken)
    {
        var (zipPath, modulePath, version) = (result.ZipPath, result.ModulePath, result.Version);
        var root = Path.GetFullPath(targetDirectory);
        Directory.CreateDirectory(root);
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var copyBuffer = new byte[128 * 1024];
        var rangeBuffer = new byte[64 * 1024];
        var prefixLength = modulePath.Length + version.Length + 2;
        var files = new HashSet<ZipDirectoryEntry>(result.FileEntries, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < zip.Entries.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = zip.Entries[i];
            var hashed = digests is not null && digests.Needs(i);
            if (!files.Contains(entry))
            {
                if (hashed && HashOnly(zip, entry, i, digests!, copyBuffer, rangeBuffer, cancellationToken) is { } unreadable)
                {
                    return result.With(unreadable.Descriptor.Create(
                        $"{modulePath}@{version}: {unreadable.Message}; extraction stopped and {root} must not be used.", SourceLocation.InFile(zipPath)));
                }

                continue;
            }

            var relative = entry.Name[prefixLength..];
            var target = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));

            // The checks already exclude this; a second guard costs nothing against zip-slip.
            if (!target.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            {
                return result.With(ZipDiagnostics.EntryEscapesModule.Create(
                    $"{modulePath}@{version}: zip entry '{entry.Name}' would be written outside {root}.", SourceLocation.InFile(zipPath)));
            }

            if (WriteFile(zip, entry, target, hashed ? (digests!, i) : null, copyBuffer, rangeBuffer, cancellationToken) is { } problem)
            {
                return result.With(problem.Descriptor.Create(
                    $"{modulePath}@{version}: {problem.Message}; extraction stopped and {root} must not be used.", SourceLocation.InFile(zipPath)));
            }
        }

        return result;
    }

    private static (DiagnosticDescriptor Descriptor, string Message)? HashOnly(
        ZipArchiveFile zip, ZipDirectoryEntry entry, int index, ZipEntryDigests digests, byte[] copyBuffer, byte[] rangeBuffer, CancellationToken cancellationToken)
    {
        try
        {
            using var content = zip.OpenEntry(entry, rangeBuffer);
            digests.Read(index, content, copyBuffer, cancellationToken);
            return null;
        }
        catch (ZipFormatException e)
        {
            return Unreadable(e);
        }
    }

    private static (DiagnosticDescriptor Descriptor, string Message)? WriteFile(
        ZipArchiveFile zip, ZipDirectoryEntry entry, string target, (ZipEntryDigests Digests, int Index)? hash, byte[] copyBuffer, byte[] rangeBuffer, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        try
        {
            using (var output = new FileStream(target, options))
            using (var content = zip.OpenEntry(entry, rangeBuffer))
            {
                int n;
                while ((n = content.Read(copyBuffer)) > 0)
                {
                    hash?.Digests.Append(copyBuffer.AsSpan(0, n));
                    output.Write(copyBuffer, 0, n);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            // Only now has the content stream passed its size, CRC-32 and deflate checks.
            hash?.Digests.Complete(hash.Value.Index);

            if (OperatingSystem.IsWindows())
            {
                File.SetAttributes(target, FileAttributes.ReadOnly);
            }

            return null;
        }
        catch (ZipFormatException e)
        {
            return Unreadable(e);
        }
    }

    private static (DiagnosticDescriptor Descriptor, string Message) Unreadable(ZipFormatException e) =>
        (e is ZipEntryTooLargeException ? ZipDiagnostics.EntryLargerThanDeclared : ZipDiagnostics.CorruptZip, e.Message);
}
