namespace GoMirror.Core.Web;

/// <summary>
/// Hears each attempt of a request: when its response headers arrive and how it ended. The GOPROXY list walk
/// feeds a mirror's latency samples, hedging and circuit breaker from it; the transport only reports, it
/// decides nothing from it.
/// </summary>
internal interface IAttemptObserver
{
    /// <summary>The response headers (any status) arrived <paramref name="elapsed"/> after the attempt was sent.</summary>
    void Answered(TimeSpan elapsed);

    /// <summary>The attempt ended: whole (<paramref name="failure"/> null) or failed. Not called when it was cancelled.</summary>
    void Ended(FetchFailure? failure);
}
