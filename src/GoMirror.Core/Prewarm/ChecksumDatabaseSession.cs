using GoMirror.Core.Policy;
using GoMirror.Core.SumDb;

namespace GoMirror.Core.Prewarm;

/// <summary>
/// The checksum database client of one pre-warm, wired as Go wires it: reached through the policy's proxies
/// (or GOSUMDB's URL), caching where Go reads (<c>$GOMODCACHE/cache/download/sumdb</c>, <c>$GOPATH/pkg/sumdb</c>),
/// never asked about a GONOSUMDB/GOPRIVATE path.
/// </summary>
internal sealed class ChecksumDatabaseSession : IDisposable
{
    private readonly HttpSumDbTransport _transport;

    private ChecksumDatabaseSession(HttpSumDbTransport transport, ChecksumVerifier verifier)
    {
        _transport = transport;
        Verifier = verifier;
    }

    /// <summary>The verifier the pre-warmer asks.</summary>
    public ChecksumVerifier Verifier { get; }

    /// <summary>Opens the session; nothing is requested before the first lookup.</summary>
    public static ChecksumDatabaseSession Open(GoMirrorPolicy policy, ChecksumDatabase database, bool verifyAll)
    {
        var transport = new HttpSumDbTransport();
        var endpoint = new SumDbEndpoint(database, policy.ProxyList, transport, policy.Redactor);
        var store = new GoSumDbCache(policy.ModCache.Value, policy.GoPath.Value);
        var client = new SumDbClient(NoteVerifier.Parse(database.VerifierKey), endpoint, store, path => !policy.UsesChecksumDatabase(path));
        return new ChecksumDatabaseSession(transport, new ChecksumVerifier(client, verifyAll));
    }

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();
}
