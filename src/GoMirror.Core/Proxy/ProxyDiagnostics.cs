using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Proxy;

/// <summary>Diagnostic codes of the GOPROXY client (GOMIRROR0400–0499).</summary>
internal static class ProxyDiagnostics
{
    /// <summary>Every proxy that was tried answered 404 or 410 for the module version.</summary>
    public static readonly DiagnosticDescriptor ModuleNotFound = new(
        "GOMIRROR0400",
        DiagnosticSeverity.Error,
        "Module version not found on any proxy",
        "Check that the module path and version in go.mod/go.sum exist; add a proxy that serves them to GOPROXY, or mark private modules with GOPRIVATE so the go command fetches them directly.");

    /// <summary>A proxy answered with a 5xx status, after the configured retries.</summary>
    public static readonly DiagnosticDescriptor ProxyServerError = new(
        "GOMIRROR0401",
        DiagnosticSeverity.Error,
        "Proxy answered with a server error",
        "Fix or replace the proxy. A ',' after a proxy falls back only on 404/410, as Go does: write '|' after it to fall back to the next entry on server errors and timeouts.");

    /// <summary>A proxy kept answering 429 Too Many Requests.</summary>
    public static readonly DiagnosticDescriptor ProxyRateLimited = new(
        "GOMIRROR0402",
        DiagnosticSeverity.Error,
        "Proxy kept answering 429 Too Many Requests",
        "Lower the pre-warm concurrency, raise the retry count or Retry-After cap, or ask the proxy operator for a higher limit; write '|' after the proxy to fall back to the next entry.");

    /// <summary>A proxy refused access: 401 or 403 over plain http, or a file:// proxy file that cannot be read
    /// (over https a 401/403 is <see cref="Auth.AuthDiagnostics.CredentialRejected"/> or <see cref="Auth.AuthDiagnostics.CredentialMissing"/>).</summary>
    public static readonly DiagnosticDescriptor ProxyAccessDenied = new(
        "GOMIRROR0403",
        DiagnosticSeverity.Error,
        "Proxy refused access",
        "For a file:// proxy, make the folder readable by the build user. A plain http:// proxy never gets a credential (Go sends them only over https); over https a 401/403 is GOMIRROR1020 or GOMIRROR1021, which say which credential source was asked.");

    /// <summary>A proxy answered with a status that is neither 200 nor one with its own code.</summary>
    public static readonly DiagnosticDescriptor ProxyUnexpectedStatus = new(
        "GOMIRROR0404",
        DiagnosticSeverity.Error,
        "Proxy answered with an unexpected status",
        "Check that the GOPROXY entry points at the root of a module proxy (the URL the go command would use); only 200 is success and only 404/410 mean 'not found'.");

    /// <summary>A proxy could not be reached, or did not answer within the request timeout.</summary>
    public static readonly DiagnosticDescriptor ProxyUnreachable = new(
        "GOMIRROR0405",
        DiagnosticSeverity.Error,
        "Proxy could not be reached or timed out",
        "Check the proxy host name, the network, HTTPS_PROXY/NO_PROXY, and the request timeout; write '|' after the proxy to fall back to the next entry on such errors.");

    /// <summary>A response ended before its declared length, or the connection was cut.</summary>
    public static readonly DiagnosticDescriptor ProxyResponseTruncated = new(
        "GOMIRROR0406",
        DiagnosticSeverity.Error,
        "Proxy response was cut short",
        "The proxy or a middlebox closed the connection before the whole file arrived; retry, check proxy and network health, or raise the retry count. Nothing partial was kept.");

    /// <summary>A response exceeded the size Go accepts (500 MiB for a module zip).</summary>
    public static readonly DiagnosticDescriptor ProxyResponseTooLarge = new(
        "GOMIRROR0407",
        DiagnosticSeverity.Error,
        "Proxy response is larger than Go accepts",
        "Go rejects module zips over 500 MiB ('downloaded zip file too large'); the proxy serves a wrong or corrupt file, or the module cannot be used through a proxy.");

    /// <summary>A <c>.info</c> response is not valid JSON or names another version than the one requested.</summary>
    public static readonly DiagnosticDescriptor ProxyInvalidInfo = new(
        "GOMIRROR0408",
        DiagnosticSeverity.Error,
        "Proxy returned an invalid .info",
        "The proxy must answer @v/<version>.info with JSON whose Version is exactly the requested canonical version; fix or replace the proxy.");

    /// <summary>The lookup reached <c>off</c> in GOPROXY.</summary>
    public static readonly DiagnosticDescriptor LookupDisabled = new(
        "GOMIRROR0409",
        DiagnosticSeverity.Error,
        "Module lookup disabled by GOPROXY=off",
        "Add a proxy before 'off' in GOPROXY, or pre-populate the module cache; with GOPROXY=off the go command downloads nothing either.");

