using System.Globalization;
using GoMirror.Core.Web;

namespace GoMirror.Core.Proxy;

/// <summary>
/// What a run has learnt about one mirror: how fast it answers (the p95 of its recent response times, which
/// decides when a request to it is hedged) and whether it is broken (a circuit breaker that opens after
/// <see cref="GoProxyClientOptions.BreakerThreshold"/> breakdowns in a row and stays open for the rest of the run).
/// Thread-safe: every request to the mirror reports here.
/// </summary>
internal sealed class MirrorHealth
{
    private const int Window = 128;

    private readonly GoProxyClientOptions _options;
    private readonly Lock _gate = new();
    private readonly double[] _samples = new double[Window];
    private readonly CancellationTokenSource _opened = new();
    private int _sampleCount;
    private int _consecutive;
    private int _hedged;
    private int _hedgesLost;

    public MirrorHealth(string name, GoProxyClientOptions options)
    {
        Name = name;
        _options = options;
    }

    /// <summary>The mirror as messages show it (credentials masked).</summary>
    public string Name { get; }

    /// <summary>True once the breaker opened: the mirror is skipped for the rest of the run.</summary>
    public bool IsOpen => _opened.IsCancellationRequested;

    /// <summary>Cancelled when the breaker opens, so requests still waiting on the mirror stop at once.</summary>
    public CancellationToken Opened => _opened.Token;

    /// <summary>The breakdown that opened the breaker, or null while it is closed.</summary>
    public FetchFailure? OpenedBy { get; private set; }

    /// <summary>Requests hedged to the next entry, and how many of those the next entry won.</summary>
    public (int Hedged, int Lost) Hedges
    {
        get
        {
            lock (_gate)
            {
                return (_hedged, _hedgesLost);
            }
        }
    }

    /// <summary>How long a request waits for this mirror's answer before the next '|' entry is asked too: its
    /// p95 once it has enough answers, else the configured default; never under the minimum, never past the
    /// first-byte timeout.</summary>
    public TimeSpan HedgeDelay
    {
        get
        {
            TimeSpan delay;
            lock (_gate)
            {
                var count = Math.Min(_sampleCount, Window);
                if (count < _options.HedgeSamples || count == 0)
                {
                    delay = _options.HedgeDelay;
                }
                else
                {
                    var sorted = _samples.AsSpan(0, count).ToArray();
                    Array.Sort(sorted);
                    delay = TimeSpan.FromMilliseconds(sorted[(int)Math.Ceiling(0.95 * count) - 1]);
                }
            }

            return delay < _options.MinHedgeDelay ? _options.MinHedgeDelay : delay > _options.FirstByteTimeout ? _options.FirstByteTimeout : delay;
        }
    }

    /// <summary>Records the time a response's headers took.</summary>
    public void Answered(TimeSpan elapsed)
    {
        lock (_gate)
        {
            _samples[_sampleCount % Window] = elapsed.TotalMilliseconds;
            _sampleCount++;
        }
    }

    /// <summary>Records how one request ended. Returns true when this breakdown opened the breaker (exactly one
    /// caller ever sees true, so the log says it once).</summary>
    public bool Ended(FetchFailure? failure)
    {
        if (failure is not { IsBreakdown: true })
        {
            // An answer, even a 404 or a refused credential: the mirror works.
            lock (_gate)
            {
                _consecutive = 0;
            }

            return false;
        }

        lock (_gate)
        {
            _consecutive++;
            if (_options.BreakerThreshold <= 0 || _consecutive < _options.BreakerThreshold || OpenedBy is not null)
            {
                return false;
            }

            OpenedBy = failure;
        }

        _opened.Cancel();
        return true;
    }

    /// <summary>Records a hedge: the next entry was asked too. <paramref name="lostUnanswered"/> when it answered
    /// first and this mirror had still sent nothing, which counts as a breakdown (a hanging mirror opens its
    /// breaker this way, without anyone waiting for its timeout). Returns true when that opened the breaker.</summary>
    public bool Hedge(bool lostUnanswered, TimeSpan waited)
    {
        lock (_gate)
        {
            _hedged++;
            _hedgesLost += lostUnanswered ? 1 : 0;
        }

        return lostUnanswered && Ended(new FetchFailure(FailureKind.FirstByteTimeout, null, string.Create(CultureInfo.InvariantCulture,
            $"no response within {HttpTransport.Seconds(waited)}, while the next entry answered")));
    }

    /// <summary>The count of breakdowns in a row that opened the breaker, for messages.</summary>
    public int Threshold => _options.BreakerThreshold;
}
