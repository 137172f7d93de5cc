using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.ModuleCache;

/// <summary>Diagnostic codes of the module cache writer (GOMIRROR0500–0549).</summary>
internal static class ModuleCacheDiagnostics
{
    /// <summary>A downloaded module zip hashes differently from what go.sum (or the caller) expects; it was discarded.</summary>
    public static readonly DiagnosticDescriptor ZipChecksumMismatch = new(
        "GOMIRROR0500",
        DiagnosticSeverity.Error,
        "Downloaded module zip does not match its go.sum hash",
        "Find out which side changed: a proxy serving different bytes for a published version is a security problem; otherwise correct the go.sum line (for example with 'go mod tidy' against a trusted proxy).");

    /// <summary>A downloaded go.mod hashes differently from the expected <c>/go.mod</c> hash; it was discarded.</summary>
    public static readonly DiagnosticDescriptor GoModChecksumMismatch = new(
        "GOMIRROR0501",
        DiagnosticSeverity.Error,
        "Downloaded go.mod does not match its go.sum hash",
        "Check the proxy that served the go.mod and the '/go.mod' line in go.sum; a proxy serving different bytes for a published version is a security problem.");

    /// <summary>A module path or version that cannot name a module cache entry.</summary>
    public static readonly DiagnosticDescriptor InvalidModuleVersion = new(
        "GOMIRROR0502",
        DiagnosticSeverity.Error,
        "Module path or version cannot name a module cache entry",
        "Use a valid module path and a canonical semantic version (vMAJOR.MINOR.PATCH with an optional pre-release or +incompatible), as Go writes them in go.mod and go.sum.");

    /// <summary>The module cache could not be written (permissions, disk full, a path that is not a folder...).</summary>
    public static readonly DiagnosticDescriptor CacheWriteFailed = new(
        "GOMIRROR0503",
        DiagnosticSeverity.Error,
        "Module cache could not be written",
        "Make GOMODCACHE an absolute path to a writable folder with free space; if another tool left it read-only, run 'go clean -modcache' or make it writable.");

    /// <summary>The cache already holds this module version, with a hash that differs from the expected one.</summary>
    public static readonly DiagnosticDescriptor CachedHashDiffers = new(
        "GOMIRROR0504",
        DiagnosticSeverity.Error,
        "Module cache holds a different hash than go.sum",
        "Either go.sum changed or the cache was filled from a different source. If go.sum is right, clear the cache with 'go clean -modcache' and build again.");

    /// <summary>A version's <c>.info</c> JSON that Go would reject.</summary>
    public static readonly DiagnosticDescriptor InvalidInfo = new(
        "GOMIRROR0505",
        DiagnosticSeverity.Error,
        "Version info (.info) is malformed or names another version",
        "The proxy must answer '@v/<version>.info' with JSON whose \"Version\" is the requested version and whose optional \"Time\" is RFC 3339; fix or replace that proxy.");
}
