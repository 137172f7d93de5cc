using System.Globalization;

namespace GoMirror.Core.Probe;

/// <summary>
/// Turns measurements into ranked mirrors. A mirror serving other bytes than go.sum, or answering nothing, is
/// never ranked. The others: fewer missing versions first (a stale mirror costs fallbacks), then fewer modules
/// whose newest version lags the other mirrors, then lower median latency, then higher throughput, then the URL,
/// so equal figures give the same order every time.
/// </summary>
internal static class ProbeRanking
{
    public static IReadOnlyList<ProbedMirror> Rank(IReadOnlyList<MirrorMeasurement> measurements)
    {
        var newest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, version) in measurements.SelectMany(m => m.Latest))
        {
            if (!newest.TryGetValue(path, out var known) || Modules.Semver.Compare(version, known) > 0)
            {
                newest[path] = version;
            }
        }

        var probed = measurements.Select(m => ToMirror(m, newest)).ToList();
        var eligible = probed
            .Where(IsEligible)
            .OrderBy(m => m.Missing.Count)
            .ThenBy(m => m.LatestBehind.Count)
            .ThenBy(m => m.Latency?.P50 ?? double.MaxValue)
            .ThenByDescending(m => m.BytesPerSecond ?? -1)
            .ThenBy(m => m.Url, StringComparer.Ordinal)
            .Select((m, i) => m with { Rank = i + 1 })
            .ToList();
        return [.. eligible, .. probed.Where(m => !IsEligible(m)).OrderBy(m => m.Url, StringComparer.Ordinal)];
    }

    /// <summary>The GOPROXY the ranking suggests: ranked mirrors joined with <c>|</c> (any error falls through,
    /// so a hanging or failing mirror costs one request timeout), then <c>,direct</c> when the policy had it.
    /// Credentials stay masked: the suggestion is shown and saved, so the person puts them back.</summary>
    public static string? Suggest(IReadOnlyList<ProbedMirror> ranked, bool endsWithDirect)
    {
        var chosen = ranked.Where(m => m.Rank is not null).OrderBy(m => m.Rank).Select(m => m.Url).ToList();
        return chosen.Count == 0 ? null : string.Join("|", chosen) + (endsWithDirect ? ",direct" : string.Empty);
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0–100) of <paramref name="values"/>.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static bool IsEligible(ProbedMirror mirror) => mirror.Consistent && mirror.Failures < mirror.Requests;

    private static ProbedMirror ToMirror(MirrorMeasurement m, IReadOnlyDictionary<string, string> newest) => new(
        m.Display,
        null,
        m.LatenciesMs.Count == 0 ? null : new ProbeLatency(Round(Percentile(m.LatenciesMs, 50)), Round(Percentile(m.LatenciesMs, 95))),
        m.ZipSeconds > 0 ? (long)(m.ZipBytes / m.ZipSeconds) : null,
        m.SumDbSupported,
        m.Inconsistent.Count == 0,
        [.. m.Missing],
        [.. m.Inconsistent],
        [.. m.Latest.Where(l => Modules.Semver.Compare(l.Value, newest[l.Key]) < 0).Select(l => $"{l.Key}@{l.Value} < {newest[l.Key]}")],
        m.Requests,
        m.Failures);

    private static double Round(double ms) => double.Parse(ms.ToString("0.0", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
