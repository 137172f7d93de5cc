using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.GoMod;

/// <summary>
/// Diagnostic codes of go.mod (GOMIRROR0120–0139), go.sum (GOMIRROR0140–0159) and go.work (GOMIRROR0160–0179). Invalid paths and versions
/// inside them use <see cref="Modules.ModuleDiagnostics"/>.
/// </summary>
internal static class GoModDiagnostics
{
    /// <summary>go.mod text the Go lexer or parser rejects (unterminated block or string, <c>/* */</c> comment, stray character).</summary>
    public static readonly DiagnosticDescriptor GoModSyntaxError = new(
        "GOMIRROR0120",
        DiagnosticSeverity.Error,
        "go.mod has a syntax error",
        "Fix the go.mod line shown: use // comments, close every '(' block with ')' on its own line, and keep quoted strings on one line.");

    /// <summary>A directive or block the go command does not know in a main module's go.mod.</summary>
    public static readonly DiagnosticDescriptor GoModUnknownDirective = new(
        "GOMIRROR0121",
        DiagnosticSeverity.Error,
        "go.mod uses an unknown directive",
        "Remove or correct the directive; the go command accepts module, go, toolchain, godebug, require, exclude, replace, retract, tool and ignore (older Go releases accept fewer).");

    /// <summary>A known directive written with the wrong arguments, repeated, or with a malformed quoted string.</summary>
    public static readonly DiagnosticDescriptor GoModMalformedDirective = new(
        "GOMIRROR0122",
        DiagnosticSeverity.Error,
        "go.mod directive is malformed",
        "Write the directive as the go command expects, for example 'require example.com/m v1.2.3', 'replace example.com/m v1.2.3 => ../m', 'retract [v1.0.0, v1.1.0]' or 'go 1.21'; 'go mod edit -fmt' shows how Go reads the file.");

    /// <summary>go.mod starts with a UTF-8 byte order mark, which Go's lexer rejects as a stray character.</summary>
    public static readonly DiagnosticDescriptor GoModByteOrderMark = new(
        "GOMIRROR0123",
        DiagnosticSeverity.Error,
        "go.mod starts with a UTF-8 byte order mark",
        "Save go.mod as UTF-8 without a byte order mark: in Visual Studio, File > Save As > Save with Encoding > 'Unicode (UTF-8 without signature)'; in VS Code, the encoding in the status bar > Save with Encoding > UTF-8; in .editorconfig, 'charset = utf-8' (not utf-8-bom) for go.mod and go.sum.");

    /// <summary>A go.sum line without exactly three fields.</summary>
    public static readonly DiagnosticDescriptor GoSumMalformedLine = new(
        "GOMIRROR0140",
        DiagnosticSeverity.Error,
        "go.sum line is malformed",
        "Every non-empty go.sum line is 'module version[/go.mod] h1:hash'. Remove the broken line and run 'go mod tidy' (or 'go mod download') to write it again.");

    /// <summary>Two different hashes for the same module version in go.sum.</summary>
    public static readonly DiagnosticDescriptor GoSumConflictingHashes = new(
        "GOMIRROR0141",
        DiagnosticSeverity.Warning,
        "go.sum lists different hashes for one module version",
        "Keep only the correct line for the module version (check it against the checksum database), then run 'go mod verify'.");

    /// <summary>A go.sum line with the hash of an empty go.mod, which Go ignores.</summary>
    public static readonly DiagnosticDescriptor GoSumEmptyGoModHash = new(
        "GOMIRROR0142",
        DiagnosticSeverity.Info,
        "go.sum line holds the hash of an empty go.mod and is ignored",
        "Old go commands wrote such lines by mistake; Go ignores and drops them. Run 'go mod tidy' to remove it.");

    /// <summary>go.work text the Go lexer or parser rejects.</summary>
    public static readonly DiagnosticDescriptor GoWorkSyntaxError = new(
        "GOMIRROR0160",
        DiagnosticSeverity.Error,
        "go.work has a syntax error",
        "Fix the go.work line shown: use // comments, close every '(' block with ')' on its own line, and keep quoted strings on one line.");

    /// <summary>A go.work directive that is unknown, repeated or written with the wrong arguments.</summary>
    public static readonly DiagnosticDescriptor GoWorkMalformed = new(
        "GOMIRROR0161",
        DiagnosticSeverity.Error,
        "go.work directive is malformed",
        "go.work accepts go, toolchain, godebug, use and replace, for example 'go 1.23.0', 'use ./tools/agent' or 'use ( ./a ./b )'; 'go work edit -fmt' shows how Go reads the file.");

    /// <summary>A go.work <c>use</c> folder without a go.mod.</summary>
    public static readonly DiagnosticDescriptor GoWorkMemberMissing = new(
        "GOMIRROR0162",
        DiagnosticSeverity.Error,
        "go.work uses a folder that holds no go.mod",
        "Correct the 'use' line to name a folder with a go.mod in it (relative to go.work), or remove it with 'go work edit -dropuse=DIR'.");

    /// <summary>A go.mod named on its own that a named workspace already holds: it counts once, as part of the workspace.</summary>
    public static readonly DiagnosticDescriptor GoWorkMemberNamedTwice = new(
        "GOMIRROR0163",
        DiagnosticSeverity.Info,
        "go.mod is a member of a workspace that is also named, so it is one component",
        "Nothing to fix: the go command runs in the workspace root for every member. Name either the go.work or its members, not both, to silence this.");
}
