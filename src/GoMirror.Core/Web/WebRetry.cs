using GoMirror.Core.Proxy;

namespace GoMirror.Core.Web;

/// <summary>
/// Retries of one URL after a transient failure (connection error, timeout, cut-off body, 429, 5xx), with
/// exponential backoff and jitter, honouring a Retry-After up to a cap. Only then does the caller's own rule
/// (GOPROXY fallback) apply.
/// </summary>
internal sealed class WebRetry(GoProxyClientOptions options)
{
    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or the retries are spent.
    /// The sink is reset before each attempt; <paramref name="observer"/> hears how each one ended.</summary>
    public async Task<WebResult> RunAsync(BodySink sink, Func<CancellationToken, Task<WebResult>> attempt, IAttemptObserver? observer, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            sink.Reset();
            var once = await attempt(cancellationToken).ConfigureAwait(false);
            var failure = once.Failure;
            observer?.Ended(failure);
            if (failure is null)
            {
                return once with { Requests = retry + 1 };
            }

            if (!failure.IsTransient || retry >= options.MaxRetries)
            {
                return once with { Bytes = 0, Requests = retry + 1 };
            }

            TimeSpan delay;
            if (failure.RetryAfter is { } retryAfter)
            {
                if (retryAfter > options.RetryAfterCap)
                {
                    var capped = failure with { Text = failure.Text + $" (Retry-After {retryAfter.TotalSeconds:0.#}s exceeds the {options.RetryAfterCap.TotalSeconds:0.#}s cap; not retried)" };
                    return once with { Failure = capped, Bytes = 0, Requests = retry + 1 };
                }

                delay = retryAfter;
            }
            else
            {
                delay = Backoff(retry);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int retry)
    {
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, retry);
        var bounded = Math.Min(exponential, options.RetryMaxDelay.TotalMilliseconds);

        // Jitter spreads the retries of many parallel downloads so they do not hit the proxy in lockstep.
        return TimeSpan.FromMilliseconds(bounded * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }
}
