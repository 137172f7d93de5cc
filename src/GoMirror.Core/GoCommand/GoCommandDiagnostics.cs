using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.GoCommand;

/// <summary>Diagnostic codes of locating and running the <c>go</c> command (GOMIRROR0300–0399).</summary>
internal static class GoCommandDiagnostics
{
    /// <summary>No <c>go</c> executable in any place searched.</summary>
    public static readonly DiagnosticDescriptor GoNotFound = new(
        "GOMIRROR0300",
        DiagnosticSeverity.Error,
        "The Go toolchain was not found",
        "Install Go (https://go.dev/dl/, or your package manager: apt-get install golang-go, brew install go, winget install GoLang.Go), or point at it: MSBuild property GoExecutable, Cake setting ToolPath, or the GOROOT environment variable.");

    /// <summary>An explicitly configured Go path that is not a <c>go</c> executable.</summary>
    public static readonly DiagnosticDescriptor ConfiguredGoPathInvalid = new(
        "GOMIRROR0301",
        DiagnosticSeverity.Error,
        "The configured Go path is not a go executable",
        "Set GoExecutable (MSBuild) or ToolPath (Cake) to the go executable itself, to its bin folder, or to GOROOT; or remove the setting to search GOROOT and PATH.");

    /// <summary><c>go version</c> could not be run or its output not read.</summary>
    public static readonly DiagnosticDescriptor GoVersionUnreadable = new(
        "GOMIRROR0302",
        DiagnosticSeverity.Error,
        "The Go toolchain did not report a version",
        "Check that the executable is a working Go toolchain: run '<path> version' by hand; reinstall Go if it fails.");

    /// <summary>The environment given for a go command lacks a variable it needs.</summary>
    public static readonly DiagnosticDescriptor EnvironmentIncomplete = new(
        "GOMIRROR0303",
        DiagnosticSeverity.Error,
        "The go command environment lacks GOMODCACHE or GOPATH",
        "Give GOMODCACHE and GOPATH as absolute paths in the mirror policy, so every build uses the cache it was pre-warmed into.");

    /// <summary>A go command ran longer than its time limit and was stopped.</summary>
    public static readonly DiagnosticDescriptor CommandTimedOut = new(
        "GOMIRROR0304",
        DiagnosticSeverity.Error,
        "The go command timed out",
        "Check that every GOPROXY entry answers (a proxy that accepts connections but never replies stalls Go), separate entries with '|' to fall through on errors, or raise the timeout.");

    /// <summary>A go command failed in a way no more specific code describes.</summary>
    public static readonly DiagnosticDescriptor CommandFailed = new(
        "GOMIRROR0305",
        DiagnosticSeverity.Error,
        "The go command failed",
        "Read Go's message below; rerun the printed command line by hand to reproduce it.");

    /// <summary>A download does not match the hash recorded in go.sum or the checksum database.</summary>
    public static readonly DiagnosticDescriptor ChecksumMismatch = new(
        "GOMIRROR0306",
        DiagnosticSeverity.Error,
        "Checksum mismatch: a downloaded module differs from the recorded hash",
        "Do not delete the go.sum line to make the error go away. Find out why the mirror serves different bytes (a re-tagged version, a mirror that rebuilt the zip, tampering). If the go.sum line is known to be wrong, remove it and run 'go mod download' against a trusted proxy with the checksum database on.");

    /// <summary>A module was needed but GOPROXY=off forbids looking it up.</summary>
    public static readonly DiagnosticDescriptor ModuleLookupDisabled = new(
        "GOMIRROR0307",
        DiagnosticSeverity.Error,
        "Module lookup is disabled by GOPROXY=off and the module is not in the cache",
        "Pre-warm the module cache first (GoMirrorPrewarm target or Cake alias) with a policy that allows a proxy, or use a policy profile whose GOPROXY lists a reachable mirror.");

    /// <summary>No proxy in GOPROXY has the module version.</summary>
    public static readonly DiagnosticDescriptor ModuleNotFound = new(
        "GOMIRROR0308",
        DiagnosticSeverity.Error,
        "The module version was not found on the configured proxies",
        "Check the module path and version in go.mod; check that the mirror carries it (private modules need a proxy that can reach them, listed in GOPROXY, or GOPRIVATE/GONOPROXY for direct access).");

