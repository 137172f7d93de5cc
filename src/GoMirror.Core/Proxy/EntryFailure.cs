namespace GoMirror.Core.Proxy;

/// <summary>Why one GOPROXY entry did not serve a resource.</summary>
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
    InvalidInfo,
    RedirectRefused,
    InvalidProxyUrl,
    Disabled,
}

/// <summary>One entry's failure: its kind, the status when there was one, Go-style text (already redacted),
/// and the server's Retry-After when it sent one.</summary>
internal sealed record EntryFailure(FailureKind Kind, int? StatusCode, string Text, TimeSpan? RetryAfter = null)
{
    /// <summary>Go's <c>errors.Is(err, fs.ErrNotExist)</c>: 404/410, and GOPROXY=off.</summary>
    public bool IsNotExist => Kind is FailureKind.NotFound or FailureKind.Disabled;

    /// <summary>Worth another request to the same entry: the cause is likely to pass.</summary>
    public bool IsTransient => Kind is FailureKind.ServerError or FailureKind.RateLimited or FailureKind.Unreachable or FailureKind.Truncated;

    public static EntryFailure FromStatus(int status, string text, TimeSpan? retryAfter) => status switch
    {
        404 or 410 => new(FailureKind.NotFound, status, text),
        429 => new(FailureKind.RateLimited, status, text, retryAfter),
        401 or 403 => new(FailureKind.AccessDenied, status, text),
        >= 500 and <= 599 => new(FailureKind.ServerError, status, text, retryAfter),
        _ => new(FailureKind.UnexpectedStatus, status, text),
    };
}
