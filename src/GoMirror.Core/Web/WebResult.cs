using System.Net.Http.Headers;

namespace GoMirror.Core.Web;

/// <summary>One GET: the URL and the credentials that may go with it. The transport sends
/// <paramref name="Authorization"/> only to <paramref name="Url"/>'s own origin (scheme, host, port), never over
/// plain http and never after a redirect to another origin.</summary>
/// <param name="Url">The absolute http(s) URL, without user-info.</param>
/// <param name="Authorization">The Authorization header for the URL's origin; null for none.</param>
internal sealed record WebRequest(Uri Url, AuthenticationHeaderValue? Authorization = null);

/// <summary>What a GET (with its retries) or a file read came to.</summary>
/// <param name="Failure">Null when the body arrived whole into the sink.</param>
/// <param name="StatusCode">The last HTTP status (200 for a file read), null when there was none.</param>
/// <param name="Bytes">The body's length on success, else 0.</param>
/// <param name="Requests">How many attempts were made (1 plus the retries).</param>
internal sealed record WebResult(FetchFailure? Failure, int? StatusCode, long Bytes, int Requests = 1)
{
    /// <summary>A body that arrived whole.</summary>
    public static WebResult Received(long bytes) => new(null, 200, bytes);

    /// <summary>An attempt that failed.</summary>
    public static WebResult Failed(FetchFailure failure) => new(failure, failure.StatusCode, 0);
}
