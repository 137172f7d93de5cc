using System.Globalization;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Reports;

namespace GoMirror.Core.Publishing;

/// <summary>
/// The time written into a published version's <c>.info</c>. Never the wall clock, so publishing the same
/// sources twice gives the same bytes: an explicit time, else <c>SOURCE_DATE_EPOCH</c>
/// (reproducible-builds.org), else <see cref="FixedEpoch"/>.
/// </summary>
internal static class PublishTime
{
    /// <summary>The name of the reproducible-builds variable this class honours.</summary>
    public const string SourceDateEpochVariable = SourceDateEpoch.VariableName;

    /// <summary>The time used when neither the caller nor <c>SOURCE_DATE_EPOCH</c> gives one: 1980-01-01T00:00:00Z, the earliest time a zip entry can carry.</summary>
    public static DateTimeOffset FixedEpoch { get; } = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Chooses the publish time: <paramref name="time"/> when given, else <paramref name="sourceDateEpoch"/>
    /// when set (a malformed value adds <see cref="PublishingDiagnostics.InvalidSourceDateEpoch"/> and returns
    /// null), else <see cref="FixedEpoch"/>. The result is in UTC, truncated to whole seconds.
    /// </summary>
    /// <param name="time">The caller's time, or null.</param>
    /// <param name="sourceDateEpoch">The value of <c>SOURCE_DATE_EPOCH</c>, or null/empty when unset.</param>
    /// <param name="diagnostics">Receives a diagnostic for a malformed <paramref name="sourceDateEpoch"/>.</param>
    public static DateTimeOffset? Resolve(DateTimeOffset? time, string? sourceDateEpoch, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (time is { } given)
        {
            return Truncate(given);
        }

        if (SourceDateEpoch.TryParse(sourceDateEpoch, out var epoch))
        {
            return epoch ?? FixedEpoch;
        }

        diagnostics.Add(PublishingDiagnostics.InvalidSourceDateEpoch.Create(
            $"{SourceDateEpochVariable}='{sourceDateEpoch}' is not a whole number of seconds since 1970-01-01 UTC.",
            new SourceLocation("environment variable " + SourceDateEpochVariable)));
        return null;
    }

    /// <summary>Formats a time the way Go writes <c>.info</c> times (RFC 3339, UTC, no fraction for whole seconds).</summary>
    public static string Format(DateTimeOffset time) =>
        Truncate(time).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Truncate(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
