using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Zip;

/// <summary>Diagnostic codes of module zip checks and extraction (GOMIRROR0210–0299).</summary>
internal static class ZipDiagnostics
{
    /// <summary>The module path or version the zip is checked against is not one Go accepts.</summary>
    public static readonly DiagnosticDescriptor InvalidModuleVersion = new(
        "GOMIRROR0210",
        DiagnosticSeverity.Error,
        "Module path or version is not valid for a module zip",
        "Use a valid module path and a canonical semantic version (vMAJOR.MINOR.PATCH[-pre][+incompatible]) whose major version matches the path's /vN suffix.");

    /// <summary>The zip file is larger than Go's 500 MiB limit.</summary>
    public static readonly DiagnosticDescriptor ZipTooLarge = new(
        "GOMIRROR0211",
        DiagnosticSeverity.Error,
        "Module zip file is larger than 500 MiB",
        "Go rejects module zips over 500 MiB; remove large files from the module or move them out of it.");

    /// <summary>The declared uncompressed content is larger than Go's 500 MiB limit.</summary>
    public static readonly DiagnosticDescriptor ContentTooLarge = new(
        "GOMIRROR0212",
        DiagnosticSeverity.Error,
        "Module zip content is larger than 500 MiB uncompressed",
        "Go rejects modules whose files total more than 500 MiB; remove large files from the module.");

    /// <summary>An entry does not start with <c>module@version/</c>.</summary>
    public static readonly DiagnosticDescriptor EntryOutsideModule = new(
        "GOMIRROR0213",
        DiagnosticSeverity.Error,
        "Zip entry does not start with module@version/",
        "Every entry of a module zip must start with the unescaped module path, '@', the version and '/'; the proxy served a zip for another module or a hand-made zip.");

    /// <summary>An entry name that breaks Go's file path rules.</summary>
    public static readonly DiagnosticDescriptor InvalidEntryPath = new(
        "GOMIRROR0214",
        DiagnosticSeverity.Error,
        "Zip entry path is not allowed in a module",
        "Module file paths must be clean, relative, use only letters, digits, space and !#$%&()+,-.=@[]^_{}~, and have no empty, dot-only, trailing-dot or Windows-reserved elements.");

    /// <summary>An entry that would be written outside the module folder (zip-slip).</summary>
    public static readonly DiagnosticDescriptor EntryEscapesModule = new(
        "GOMIRROR0215",
        DiagnosticSeverity.Error,
        "Zip entry would be written outside the module folder",
        "The zip is malformed or malicious (an absolute path or a '..' element); do not use it, and check the proxy that served it.");

    /// <summary>Two entries that differ only in case.</summary>
    public static readonly DiagnosticDescriptor CaseCollision = new(
        "GOMIRROR0216",
        DiagnosticSeverity.Error,
        "Zip entries collide on a case-insensitive file system",
        "Rename one of the files in the module: Go rejects paths that are equal under Unicode case folding.");

    /// <summary>A path that is both a file and a directory.</summary>
    public static readonly DiagnosticDescriptor FileDirectoryConflict = new(
        "GOMIRROR0217",
        DiagnosticSeverity.Error,
        "Zip entry is both a file and a directory",
        "The zip is malformed: a path is listed as a file and as a directory; rebuild it from the module source.");

    /// <summary>The same file listed twice.</summary>
    public static readonly DiagnosticDescriptor DuplicateFile = new(
        "GOMIRROR0218",
        DiagnosticSeverity.Error,
        "Zip lists the same file more than once",
        "The zip is malformed: rebuild it from the module source so each file appears once.");

    /// <summary>A go.mod outside the module root, or not spelled exactly <c>go.mod</c>.</summary>
    public static readonly DiagnosticDescriptor MisplacedGoMod = new(
        "GOMIRROR0219",
        DiagnosticSeverity.Error,
        "go.mod in a module zip is misplaced or misspelled",
        "A module zip may hold go.mod only in its root and spelled exactly 'go.mod'; nested modules and files like GO.MOD must not be in the zip.");

    /// <summary>go.mod or LICENSE over 16 MiB.</summary>
    public static readonly DiagnosticDescriptor FileTooLarge = new(
        "GOMIRROR0220",
        DiagnosticSeverity.Error,
        "go.mod or LICENSE in a module zip is larger than 16 MiB",
        "Go limits the root go.mod and LICENSE to 16 MiB each; shrink the file.");

    /// <summary>The zip cannot be read the way Go reads it.</summary>
    public static readonly DiagnosticDescriptor CorruptZip = new(
        "GOMIRROR0221",
        DiagnosticSeverity.Error,
        "Module zip is damaged or not a zip Go can read",
        "Delete the file and download it again; if the proxy keeps serving it, report it to the proxy's operator or use another proxy.");

    /// <summary>Extraction was asked to write into a folder that already holds something.</summary>
    public static readonly DiagnosticDescriptor TargetNotEmpty = new(
        "GOMIRROR0222",
        DiagnosticSeverity.Error,
        "Module extraction folder is not empty",
        "Extract into a new or empty folder; delete the leftovers of an interrupted extraction first.");

    /// <summary>An entry holds more data than its declared size.</summary>
    public static readonly DiagnosticDescriptor EntryLargerThanDeclared = new(
        "GOMIRROR0223",
        DiagnosticSeverity.Error,
        "Zip entry holds more data than its declared size",
        "The zip is damaged or crafted to hide content; delete the extracted folder and the zip, and download it again from a trusted proxy.");
}
