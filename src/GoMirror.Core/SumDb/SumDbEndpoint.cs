using GoMirror.Core.Policy;
using GoMirror.Core.Security;
using GoMirror.Core.Web;

namespace GoMirror.Core.SumDb;

/// <summary>Reads paths of the checksum database from wherever it is reached (Go's <c>ClientOps.ReadRemote</c>).</summary>
internal interface ISumDbRemote
{
    /// <summary>Reads <paramref name="path"/> (<c>/lookup/...</c>, <c>/tile/...</c>) of the database.</summary>
    /// <exception cref="SumDbException">Not found (GOMIRROR0901) or unreachable (0900).</exception>
    Task<byte[]> ReadRemoteAsync(string path, CancellationToken cancellationToken);
}

/// <summary>
/// Where the checksum database is reached, chosen once as Go's <c>dbClient.initBase</c>
/// (cmd/go/internal/modfetch/sumdb.go) chooses it: the URL written in GOSUMDB when there is one; otherwise each
/// GOPROXY entry in order is asked for <c>&lt;proxy&gt;/sumdb/&lt;name&gt;/supported</c> — 200 means that proxy
/// serves the database, 404/410 move on (any error after a <c>|</c>), another error stops the walk — and
/// <c>direct</c>/<c>off</c> or the end of the list mean the database's own URL, <c>https://&lt;name&gt;</c>.
/// </summary>
internal sealed class SumDbEndpoint : ISumDbRemote
{
    private readonly ChecksumDatabase _database;
    private readonly IReadOnlyList<ProxyEntry> _proxies;
    private readonly SumDbTransport _transport;
    private readonly CredentialRedactor _redactor;
    private readonly SemaphoreSlim _resolving = new(1, 1);
    private Uri? _base;
    private SumDbException? _baseError;

    /// <summary>Creates the endpoint; nothing is requested before the first read.</summary>
    public SumDbEndpoint(ChecksumDatabase database, IReadOnlyList<ProxyEntry> proxies, SumDbTransport transport, CredentialRedactor? redactor = null)
    {
        if (database.IsOff)
        {
            throw new ArgumentException("GOSUMDB=off has no endpoint", nameof(database));
        }

        _database = database;
        _proxies = proxies;
        _transport = transport;
        _redactor = redactor ?? new CredentialRedactor();
    }

    /// <summary>The base URL in use (redact before showing), once a read has chosen it.</summary>
    public Uri? BaseUrl => _base;

    /// <summary>How the base was reached, for reports: the proxy URL or the database's own URL, redacted.</summary>
    public string? Describe() => _base is null ? null : Show(_base);

    /// <inheritdoc />
    public async Task<byte[]> ReadRemoteAsync(string path, CancellationToken cancellationToken)
    {
        var baseUrl = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        var url = Join(baseUrl, path);
        var response = await _transport.GetAsync(url, cancellationToken).ConfigureAwait(false);
        return response.Failure is null ? response.Body : throw Failure(url, response);
    }

    /// <summary>Chooses the base URL (once; later calls return the same answer or failure).</summary>
    public async Task<Uri> ResolveAsync(CancellationToken cancellationToken)
    {
        if (_base is { } known)
        {
            return known;
        }

        await _resolving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_base is null && _baseError is null)
            {
                (_base, _baseError) = await WalkAsync(cancellationToken).ConfigureAwait(false);
            }

            return _base ?? throw _baseError!;
        }
        finally
        {
            _resolving.Release();
        }
    }

    private async Task<(Uri?, SumDbException?)> WalkAsync(CancellationToken cancellationToken)
    {
        if (_database.Url is { } written)
        {
            return (written, null);
        }

        // Go's TryProxies: a direct/off entry is "not found" of the best rank, so the database's own URL wins
        // over an earlier proxy error; a proxy error outranks an earlier "not found".
        SumDbException? best = null;
        var bestIsDirect = false;
        foreach (var proxy in _proxies)
        {
            if (proxy.Kind != ProxyEntryKind.Url)
            {
                best = null;
                bestIsDirect = true;
                continue;
            }

            var supported = Join(proxy.Url!, "sumdb/" + _database.Name + "/supported");
            var response = await _transport.GetAsync(supported, cancellationToken).ConfigureAwait(false);
            if (response.Failure is null)
            {
                return (Join(proxy.Url!, "sumdb/" + _database.Name), null);
            }

            if (!bestIsDirect && !response.IsNotFound)
            {
                best = Failure(supported, response);
            }

            if (!proxy.FallBackOnAnyError && !response.IsNotFound)
            {
                break;
            }
        }

        return best is null ? (_database.DirectUrl!, null) : (null, best);
    }

    // The transport's text already says what happened in Go's words (status, server response, which credential
    // source was asked); the code says what it means for the checksum database.
    private SumDbException Failure(Uri url, SumDbResponse response)
    {
        var failure = response.Failure!;
        var text = failure.Kind == FailureKind.InvalidProxyUrl ? $"reading {Show(url)}: {failure.Text}" : failure.Text;
        var descriptor = failure.Kind switch
        {
            FailureKind.NotFound => SumDbDiagnostics.NotFound,
            FailureKind.CredentialRejected => SumDbDiagnostics.CredentialRejected,
            FailureKind.CredentialMissing => SumDbDiagnostics.CredentialMissing,
            _ => SumDbDiagnostics.Unreachable,
        };
        return new SumDbException(descriptor, text);
    }

    private string Show(Uri url) => _redactor.Redact(CredentialRedactor.RedactText(url.OriginalString));

    // Go's web.Join: the path is appended to the base URL's path with exactly one slash between.
    private static Uri Join(Uri baseUrl, string path)
    {
        var text = baseUrl.OriginalString.TrimEnd('/');
        return new Uri(text + "/" + path.TrimStart('/'));
    }
}