    /// <summary>The checksum database does not know the module (410 Gone / 404): usually a private module.</summary>
    public static readonly DiagnosticDescriptor ChecksumDatabaseLookupFailed = new(
        "GOMIRROR0309",
        DiagnosticSeverity.Error,
        "The checksum database has no record of the module",
        "A private module is not in the public checksum database: add its path pattern to GOPRIVATE (or GONOSUMDB, to keep using the proxy), for example GOPRIVATE=git.corp.example/*. Never set GOSUMDB=off for public modules.");

    /// <summary>go.mod (or go.work) cannot be parsed.</summary>
    public static readonly DiagnosticDescriptor MalformedGoMod = new(
        "GOMIRROR0310",
        DiagnosticSeverity.Error,
        "go.mod is malformed",
        "Correct the go.mod line named in the message ('go mod edit -fmt' shows Go's reading of it).");

    /// <summary>A proxy or checksum database could not be reached over the network.</summary>
    public static readonly DiagnosticDescriptor ProxyUnreachable = new(
        "GOMIRROR0311",
        DiagnosticSeverity.Error,
        "A proxy or checksum database could not be reached",
        "Check the host in GOPROXY/GOSUMDB, the network, and HTTPS_PROXY/NO_PROXY (pass them through to Go when your network needs them). Separate GOPROXY entries with '|' to fall through to the next one on network errors.");

    /// <summary>The go command printed JSON that could not be read.</summary>
    public static readonly DiagnosticDescriptor OutputUnreadable = new(
        "GOMIRROR0312",
        DiagnosticSeverity.Error,
        "The go command's JSON output could not be read",
        "Rerun the printed command line by hand; if Go itself prints valid JSON, report the output to GoMirror.Build.");

    /// <summary>The go command could not be started at all.</summary>
    public static readonly DiagnosticDescriptor CommandStartFailed = new(
        "GOMIRROR0313",
        DiagnosticSeverity.Error,
        "The go command could not be started",
        "Check that the Go executable exists, is executable by the build user, and that the module folder exists.");

    /// <summary>Go refuses to send the credentials of a plain-http proxy URL.</summary>
    public static readonly DiagnosticDescriptor CredentialsOverHttp = new(
        "GOMIRROR0314",
        DiagnosticSeverity.Error,
        "Go refuses to send proxy credentials over plain http",
        "Use an https:// URL for a proxy that needs credentials, or remove the credentials from the http:// URL.");

    /// <summary>The go line asks for a newer Go than the toolchain GOTOOLCHAIN allows (local: the Go found), so the go
    /// command would fail ("go.mod requires go >= ...").</summary>
    public static readonly DiagnosticDescriptor GoLineNewerThanToolchain = new(
        "GOMIRROR0315",
        DiagnosticSeverity.Error,
        "The go line needs a newer Go than GOTOOLCHAIN lets run",
        "Install a Go at least as new as the go line and point GoExecutable at it, or let Go switch: GOTOOLCHAIN=auto (fetched through the mirror) or path (a goX.Y.Z on PATH), via GoMirrorToolchain, Cake Toolchain or --toolchain.");

    /// <summary><c>go env GOVERSION</c> in a component's folder failed or printed no version.</summary>
    public static readonly DiagnosticDescriptor GoVersionQueryFailed = new(
        "GOMIRROR0316",
        DiagnosticSeverity.Error,
        "go env GOVERSION failed in the component's folder",
        "Run 'go env GOVERSION' in the component's folder with the same GOTOOLCHAIN, GOPROXY and GOSUMDB: a switch that cannot fetch its toolchain fails here first (see the message for Go's words).");

    /// <summary>The Go that ran is not the one the prediction named.</summary>
    public static readonly DiagnosticDescriptor ToolchainDiffersFromPrediction = new(
        "GOMIRROR0317",
        DiagnosticSeverity.Warning,
        "The Go that ran is not the toolchain GoMirror predicted",
        "The report names the Go that ran (go env GOVERSION). Report the go.mod, go.work and GOTOOLCHAIN to GoMirror.Build: the prediction follows Go's select.go and should agree.");
}
