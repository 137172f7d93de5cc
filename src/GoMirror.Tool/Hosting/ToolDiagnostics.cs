using GoMirror.Core.Diagnostics;

namespace GoMirror.Tool.Hosting;

/// <summary>The codes the <c>gomirror</c> tool reports itself (GOMIRROR1400–1449); everything else comes from the engine.</summary>
public static class ToolDiagnostics
{
    /// <summary>The command line does not parse: an unknown verb or option, a missing or extra argument, a bad value.</summary>
    public static readonly DiagnosticDescriptor InvalidArguments = new(
        "GOMIRROR1400",
        DiagnosticSeverity.Error,
        "gomirror command line is invalid",
        "Run the command with --help for its arguments and options.");

    /// <summary>A path argument names nothing, or a folder with no go.mod in or below it.</summary>
    public static readonly DiagnosticDescriptor NoGoModule = new(
        "GOMIRROR1401",
        DiagnosticSeverity.Error,
        "Path holds no Go component",
        "Pass a go.mod file, the folder that holds it, or a repository folder with go.mod files below it.");

    /// <summary>A policy value holds a character the chosen shell cannot carry in an assignment.</summary>
    public static readonly DiagnosticDescriptor ValueNotWritable = new(
        "GOMIRROR1402",
        DiagnosticSeverity.Error,
        "Policy value cannot be written for this shell",
        "Remove the character from the value where it is set (gomirror explain says where), or print for another shell with --shell.");

    /// <summary><c>gomirror env</c> would print a credential (user-info in GOPROXY or GOSUMDB).</summary>
    public static readonly DiagnosticDescriptor CredentialInOutput = new(
        "GOMIRROR1403",
        DiagnosticSeverity.Error,
        "Policy value carries a credential that gomirror env does not print",
        "Keep credentials out of the proxy URL (a .netrc file serves Go and GoMirror alike), or pass --include-credentials when the output goes straight into eval.");
}
