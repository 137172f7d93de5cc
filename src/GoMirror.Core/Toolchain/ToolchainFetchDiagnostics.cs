using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Toolchain;

/// <summary>Diagnostic codes of the toolchain pre-warm and provisioning (GOMIRROR1220–1249).</summary>
internal static class ToolchainFetchDiagnostics
{
    /// <summary>No proxy in GOPROXY serves the toolchain module: Go's "toolchain not available".</summary>
    public static readonly DiagnosticDescriptor NotOnAnyMirror = new(
        "GOMIRROR1220",
        DiagnosticSeverity.Error,
        "Toolchain not on any mirror",
        "Put a mirror that serves golang.org/toolchain in GOPROXY, or keep the Go you have: GOTOOLCHAIN=local (never switch), or GOTOOLCHAIN=path with the goX.Y.Z executable on PATH.");

    /// <summary>The toolchain zip or go.mod hashes differ from the checksum database's record.</summary>
    public static readonly DiagnosticDescriptor ChecksumMismatch = new(
        "GOMIRROR1221",
        DiagnosticSeverity.Error,
        "Toolchain does not match the checksum database (SECURITY ERROR)",
        "Do not use this mirror for toolchains: it served other bytes than the checksum database records. Nothing was stored. Report it to the mirror's operator and fetch from a mirror you trust.");

    /// <summary>GOSUMDB=off: Go refuses every toolchain download, so the pre-warm does too, before any request.</summary>
    public static readonly DiagnosticDescriptor ChecksumDatabaseOff = new(
        "GOMIRROR1222",
        DiagnosticSeverity.Error,
        "Toolchain download needs the checksum database",
        "Go checks every toolchain against the checksum database, whatever GONOSUMDB or GOPRIVATE say. Set GOSUMDB (GoMirrorSumDb) to a database your mirror proxies (default sum.golang.org), or set GOTOOLCHAIN=local to use the installed Go.");

    /// <summary>The checksum database could not vouch for the toolchain (unreachable, no record, bad proof).</summary>
    public static readonly DiagnosticDescriptor NotVerified = new(
        "GOMIRROR1223",
        DiagnosticSeverity.Error,
        "Toolchain could not be verified",
        "Make the checksum database reachable (directly, or through a GOPROXY mirror that proxies /sumdb/<name>/), or set GOTOOLCHAIN=local to use the installed Go.");

    /// <summary>A GOOS/GOARCH pair no Go release is built for, or a toolchain name that is not goX.Y.Z.</summary>
    public static readonly DiagnosticDescriptor UnsupportedToolchain = new(
        "GOMIRROR1224",
        DiagnosticSeverity.Error,
        "Toolchain or platform not supported",
        "Name a released toolchain (go1.23.5, go1.22.0, go1.24rc1) for a platform Go ships (linux-amd64, darwin-arm64, windows-amd64, ...).");

    /// <summary>Provisioning was needed (no Go found) but nothing names the version to fetch.</summary>
    public static readonly DiagnosticDescriptor ProvisionNeedsVersion = new(
        "GOMIRROR1225",
        DiagnosticSeverity.Error,
        "No Go found and no version to provision",
        "Set GoMirrorGoVersion (Cake GoVersion, CLI --go-version) to the Go to fetch through the mirror (for example 1.23.5), give each component a 'toolchain' or 'go' line, or point GoExecutable at an installed go.");

    /// <summary>The toolchain was stored but its tree cannot be made runnable (execute bits, src/go.mod).</summary>
    public static readonly DiagnosticDescriptor TreeNotRunnable = new(
        "GOMIRROR1226",
        DiagnosticSeverity.Error,
        "Toolchain tree cannot be made runnable",
        "Check that the module cache is writable by the build's user; 'go clean -modcache' removes a damaged tree.");
}
