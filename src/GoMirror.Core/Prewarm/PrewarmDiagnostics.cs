using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Prewarm;

/// <summary>Diagnostic codes of the module cache pre-warm (GOMIRROR0550–0574).</summary>
internal static class PrewarmDiagnostics
{
    /// <summary>A module matched by GONOPROXY (by default GOPRIVATE): no proxy is asked for it.</summary>
    public static readonly DiagnosticDescriptor PrivateModuleLeftToGo = new(
        "GOMIRROR0550",
        DiagnosticSeverity.Info,
        "Private module left to the go command",
        "Nothing to do if the module is private: the go command fetches it from version control. If it is public, remove it from GOPRIVATE/GONOPROXY so the pre-warm can fetch it through the proxy.");

    /// <summary>GOPROXY names no proxy for a module (<c>direct</c> or <c>off</c> first): nothing to pre-warm from.</summary>
    public static readonly DiagnosticDescriptor NoProxyToFetchFrom = new(
        "GOMIRROR0551",
        DiagnosticSeverity.Info,
        "No proxy to pre-warm from",
        "Put a module proxy before 'direct' in GOPROXY (for example 'https://proxy.golang.org,direct') to let the pre-warm fetch modules in parallel; with 'direct' alone the go command fetches them one by one from version control.");

    /// <summary>A module version go.mod requires has no go.sum line; the pre-warm does not guess its hash.</summary>
    public static readonly DiagnosticDescriptor MissingFromGoSum = new(
        "GOMIRROR0552",
        DiagnosticSeverity.Warning,
        "Required module missing from go.sum",
        "Run 'go mod tidy' (or 'go mod download M@V') in the component against a trusted proxy and commit go.sum, so every download is checked against a recorded hash.");

    /// <summary>Two components' go.sum files record different hashes for the same module version.</summary>
    public static readonly DiagnosticDescriptor GoSumFilesDisagree = new(
        "GOMIRROR0553",
        DiagnosticSeverity.Error,
        "go.sum files disagree about a module version",
        "A published module version has one hash. Find out which go.sum is wrong (fetch the version through a trusted proxy), then fix that line with 'go mod tidy'.");

    /// <summary>A go.sum line the pre-warm cannot use (a hash that is not <c>h1:</c>, a version that is not canonical).</summary>
    public static readonly DiagnosticDescriptor UnusableGoSumLine = new(
        "GOMIRROR0554",
        DiagnosticSeverity.Warning,
        "go.sum line cannot be used by the pre-warm",
        "Regenerate go.sum with 'go mod tidy'; Go writes only canonical versions with h1: hashes.");

    /// <summary>A Go component given to the engine has no go.mod.</summary>
    public static readonly DiagnosticDescriptor ComponentNotFound = new(
        "GOMIRROR0555",
        DiagnosticSeverity.Error,
        "Go component not found",
        "Point the GoModule item (or the Cake setting) at an existing go.mod file or at the folder that holds it.");
}