    /// <summary>The lookup reached <c>direct</c>: GoMirror does not fetch from version control itself.</summary>
    public static readonly DiagnosticDescriptor LeftToGoCommand = new(
        "GOMIRROR0410",
        DiagnosticSeverity.Info,
        "Fetch left to the go command (direct)",
        "Nothing to fix: 'direct' in GOPROXY means version control, which the go command handles during 'go mod download'. Add a proxy before 'direct' to pre-warm this module.");

    /// <summary>The module path or version cannot be turned into a proxy request.</summary>
    public static readonly DiagnosticDescriptor InvalidModuleRequest = new(
        "GOMIRROR0411",
        DiagnosticSeverity.Error,
        "Module path or version cannot be requested from a proxy",
        "Fix the module path or version in go.mod/go.sum: Go does not allow '!' or empty paths and versions.");

    /// <summary>A GOPROXY entry the client cannot use as a proxy base URL.</summary>
    public static readonly DiagnosticDescriptor InvalidProxyUrl = new(
        "GOMIRROR0412",
        DiagnosticSeverity.Error,
        "GOPROXY entry is not a usable proxy URL",
        "Use https://host/path, http://host/path (trusted networks only, and never with credentials: Go refuses to send them over plain HTTP) or file:///absolute/path (a file: URL may contain only a path).");

    /// <summary>A redirect that Go would refuse: from https to plain http, or more than 10 redirects.</summary>
    public static readonly DiagnosticDescriptor ProxyRedirectRefused = new(
        "GOMIRROR0413",
        DiagnosticSeverity.Error,
        "Proxy redirect refused",
        "Make the proxy redirect to https URLs only, in at most 10 steps; Go refuses redirects from https to http.");

    /// <summary>A mirror's circuit breaker opened: it failed too often in a row and is skipped for the rest of the
    /// run. Logged once per mirror.</summary>
    public static readonly DiagnosticDescriptor ProxyCircuitOpened = new(
        "GOMIRROR0414",
        DiagnosticSeverity.Warning,
        "Proxy skipped for the rest of the run after repeated failures",
        "Fix or remove the mirror. After '|' the next entry serves in its place; after ',' every request it would have answered fails, as Go fails at such an error. Each failure the request meets is reported with its own code, with '(proxy skipped ...)' after the first; GoMirrorConnectTimeout and GoMirrorFirstByteTimeout bound how long each failure takes.");

    /// <summary>No connection to the proxy could be set up (TCP, TLS) within the connect timeout.</summary>
    public static readonly DiagnosticDescriptor ProxyConnectTimeout = new(
        "GOMIRROR0415",
        DiagnosticSeverity.Error,
        "Proxy connection timed out",
        "Check the proxy host, the network and HTTPS_PROXY/NO_PROXY; raise GoMirrorConnectTimeout for a slow link; write '|' after the proxy to fall back to the next entry.");

    /// <summary>The proxy accepted the request but sent no response headers within the first-byte timeout.</summary>
    public static readonly DiagnosticDescriptor ProxyFirstByteTimeout = new(
        "GOMIRROR0416",
        DiagnosticSeverity.Error,
        "Proxy did not answer in time",
        "The proxy accepts connections but does not answer: fix or replace it, raise GoMirrorFirstByteTimeout if it is only slow (a cache miss on a large module), or write '|' after it so the next entry is asked too.");

    /// <summary>A response body stopped arriving for longer than the idle timeout.</summary>
    public static readonly DiagnosticDescriptor ProxyBodyStalled = new(
        "GOMIRROR0417",
        DiagnosticSeverity.Error,
        "Proxy response stalled",
        "The body stopped arriving mid-way; nothing partial was kept. Check the proxy and the network; raise GoMirrorIdleTimeout for a link with long pauses (a slow but steady download is never cut off).");

    /// <summary>Requests to a mirror were also sent to the next '|' entry because it had not answered within its
    /// observed p95 (or the default hedge delay). Logged once per mirror, with the counts.</summary>
    public static readonly DiagnosticDescriptor ProxyHedged = new(
        "GOMIRROR0418",
        DiagnosticSeverity.Info,
        "Slow proxy requests were hedged to the next entry",
        "Nothing to fix when it is rare. When the next entry often answers first, put it first in GOPROXY (gomirror probe ranks mirrors).");

    /// <summary>A proxy timeout setting is negative.</summary>
    public static readonly DiagnosticDescriptor InvalidProxyTimeout = new(
        "GOMIRROR0419",
        DiagnosticSeverity.Error,
        "Proxy timeout setting is out of range",
        "Set GoMirrorConnectTimeout, GoMirrorFirstByteTimeout and GoMirrorIdleTimeout to a whole number of seconds, at least 1, or leave them unset (0) for the defaults.");
}
