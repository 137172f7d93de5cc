using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Core.SumDb;

namespace GoMirror.Core.Prewarm;

/// <summary>
/// The checksum database client of one pre-warm, wired as Go wires it: reached through the policy's proxies
/// (or GOSUMDB's URL) over the GOPROXY client's own transport (so the same credentials, TLS roots, redirect
/// rule and retries apply), caching where Go reads (<c>$GOMODCACHE/cache/download/sumdb</c>,
/// <c>$GOPATH/pkg/sumdb</c>), never asked about a GONOSUMDB/GOPRIVATE path.
/// </summary>
internal static class ChecksumDatabaseSession
{
    /// <summary>The verifier the pre-warmer asks; nothing is requested before the first lookup.</summary>
    public static ChecksumVerifier Open(GoMirrorPolicy policy, ChecksumDatabase database, bool verifyAll, GoProxyClient web) =>
        new(OpenClient(policy, database, web, path => !policy.UsesChecksumDatabase(path)), verifyAll);

    /// <summary>The client itself, with <paramref name="skip"/> naming the paths never looked up (the toolchain
    /// pre-warm skips none: GONOSUMDB does not exempt toolchains).</summary>
    public static SumDbClient OpenClient(GoMirrorPolicy policy, ChecksumDatabase database, GoProxyClient web, Func<string, bool> skip)
    {
        var transport = new SumDbTransport(web.Transport, web.Files, web.Options.MaxMetadataBytes);
        var endpoint = new SumDbEndpoint(database, policy.ProxyList, transport, policy.Redactor);
        var store = new GoSumDbCache(policy.ModCache.Value, policy.GoPath.Value);
        return new SumDbClient(NoteVerifier.Parse(database.VerifierKey), endpoint, store, skip);
    }
}
