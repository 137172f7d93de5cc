using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Probe;

/// <summary>Latency of a mirror's small requests, in milliseconds.</summary>
/// <param name="P50">The median.</param>
/// <param name="P95">The 95th percentile (nearest rank).</param>
public sealed record ProbeLatency(double P50, double P95);

/// <summary>What the probe measured at one mirror.</summary>
/// <param name="Url">The mirror, credentials masked.</param>
/// <param name="Rank">1 for the best; null when the mirror is not suggested (inconsistent or unreachable).</param>
/// <param name="Latency">Latency of the <c>.info</c>/<c>.mod</c> requests that were answered; null when none was.</param>
/// <param name="BytesPerSecond">Zip throughput over the sampled zips; null when none arrived.</param>
/// <param name="SumDbSupported">True/false from <c>/sumdb/&lt;name&gt;/supported</c>; null when GOSUMDB is off or no answer came.</param>
/// <param name="Consistent">False when any served <c>h1:</c> differs from go.sum.</param>
/// <param name="Missing">Module versions (<c>path@version</c>) go.sum names that the mirror answered 404/410 for, sorted.</param>
/// <param name="Inconsistent">What was served with another hash (<c>path@version</c> or <c>path@version/go.mod</c>), sorted.</param>
/// <param name="LatestBehind">Sampled modules whose newest listed version here is older than another mirror's
/// (<c>path@mine &lt; theirs</c>), sorted: the mirror lags behind, so <c>@latest</c> and upgrades would differ.</param>
/// <param name="Requests">Requests sent to the mirror.</param>
/// <param name="Failures">Requests that got no usable answer (errors, timeouts, 5xx).</param>
public sealed record ProbedMirror(
    string Url,
    int? Rank,
    ProbeLatency? Latency,
    long? BytesPerSecond,
    bool? SumDbSupported,
    bool Consistent,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Inconsistent,
    IReadOnlyList<string> LatestBehind,
    int Requests,
    int Failures);

/// <summary>The outcome of a probe.</summary>
/// <param name="Mirrors">Every mirror probed, best first, the ones not suggested last.</param>
/// <param name="SuggestedProxy">A GOPROXY of the consistent, reachable mirrors by rank joined with <c>|</c> (and
/// <c>,direct</c> when the policy's GOPROXY ends with direct); null when no mirror qualifies.</param>
/// <param name="Samples">Module versions sampled from go.sum.</param>
/// <param name="Json">The <c>gomirror-probe.json</c> document.</param>
/// <param name="Markdown">The <c>gomirror-probe.md</c> table.</param>
/// <param name="Files">The files written; empty without a report directory.</param>
/// <param name="Diagnostics">Every finding, redacted.</param>
public sealed record MirrorProbeResult(
    IReadOnlyList<ProbedMirror> Mirrors,
    string? SuggestedProxy,
    int Samples,
    string Json,
    string Markdown,
    IReadOnlyList<string> Files,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when no finding is an error (a mirror serving other bytes is one).</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}

/// <summary>Progress of a probe: requests finished out of those planned.</summary>
/// <param name="Done">Requests finished.</param>
/// <param name="Total">Requests planned.</param>
public readonly record struct ProbeProgress(int Done, int Total);
