using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.SumDb;

/// <summary>Diagnostic codes of the checksum database client (GOMIRROR0900–0949).</summary>
internal static class SumDbDiagnostics
{
    /// <summary>The checksum database (or the proxy that serves it) could not be reached or answered an error.</summary>
    public static readonly DiagnosticDescriptor Unreachable = new(
        "GOMIRROR0900",
        DiagnosticSeverity.Error,
        "Checksum database is unreachable",
        "Use a GOPROXY mirror that proxies the checksum database (it answers <proxy>/sumdb/<name>/supported), or, for private module paths only, list them in GONOSUMDB or GOPRIVATE. Never set GOSUMDB=off to get past this.");

    /// <summary>The database answered 404 or 410 for a module version: it has no record of it.</summary>
    public static readonly DiagnosticDescriptor NotFound = new(
        "GOMIRROR0901",
        DiagnosticSeverity.Error,
        "Checksum database has no record of the module version",
        "A private module is not in the public database (proxy.golang.org answers 410 Gone): list its path in GOPRIVATE (or GONOSUMDB). For a public module, check the path and version.");

    /// <summary>The downloaded .mod or zip does not hash to what the database says: SECURITY ERROR.</summary>
    public static readonly DiagnosticDescriptor ChecksumMismatch = new(
        "GOMIRROR0902",
        DiagnosticSeverity.Error,
        "SECURITY ERROR: download does not match the checksum database",
        "Do not work around this. The mirror served different bits than the rest of the world sees: report it to the mirror's operator and fetch from a trusted proxy. Nothing was written to the module cache.");

    /// <summary>Two signed tree heads of the database are inconsistent: the database forked its log.</summary>
    public static readonly DiagnosticDescriptor Misbehavior = new(
        "GOMIRROR0903",
        DiagnosticSeverity.Error,
        "SECURITY ERROR: checksum database misbehavior detected",
        "The database (or something between it and you) showed two versions of history. Keep the message (it holds both signed tree heads and the proof) and report it; do not delete the cached tree head to get past it.");

    /// <summary>A tree head carries a signature by the configured key that does not verify.</summary>
    public static readonly DiagnosticDescriptor BadSignature = new(
        "GOMIRROR0904",
        DiagnosticSeverity.Error,
        "Checksum database tree head has an invalid signature",
        "The answer was altered on its way or signed by an impostor: check which proxy serves /sumdb/ (the message names it) and use a trusted one.");

    /// <summary>A tree head is not signed by the key GOSUMDB names.</summary>
    public static readonly DiagnosticDescriptor UnknownKey = new(
        "GOMIRROR0905",
        DiagnosticSeverity.Error,
        "Checksum database tree head is not signed by the configured key",
        "Check that GOSUMDB's key (name+hash+key) is the key of the database the URL or proxy serves.");

    /// <summary>A record or tile cannot be authenticated against the signed tree head.</summary>
    public static readonly DiagnosticDescriptor ProofFailed = new(
        "GOMIRROR0906",
        DiagnosticSeverity.Error,
        "Checksum database proof failed",
        "The record or tiles served do not belong to the signed tree: the server or a proxy in between is misbehaving. Use a trusted proxy for /sumdb/; nothing was cached.");

    /// <summary>A response of the database is not in its format.</summary>
    public static readonly DiagnosticDescriptor MalformedResponse = new(
        "GOMIRROR0907",
        DiagnosticSeverity.Error,
        "Checksum database response is malformed",
        "The URL answering for the database is not a checksum database (a login page, a proxy's error page): check GOSUMDB's URL and which proxy answers /sumdb/<name>/supported.");

    /// <summary>GOSUMDB or the cache location cannot be used by the client.</summary>
    public static readonly DiagnosticDescriptor InvalidConfiguration = new(
        "GOMIRROR0908",
        DiagnosticSeverity.Error,
        "Checksum database configuration is unusable",
        "Fix GOSUMDB (the policy check reports why as GOMIRROR0007/0008) and make sure GOPATH and GOMODCACHE are set.");

    /// <summary>A module version was not verified against go.sum or the database.</summary>
    public static readonly DiagnosticDescriptor Unverified = new(
        "GOMIRROR0909",
        DiagnosticSeverity.Warning,
        "Module version not verified against go.sum or the checksum database",
        "Run `go mod tidy` to record the version in go.sum, or let the pre-warm check it against the database (GOSUMDB on, the path not in GONOSUMDB). Set GoMirrorSumDbUnverifiedSeverity to make this an error.");

    /// <summary>The sumdb cache (under GOMODCACHE and GOPATH/pkg/sumdb) could not be read or written.</summary>
    public static readonly DiagnosticDescriptor CacheError = new(
        "GOMIRROR0910",
        DiagnosticSeverity.Error,
        "Checksum database cache cannot be read or written",
        "Check the permissions of $GOMODCACHE/cache/download/sumdb and $GOPATH/pkg/sumdb.");

    /// <summary>The database's record has no h1: line for the version.</summary>
    public static readonly DiagnosticDescriptor RecordIncomplete = new(
        "GOMIRROR0911",
        DiagnosticSeverity.Error,
        "Checksum database record has no hash for the module version",
        "The database answered a record without an h1: line for this version; GoMirror does not accept a module it could not verify. Report it to the database's operator.");

    /// <summary>The checksum database (or the proxy serving it) answered 401/403 to the credential that was sent.</summary>
    public static readonly DiagnosticDescriptor CredentialRejected = new(
        "GOMIRROR0912",
        DiagnosticSeverity.Error,
        "Checksum database refused the credential",
        "Renew or correct the credential where the message says it came from (the netrc machine of the database's or proxy's host, the GOAUTH command's output, the token variable, or the URL's user-info). The database is asked only about paths outside GONOSUMDB/GOPRIVATE; list private paths there instead of giving the public database a credential.");

    /// <summary>The checksum database (or the proxy serving it) answered 401/403 and no credential was sent.</summary>
    public static readonly DiagnosticDescriptor CredentialMissing = new(
        "GOMIRROR0913",
        DiagnosticSeverity.Error,
        "Checksum database needs a credential and none was sent",
        "Add 'machine <host[:port]> login <user> password <token>' for the host that serves the database (the proxy's host when it answers /sumdb/<name>/supported) to ~/.netrc or the file NETRC names, or set GOAUTH (GoMirrorAuth) to a command that prints it; credentials go only over https.");
}
