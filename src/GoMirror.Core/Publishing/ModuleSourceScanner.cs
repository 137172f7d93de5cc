using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoCommand;
using GoMirror.Core.GoMod;
using GoMirror.Core.Modules;
using GoMirror.Core.Zip;

namespace GoMirror.Core.Publishing;

/// <summary>One file that goes into the module zip.</summary>
internal sealed record ModuleSourceFile(string Path, string FullPath, long Size);

/// <summary>What a module source folder contributes to its zip: files in zip order, and what is left out.</summary>
internal sealed record ModuleSourceScan(IReadOnlyList<ModuleSourceFile> Files, IReadOnlyList<OmittedPath> Omitted);

/// <summary>
/// Lists a module source folder the way Go builds a module zip from a directory (golang.org/x/mod/zip
/// CreateFromDir): a depth-first walk in byte order of names, leaving out VCS folders, nested modules,
/// files in subfolders of vendor/, links and irregular files and .hg_archival.txt, then checking names,
/// case-insensitive collisions and sizes. Walking in Go's order gives Go's entry order.
/// </summary>
internal static class ModuleSourceScanner
{
    private static readonly HashSet<string> VersionControlFolders = new(StringComparer.Ordinal) { ".bzr", ".git", ".hg", ".svn" };

    public static ModuleSourceScan Scan(string root, DiagnosticBag diagnostics)
    {
        var candidates = new List<ModuleSourceFile>();
        var omitted = new List<OmittedPath>();
        try
        {
            var vendoring = ReadVendorRules(Path.Combine(root, "go.mod"));
            var notUtf8 = new List<string>();
            Walk(new DirectoryInfo(root), string.Empty, vendoring, candidates, omitted, notUtf8);
            foreach (var path in notUtf8)
            {
                diagnostics.Add(PublishingDiagnostics.FileNameNotUtf8.Create(
                    $"'{path}' (U+FFFD stands for the bytes that are not UTF-8) in '{root}' has a file name that is not valid UTF-8: Go refuses to publish the tree (malformed file path: invalid UTF-8).",
                    SourceLocation.InFile(root)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(PublishingDiagnostics.PublishIOError.Create($"Cannot list the module sources in '{root}': {e.Message}", SourceLocation.InFile(root)));
            return new ModuleSourceScan([], omitted);
        }

        var files = Check(root, candidates, omitted, diagnostics);
        return new ModuleSourceScan(files, omitted);
    }

    /// <summary>Which of Go's two tests for vendored files applies; the module's go line chooses.</summary>
    internal enum VendorRules
    {
        /// <summary>Modules before go 1.24: the original test, bug included.</summary>
        Original,

        /// <summary>go 1.24 and later: the bug fixed, and vendor/modules.txt left out too.</summary>
        Go124,
    }

    private static void Walk(DirectoryInfo directory, string prefix, VendorRules vendoring, List<ModuleSourceFile> files, List<OmittedPath> omitted, List<string> notUtf8)
    {
        var entries = directory.EnumerateFileSystemInfos().ToList();
        entries.Sort((a, b) => Utf8Order.Compare(a.Name, b.Name));
        foreach (var entry in entries)
        {
            var path = prefix + entry.Name;
            var kind = FileSystemEntryClassifier.Classify(entry);
            if (kind == FileSystemEntryKind.NotUtf8Name)
            {
                notUtf8.Add(path);
            }
            else if (kind == FileSystemEntryKind.Directory)
            {
                if (VersionControlFolders.Contains(entry.Name))
                {
                    omitted.Add(new OmittedPath(path, OmissionReason.VersionControl));
                }
                else if (HasOwnGoMod((DirectoryInfo)entry))
                {
                    omitted.Add(new OmittedPath(path, OmissionReason.NestedModule));
                }
                else
                {
                    Walk((DirectoryInfo)entry, path + "/", vendoring, files, omitted, notUtf8);
                }
            }
            else if (IsVendored(path, vendoring))
            {
                omitted.Add(new OmittedPath(path, OmissionReason.Vendored));
            }
            else if (kind == FileSystemEntryKind.SymbolicLink)
            {
                omitted.Add(new OmittedPath(path, OmissionReason.SymbolicLink));
            }
            else if (kind == FileSystemEntryKind.Irregular)
            {
                omitted.Add(new OmittedPath(path, OmissionReason.IrregularFile));
            }
            else
            {
                files.Add(new ModuleSourceFile(path, entry.FullName, ((FileInfo)entry).Length));
            }
        }
    }

    private static List<ModuleSourceFile> Check(string root, List<ModuleSourceFile> candidates, List<OmittedPath> omitted, DiagnosticBag diagnostics)
    {
        // Like Go, a go.mod spelled in any letter case marks its folder as another module.
        var moduleFolders = candidates
            .Where(f => f.Path.Contains('/', StringComparison.Ordinal) && string.Equals(NameOf(f.Path), "go.mod", StringComparison.OrdinalIgnoreCase))
            .Select(f => FolderOf(f.Path))
            .ToHashSet(StringComparer.Ordinal);

        var collisions = new ZipPathCollisions();
        var files = new List<ModuleSourceFile>();
        var remaining = ModuleZipChecker.MaxZipFile;
        foreach (var file in candidates)
        {
            var location = SourceLocation.InFile(file.FullPath);
            if (InModuleFolder(file.Path, moduleFolders))
            {
                omitted.Add(new OmittedPath(file.Path, OmissionReason.NestedModule));
                continue;
            }

            if (file.Path == ".hg_archival.txt")
            {
                omitted.Add(new OmittedPath(file.Path, OmissionReason.HgArchival));
                continue;
            }

            if (!ModulePath.IsValidFilePath(file.Path, out var problem))
            {
                diagnostics.Add(PublishingDiagnostics.InvalidFileName.Create($"'{file.Path}' cannot go into a module zip: {problem}.", location));
                continue;
            }

            if (file.Path != "go.mod" && string.Equals(file.Path, "go.mod", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(PublishingDiagnostics.InvalidFileName.Create($"'{file.Path}' must be spelled 'go.mod' (lower case).", location));
                continue;
            }

            if (collisions.Add(file.Path, isFolder: false) is { } collision)
            {
                diagnostics.Add(PublishingDiagnostics.CaseInsensitiveCollision.Create(Describe(collision), location));
                continue;
            }

            if (file.Size > remaining)
            {
                diagnostics.Add(PublishingDiagnostics.ModuleTooLarge.Create($"The module's files add up to more than {ModuleZipChecker.MaxZipFile} bytes (500 MiB) at '{file.Path}'.", location));
                remaining = long.MaxValue;
            }

            remaining -= file.Size;
            var limit = file.Path switch
            {
                "go.mod" => ModuleZipChecker.MaxGoMod,
                "LICENSE" => ModuleZipChecker.MaxLicense,
                _ => long.MaxValue,
            };
            if (file.Size > limit)
            {
                diagnostics.Add(PublishingDiagnostics.ModuleTooLarge.Create($"'{file.Path}' is {file.Size} bytes; Go allows at most {limit} bytes (16 MiB).", location));
                continue;
            }

            files.Add(file);
        }

        if (files.Count > ushort.MaxValue)
        {
            diagnostics.Add(PublishingDiagnostics.ModuleTooLarge.Create($"The module has {files.Count} files; a published zip holds at most {ushort.MaxValue}.", SourceLocation.InFile(root)));
        }

        return files;
    }

    /// <summary>
    /// Go's test for files of vendored packages. Before go 1.24 it has a bug Go keeps so that old checksums
    /// stay valid (golang.org/issue/37397): below a nested <c>/vendor/</c> it skips a fixed 8 characters from
    /// the start of the path instead of from the match, so <c>pkg/vendor/vendor.go</c> counts as vendored.
    /// Modules declaring go 1.24 or later get the fixed test, and lose <c>vendor/modules.txt</c> too.
    /// </summary>
    internal static bool IsVendored(string path, VendorRules rules)
    {
        if (rules == VendorRules.Go124 && path == "vendor/modules.txt")
        {
            return true;
        }

        int start;
        if (path.StartsWith("vendor/", StringComparison.Ordinal))
        {
            start = "vendor/".Length;
        }
        else if (path.IndexOf("/vendor/", StringComparison.Ordinal) is var match and >= 0)
        {
            start = (rules == VendorRules.Go124 ? match : 0) + "/vendor/".Length;
        }
        else
        {
            return false;
        }

        return path.IndexOf('/', start) >= 0;
    }

    private static string Describe(ZipPathCollision collision) => collision.Kind switch
    {
        ZipPathCollisionKind.CaseFold => $"'{collision.OtherPath}' and '{collision.Path}' differ only in letter case.",
        ZipPathCollisionKind.FileAndFolder => $"'{collision.Path}' is both a file and a folder.",
        _ => $"'{collision.Path}' appears twice.",
    };

    private static bool HasOwnGoMod(DirectoryInfo directory)
    {
        var goMod = new FileInfo(Path.Combine(directory.FullName, "go.mod"));
        return goMod.Exists || goMod.LinkTarget is not null;
    }

    private static bool InModuleFolder(string path, HashSet<string> moduleFolders)
    {
        for (var folder = FolderOf(path); folder.Length > 0; folder = FolderOf(folder))
        {
            if (moduleFolders.Contains(folder))
            {
                return true;
            }
        }

        return false;
    }

    // Go reads the go line with modfile.ParseLax and keeps the original rules when go.mod is missing or does not parse;
    // only the language version counts, so 1.24rc1 is 1.24.
    private static VendorRules ReadVendorRules(string goModPath)
    {
        var goMod = new FileInfo(goModPath);
        if (!goMod.Exists || goMod.LinkTarget is not null)
        {
            return VendorRules.Original;
        }

        // An unreadable go.mod is reported with its location when it is read again for the .mod file.
        var parsed = GoModParser.ParseFile(goModPath, GoModParseMode.Dependency);
        return parsed.Succeeded && parsed.File.Go is { } go && GoVersion.TryParse("go" + go.Version, out var version)
            && (version.Major, version.Minor).CompareTo((1, 24)) >= 0
                ? VendorRules.Go124
                : VendorRules.Original;
    }

    private static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string FolderOf(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : string.Empty;
}
