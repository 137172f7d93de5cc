namespace GoMirror.Core.Web;

/// <summary>Why a fetch did not deliver a resource. The transport sets the first ten; the GOPROXY list walk
/// adds <see cref="InvalidInfo"/>, <see cref="InvalidProxyUrl"/> and <see cref="Disabled"/>.</summary>
internal enum FailureKind
{
    NotFound,
    ServerError,
    RateLimited,
    AccessDenied,
    UnexpectedStatus,
    Unreachable,
    Truncated,
    TooLarge,
    RedirectRefused,
    InvalidInfo,
    InvalidProxyUrl,
    Disabled,
}

/// <summary>One failure: its kind, the status when there was one, Go-style text (already redacted), and the
/// server's Retry-After when it sent one.</summary>
internal sealed record FetchFailure(FailureKind Kind, int? StatusCode, string Text, TimeSpan? RetryAfter = null)
{
    /// <summary>Go's <c>errors.Is(err, fs.ErrNotExist)</c>: 404/410, and GOPROXY=off.</summary>
    public bool IsNotExist => Kind is FailureKind.NotFound or FailureKind.Disabled;

    /// <summary>Worth another request to the same URL: the cause is likely to pass.</summary>
    public bool IsTransient => Kind is FailureKind.ServerError or FailureKind.RateLimited or FailureKind.Unreachable or FailureKind.Truncated;

    /// <summary>The failure a non-200 status means (Go's web.Response.Err).</summary>
    public static FetchFailure FromStatus(int status, string text, TimeSpan? retryAfter) => status switch
    {
        404 or 410 => new(FailureKind.NotFound, status, text),
        429 => new(FailureKind.RateLimited, status, text, retryAfter),
        401 or 403 => new(FailureKind.AccessDenied, status, text),
        >= 500 and <= 599 => new(FailureKind.ServerError, status, text, retryAfter),
        _ => new(FailureKind.UnexpectedStatus, status, text),
    };
}
