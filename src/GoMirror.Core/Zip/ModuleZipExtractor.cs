using GoMirror.Core.Diagnostics;

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
            Directory.CreateDirectory(root);
            var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
            var copyBuffer = new byte[128 * 1024];
            var rangeBuffer = new byte[64 * 1024];
            var prefixLength = modulePath.Length + version.Length + 2;
            foreach (var entry in result.FileEntries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var relative = entry.Name[prefixLength..];
                var target = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));

                // The checks already exclude this; a second guard costs nothing against zip-slip.
                if (!target.StartsWith(rootWithSeparator, StringComparison.Ordinal))
                {
                    return result.With(ZipDiagnostics.EntryEscapesModule.Create(
                        $"{modulePath}@{version}: zip entry '{entry.Name}' would be written outside {root}.", SourceLocation.InFile(zipPath)));
                }

                if (WriteFile(zip, entry, target, copyBuffer, rangeBuffer, cancellationToken) is { } problem)
                {
                    return result.With(problem.Descriptor.Create(
                        $"{modulePath}@{version}: {problem.Message}; extraction stopped and {root} must not be used.", SourceLocation.InFile(zipPath)));
                }
            }
        }

        return result;
    }

    private static (DiagnosticDescriptor Descriptor, string Message)? WriteFile(
        ZipArchiveFile zip, ZipDirectoryEntry entry, string target, byte[] copyBuffer, byte[] rangeBuffer, CancellationToken cancellationToken)
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
                    output.Write(copyBuffer, 0, n);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            if (OperatingSystem.IsWindows())
            {
                File.SetAttributes(target, FileAttributes.ReadOnly);
            }

            return null;
        }
        catch (ZipEntryTooLargeException e)
        {
            return (ZipDiagnostics.EntryLargerThanDeclared, e.Message);
        }
        catch (ZipFormatException e)
        {
            return (ZipDiagnostics.CorruptZip, e.Message);
        }
    }
}
