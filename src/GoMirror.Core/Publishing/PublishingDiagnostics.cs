using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Publishing;

/// <summary>Diagnostic codes of publishing module sources into a proxy folder (GOMIRROR0250–0269).</summary>
internal static class PublishingDiagnostics
{
    /// <summary>The module source folder to publish does not exist.</summary>
    public static readonly DiagnosticDescriptor SourceFolderNotFound = new(
        "GOMIRROR0250",
        DiagnosticSeverity.Error,
        "Module source folder not found",
        "Pass the folder that holds the module's files (the one with its go.mod, if it has one).");

    /// <summary>The module path or version cannot name a module zip or proxy file.</summary>
    public static readonly DiagnosticDescriptor InvalidModuleVersion = new(
        "GOMIRROR0251",
        DiagnosticSeverity.Error,
        "Module path or version cannot be published",
        "Use a module path such as example.com/team/lib (its first element a lower-case domain) and a canonical semantic version such as v1.2.3 whose major version matches the path (v2 and later need a /vN suffix).");

    /// <summary>A file whose path Go does not allow in a module zip.</summary>
    public static readonly DiagnosticDescriptor InvalidFileName = new(
        "GOMIRROR0252",
        DiagnosticSeverity.Error,
        "File name not allowed in a module zip",
        "Rename the file: Go allows letters, digits, space and !#$%&()+,-.=@[]^_{}~, no trailing dot, no Windows reserved names, and go.mod only in lower case at the module root.");

    /// <summary>Two files whose paths differ only in letter case.</summary>
    public static readonly DiagnosticDescriptor CaseInsensitiveCollision = new(
        "GOMIRROR0253",
        DiagnosticSeverity.Error,
        "File names collide when letter case is ignored",
        "Rename or remove one of the files: Go rejects module zips whose paths are equal under case-folding, because they cannot be extracted on Windows or macOS.");

    /// <summary>The module is larger than Go accepts.</summary>
    public static readonly DiagnosticDescriptor ModuleTooLarge = new(
        "GOMIRROR0254",
        DiagnosticSeverity.Error,
        "Module exceeds Go's size limits",
        "Keep the module under 500 MiB in total and go.mod and LICENSE under 16 MiB each; move large data out of the module.");

    /// <summary>The source's go.mod declares a different module path than the one being published.</summary>
    public static readonly DiagnosticDescriptor ModulePathMismatch = new(
        "GOMIRROR0255",
        DiagnosticSeverity.Error,
        "go.mod declares a different module path",
        "Publish under the path the go.mod 'module' line declares, or correct that line; Go refuses a module whose go.mod names another path.");

    /// <summary>The version is already in the proxy folder with different content.</summary>
    public static readonly DiagnosticDescriptor VersionAlreadyPublished = new(
        "GOMIRROR0256",
        DiagnosticSeverity.Error,
        "Version already published with different content",
        "Publish the change as a new version. A published version must never change: every go.sum that recorded it would fail with a checksum mismatch. Delete the old files only if nobody has used them.");

    /// <summary>SOURCE_DATE_EPOCH is set but is not a number of seconds.</summary>
    public static readonly DiagnosticDescriptor InvalidSourceDateEpoch = new(
        "GOMIRROR0257",
        DiagnosticSeverity.Error,
        "SOURCE_DATE_EPOCH is not a valid timestamp",
        "Set SOURCE_DATE_EPOCH to a whole number of seconds since 1970-01-01 UTC (for example: git log -1 --format=%ct), or unset it.");

    /// <summary>A source file could not be read or a proxy file could not be written.</summary>
    public static readonly DiagnosticDescriptor PublishIOError = new(
        "GOMIRROR0258",
        DiagnosticSeverity.Error,
        "Cannot read the module sources or write the proxy folder",
        "Check that the source files are readable, that they do not change while publishing, and that the proxy folder is writable.");

    /// <summary>A file or folder name in the module sources is not valid UTF-8.</summary>
    public static readonly DiagnosticDescriptor FileNameNotUtf8 = new(
        "GOMIRROR0259",
        DiagnosticSeverity.Error,
        "A file name in the module is not valid UTF-8",
        "Rename the file so its name is valid UTF-8 (for example with convmv -f latin1 -t utf8); Go refuses to zip a module with such a name.");
}
