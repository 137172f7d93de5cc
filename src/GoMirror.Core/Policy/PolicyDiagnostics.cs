using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Policy;

/// <summary>Diagnostic codes of the mirror policy (GOMIRROR0001–0099).</summary>
public static class PolicyDiagnostics
{
    /// <summary>A GOPROXY value that Go would reject.</summary>
    public static readonly DiagnosticDescriptor MalformedProxyList = new(
        "GOMIRROR0001",
        DiagnosticSeverity.Error,
        "GOPROXY is malformed",
        "Write GOPROXY as a list of proxy URLs, 'direct' or 'off', separated by ',' (fall back on 404/410) or '|' (fall back on any error).");

    /// <summary>A proxy entry with a scheme Go does not accept.</summary>
    public static readonly DiagnosticDescriptor UnsupportedProxyScheme = new(
        "GOMIRROR0002",
        DiagnosticSeverity.Error,
        "GOPROXY entry uses a scheme Go does not support",
        "Use https://, http:// (only for a proxy you trust on a trusted network) or file:///absolute/path.");
}
