using GoMirror.Core.Proxy;
using GoMirror.Core.Web;

namespace GoMirror.Core.SumDb;

/// <summary>
/// The checksum database's GETs on the engine's shared <see cref="HttpTransport"/> (and <see cref="FileReader"/>
/// for <c>file://</c>), as Go sends them through cmd/go/internal/web: the same pool and TLS roots, the same
/// netrc/GOAUTH/token credentials per https request, the same redirect rule (no credential to another origin,
/// never https to http), the same retries. User-info in a GOSUMDB or GOPROXY URL becomes Basic auth for that
/// URL's own origin, and is refused over plain http, as Go refuses it.
/// </summary>
internal sealed class SumDbTransport(HttpTransport http, FileReader files, long maxBytes)
{
    /// <summary>Gets <paramref name="url"/>. A failure (no connection, a status other than 200, a refused
    /// credential) comes back in <see cref="SumDbResponse.Failure"/>; only cancellation throws.</summary>
    public async Task<SumDbResponse> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (ProxyTarget.TryCreate(url, out var refused) is not { } target)
        {
            return new SumDbResponse(null, [], new FetchFailure(FailureKind.InvalidProxyUrl, null, refused!));
        }

        using var buffer = new MemoryStream();
        var sink = new BodySink(buffer, maxBytes);
        var result = target.LocalRoot is { } path
            ? await files.ReadAsync(path, url.OriginalString, sink, cancellationToken).ConfigureAwait(false)
            : await http.GetAsync(new WebRequest(url.UserInfo.Length == 0 ? url : target.BaseUri!, target.Authorization), sink, cancellationToken).ConfigureAwait(false);
        return result.Failure is { } failure
            ? new SumDbResponse(failure.StatusCode, [], failure)
            : new SumDbResponse(200, sink.ToArray(), null);
    }
}

/// <summary>The answer to one GET of the checksum database.</summary>
/// <param name="StatusCode">The HTTP status (200 for a file that was read), null when there was no answer.</param>
/// <param name="Body">The body of a 200.</param>
/// <param name="Failure">Why there is no body, already in Go's words and redacted; null on success.</param>
internal sealed record SumDbResponse(int? StatusCode, byte[] Body, FetchFailure? Failure)
{
    /// <summary>True for 404 and 410 (and a missing file), which Go's proxy protocol reads as "not here".</summary>
    public bool IsNotFound => Failure?.IsNotExist == true;
}
