namespace GoMirror.Core.Web;

/// <summary>Why a fetch did not deliver a resource. The transport sets the first fifteen (a 401/403 over https
/// becomes <see cref="CredentialRejected"/> or <see cref="CredentialMissing"/>, saying which source was asked); the GOPROXY list walk
/// adds <see cref="InvalidInfo"/>, <see cref="InvalidProxyUrl"/> and <see cref="Disabled"/>.</summary>
internal enum FailureKind
{
    NotFound,
    ServerError,
    RateLimited,
    AccessDenied,
    CredentialRejected,
    CredentialMissing,
    UnexpectedStatus,
    Unreachable,
    ConnectTimeout,
    FirstByteTimeout,
    BodyStalled,
    Truncated,
    TooLarge,
    RedirectRefused,
    InvalidInfo,
    InvalidProxyUrl,
    Disabled,
}

/// <summary>One failure: its kind, the status when there was one, Go-style text (already redacted), and the
/// server's Retry-After when it sent one. <paramref name="Skipped"/> marks a request its mirror's open circuit
/// breaker stopped: it carries the kind of the failure that opened it, so Go's fallback rule treats it alike.</summary>
internal sealed record FetchFailure(FailureKind Kind, int? StatusCode, string Text, TimeSpan? RetryAfter = null, bool Skipped = false)
{
    /// <summary>Go's <c>errors.Is(err, fs.ErrNotExist)</c>: 404/410, and GOPROXY=off.</summary>
    public bool IsNotExist => Kind is FailureKind.NotFound or FailureKind.Disabled;

    /// <summary>Worth another request to the same URL: the cause is likely to pass.</summary>
    public bool IsTransient => Kind is FailureKind.ServerError or FailureKind.RateLimited or FailureKind.Unreachable or FailureKind.Truncated or FailureKind.ConnectTimeout or FailureKind.FirstByteTimeout or FailureKind.BodyStalled;

    /// <summary>A sign the mirror itself is broken (a timeout, a connection error, a cut-off body, a 5xx), which its
    /// circuit breaker counts; a 404, a 429 or a refused credential is an answer, not a breakdown.</summary>
    public bool IsBreakdown => Kind is FailureKind.ServerError or FailureKind.Unreachable or FailureKind.Truncated or FailureKind.ConnectTimeout or FailureKind.FirstByteTimeout or FailureKind.BodyStalled;

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
