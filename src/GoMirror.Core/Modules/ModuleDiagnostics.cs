using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Modules;

/// <summary>Diagnostic codes of module paths and versions (GOMIRROR0100–0119).</summary>
internal static class ModuleDiagnostics
{
    /// <summary>A module path that Go's module.CheckPath rejects.</summary>
    public static readonly DiagnosticDescriptor InvalidModulePath = new(
        "GOMIRROR0100",
        DiagnosticSeverity.Error,
        "Module path is invalid",
        "Write the module path as Go requires: a first element with a dot in lower-case letters, digits, '-' and '.', then elements of letters, digits and '-._~', with a major-version suffix /vN (N ≥ 2) only when the module is v2 or later.");

    /// <summary>A version that is not a semantic version Go accepts.</summary>
    public static readonly DiagnosticDescriptor InvalidVersion = new(
        "GOMIRROR0101",
        DiagnosticSeverity.Error,
        "Module version is not a valid semantic version",
        "Use a semantic version with a leading 'v', such as v1.2.3, v1.2.3-rc.1 or a pseudo-version; for a branch or commit, let 'go get module@branch' resolve it first.");

    /// <summary>A version whose major version does not fit the module path's major-version suffix.</summary>
    public static readonly DiagnosticDescriptor MajorVersionMismatch = new(
        "GOMIRROR0102",
        DiagnosticSeverity.Error,
        "Module version does not match the major version in the module path",
        "Use a version whose major version matches the path: v0/v1 (or vN+incompatible) for a path without /vN, vN for a path ending in /vN or gopkg.in/x.vN.");
}
