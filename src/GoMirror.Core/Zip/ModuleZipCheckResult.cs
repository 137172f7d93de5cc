using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Zip;

/// <summary>What <see cref="ModuleZipChecker.Check"/> or <see cref="ModuleZipExtractor"/> found.</summary>
internal sealed class ModuleZipCheckResult
{
    internal ModuleZipCheckResult(string zipPath, string modulePath, string version, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<ZipDirectoryEntry> files, long totalSize)
    {
        ZipPath = zipPath;
        ModulePath = modulePath;
        Version = version;
        Diagnostics = diagnostics;
        FileEntries = files;
        Files = [.. files.Select(f => f.Name[(modulePath.Length + version.Length + 2)..])];
        TotalUncompressedSize = totalSize;
    }

    /// <summary>The zip that was checked.</summary>
    public string ZipPath { get; }

    /// <summary>The module path the entries were checked against.</summary>
    public string ModulePath { get; }

    /// <summary>The version the entries were checked against.</summary>
    public string Version { get; }

    /// <summary>Every problem, each naming module, version and entry; empty when the zip is valid.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when Go would accept the zip (and, after extraction, every file was written).</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);

    /// <summary>The valid files, relative to the module root with forward slashes, in zip order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Sum of the declared uncompressed sizes of <see cref="Files"/>.</summary>
    public long TotalUncompressedSize { get; }

    internal IReadOnlyList<ZipDirectoryEntry> FileEntries { get; }

    internal ModuleZipCheckResult With(Diagnostic diagnostic) =>
        new(ZipPath, ModulePath, Version, [.. Diagnostics, diagnostic], FileEntries, TotalUncompressedSize);
}
