using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Hashing;

/// <summary>Diagnostic codes of <c>h1:</c> hashing (GOMIRROR0200–0209).</summary>
internal static class HashingDiagnostics
{
    /// <summary>A file name with a newline, which the <c>h1:</c> summary format cannot represent.</summary>
    public static readonly DiagnosticDescriptor NameWithNewline = new(
        "GOMIRROR0200",
        DiagnosticSeverity.Error,
        "A file name contains a newline and cannot be hashed",
        "Rename the file: Go's h1: hash (and every Go module) rejects file names that contain a newline.");
}
