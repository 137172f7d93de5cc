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
    /// <param name="policy">The policy.</param>
    /// <param name="database">GOSUMDB.</param>
    /// <param name="verifyAll">Check go.sum's own lines against the database too.</param>
    /// <param name="web">The GOPROXY client whose transport the database's requests share.</param>
    /// <param name="records">Given the database as the policy reaches it, the pulled module sets' records in front of
    /// it and what they are, for messages; null (or a null answer) to reach the database as the policy says.</param>
    public static ChecksumVerifier Open(
        GoMirrorPolicy policy, ChecksumDatabase database, bool verifyAll, GoProxyClient web, Func<ISumDbRemote, (ISumDbRemote Remote, string From)?>? records = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Func<string, bool> skip = path => !policy.UsesChecksumDatabase(path);
        var endpoint = Endpoint(policy, database, web);
        return records?.Invoke(endpoint) is { } sets
            ? new(new SumDbClient(NoteVerifier.Parse(database.VerifierKey), sets.Remote, Store(policy), skip), verifyAll, sets.From)
            : new(new SumDbClient(NoteVerifier.Parse(database.VerifierKey), endpoint, Store(policy), skip), verifyAll);
    }

    /// <summary>The client itself, with <paramref name="skip"/> naming the paths never looked up (the toolchain
    /// pre-warm skips none: GONOSUMDB does not exempt toolchains).</summary>
    public static SumDbClient OpenClient(GoMirrorPolicy policy, ChecksumDatabase database, GoProxyClient web, Func<string, bool> skip)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SumDbClient(NoteVerifier.Parse(database.VerifierKey), Endpoint(policy, database, web), Store(policy), skip);
    }

    // The database through the policy's proxies (or GOSUMDB's URL) on the GOPROXY client's transport.
    private static SumDbEndpoint Endpoint(GoMirrorPolicy policy, ChecksumDatabase database, GoProxyClient web) =>
        new(database, policy.ProxyList, new SumDbTransport(web.Transport, web.Files, web.Options.MaxMetadataBytes), policy.Redactor);

    /// <summary>Go's own sumdb storage under the policy's GOMODCACHE and GOPATH.</summary>
    public static GoSumDbCache Store(GoMirrorPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new GoSumDbCache(policy.ModCache.Value, policy.GoPath.Value);
    }
}
