using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;

namespace GoMirror.Core.Zip;

/// <summary>
/// Validates a module zip before it is trusted, with the rules of golang.org/x/mod/zip <c>CheckZip</c>
/// (which Go's <c>Unzip</c> applies on every download): module path and version, zip and content sizes,
/// the <c>module@version/</c> prefix, file path rules, collisions and go.mod placement. One pass over the
/// central directory; no content is read.
/// </summary>
internal static class ModuleZipChecker
{
    /// <summary>Go's limit on the zip file and on its total uncompressed content (500 MiB).</summary>
    public const long MaxZipFile = 500L << 20;

    /// <summary>Go's limit on the root go.mod (16 MiB).</summary>
    public const long MaxGoMod = 16L << 20;

    /// <summary>Go's limit on the root LICENSE (16 MiB).</summary>
    public const long MaxLicense = 16L << 20;

    /// <summary>
    /// Checks the zip at <paramref name="zipPath"/> for module <paramref name="modulePath"/> at
    /// <paramref name="version"/> (both unescaped, as in the entry names). Problems with the zip are
    /// diagnostics in the result, never exceptions.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static ModuleZipCheckResult Check(string zipPath, string modulePath, string version)
    {
        ArgumentNullException.ThrowIfNull(zipPath);
        ArgumentNullException.ThrowIfNull(modulePath);
        ArgumentNullException.ThrowIfNull(version);
        var (zip, result) = Open(zipPath, modulePath, version);
        zip?.Dispose();
        return result;
    }

    /// <summary>Opens and checks the zip; the archive is returned open (null when unusable) for extraction.</summary>
    internal static (ZipArchiveFile? Zip, ModuleZipCheckResult Result) Open(string zipPath, string modulePath, string version)
    {
        var location = SourceLocation.InFile(zipPath);
        var where = $"{modulePath}@{version}";
        if (new ModuleVersion(modulePath, version).CheckCanonical() is { } identity)
        {
            return (null, Fail(zipPath, modulePath, version, ZipDiagnostics.InvalidModuleVersion.Create($"cannot check the zip of {where}: {identity.Message}.", location)));
        }

        ZipArchiveFile? zip;
        long length;
        try
        {
            zip = ZipArchiveFile.Open(zipPath, MaxZipFile, out length);
        }
        catch (ZipFormatException e)
        {
            return (null, Fail(zipPath, modulePath, version, ZipDiagnostics.CorruptZip.Create($"{where}: {e.Message}.", location)));
        }

        if (zip is null)
        {
            return (null, Fail(zipPath, modulePath, version, ZipDiagnostics.ZipTooLarge.Create(
                $"{where}: the module zip file is {length} bytes; Go's limit is {MaxZipFile} bytes.", location)));
        }

        return (zip, CheckEntries(zip, zipPath, modulePath, version, location));
    }

    private static ModuleZipCheckResult CheckEntries(ZipArchiveFile zip, string zipPath, string modulePath, string version, SourceLocation location)
    {
        var where = $"{modulePath}@{version}";
        var prefix = where + "/";
        var diagnostics = new List<Diagnostic>();
        var files = new List<ZipDirectoryEntry>();
        var collisions = new ZipPathCollisions();
        long total = 0;
        var sizeReported = false;

        void Report(DiagnosticDescriptor descriptor, ZipDirectoryEntry entry, string problem) =>
            diagnostics.Add(descriptor.Create($"{where}: zip entry '{entry.Name}' {problem}.", location));

        foreach (var entry in zip.Entries)
        {
            if (!entry.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                Report(ZipDiagnostics.EntryOutsideModule, entry, $"does not have the prefix \"{prefix}\"{(GoPathRules.Escapes(entry.Name) ? " and would be written outside the module folder" : string.Empty)}");
                continue;
            }

            var name = entry.Name[prefix.Length..];
            if (name.Length == 0)
            {
                continue;
            }

            var isDirectory = name.EndsWith('/');
            if (isDirectory)
            {
                name = name[..^1];
            }

            if (GoPathRules.Clean(name) != name)
            {
                if (GoPathRules.Escapes(name))
                {
                    Report(ZipDiagnostics.EntryEscapesModule, entry, "would be written outside the module folder (file path is not clean)");
                }
                else
                {
                    Report(ZipDiagnostics.InvalidEntryPath, entry, "has a file path that is not clean");
                }

                continue;
            }

            string? pathProblem = "invalid UTF-8";
            if (!entry.NameIsValidUtf8 || !ModulePath.IsValidFilePath(name, out pathProblem))
            {
                if (GoPathRules.Escapes(name))
                {
                    Report(ZipDiagnostics.EntryEscapesModule, entry, $"would be written outside the module folder ({pathProblem})");
                }
                else
                {
                    Report(ZipDiagnostics.InvalidEntryPath, entry, $"has a malformed file path: {pathProblem}");
                }

                continue;
            }

            if (collisions.Add(name, isDirectory) is { } collision)
            {
                var (descriptor, problem) = Describe(collision);
                Report(descriptor, entry, problem);
                continue;
            }

            if (isDirectory)
            {
                continue;
            }

            var baseName = name[(name.LastIndexOf('/') + 1)..];
            if (string.Equals(baseName, "go.mod", StringComparison.OrdinalIgnoreCase))
            {
                if (baseName.Length != name.Length)
                {
                    Report(ZipDiagnostics.MisplacedGoMod, entry, "is a go.mod file not in the module root directory");
                    continue;
                }

                if (name != "go.mod")
                {
                    Report(ZipDiagnostics.MisplacedGoMod, entry, "must be named go.mod (go.mod files must have lowercase names)");
                    continue;
                }
            }

            var size = entry.UncompressedSize;
            if (size <= (ulong)(MaxZipFile - total))
            {
                total += (long)size;
            }
            else if (!sizeReported)
            {
                sizeReported = true;
                diagnostics.Add(ZipDiagnostics.ContentTooLarge.Create(
                    $"{where}: the total uncompressed size of the module contents is larger than Go's limit of {MaxZipFile} bytes (reached at entry '{entry.Name}').", location));
            }

            if ((name == "go.mod" && size > MaxGoMod) || (name == "LICENSE" && size > MaxLicense))
            {
                Report(ZipDiagnostics.FileTooLarge, entry, $"is {size} bytes; Go's limit for {name} is {MaxGoMod} bytes");
                continue;
            }

            files.Add(entry);
        }

        return new ModuleZipCheckResult(zipPath, modulePath, version, diagnostics, files, total);
    }

    private static (DiagnosticDescriptor Descriptor, string Problem) Describe(ZipPathCollision collision) => collision.Kind switch
    {
        ZipPathCollisionKind.CaseFold => (ZipDiagnostics.CaseCollision,
            $"collides with '{collision.OtherPath}' on a case-insensitive file system (case-insensitive file name collision: \"{collision.OtherPath}\" and \"{collision.Path}\")"),
        ZipPathCollisionKind.FileAndFolder => (ZipDiagnostics.FileDirectoryConflict, $"makes \"{collision.Path}\" both a file and a directory"),
        _ => (ZipDiagnostics.DuplicateFile, $"is listed more than once (multiple entries for file \"{collision.Path}\")"),
    };

    private static ModuleZipCheckResult Fail(string zipPath, string modulePath, string version, Diagnostic diagnostic) =>
        new(zipPath, modulePath, version, [diagnostic], [], 0);
}
