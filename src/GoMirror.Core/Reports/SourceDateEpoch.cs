using System.Globalization;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Reports;

/// <summary>
/// Reads <c>SOURCE_DATE_EPOCH</c> (reproducible-builds.org): when set, it is the only time a report may
/// show. Times are always written in UTC, so the local time zone never matters.
/// </summary>
internal static class SourceDateEpoch
{
    /// <summary>The environment variable.</summary>
    public const string VariableName = "SOURCE_DATE_EPOCH";

    /// <summary>
    /// Parses a <c>SOURCE_DATE_EPOCH</c> value as the reproducible-builds specification defines it: empty means
    /// unset (true, <paramref name="time"/> null); otherwise only an ASCII integer of seconds since
    /// 1970-01-01 UTC is valid (true, the time); anything else, white space included, is malformed (false).
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            time = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return false;
    }

    /// <summary>The time SOURCE_DATE_EPOCH names, or <see langword="null"/> when it is unset or invalid
    /// (invalid adds <see cref="ReportDiagnostics.InvalidSourceDateEpoch"/> to <paramref name="diagnostics"/>).</summary>
    public static DateTimeOffset? Read(Func<string, string?> environment, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var text = environment(VariableName);
        if (TryParse(text, out var time))
        {
            return time;
        }

        diagnostics.Add(ReportDiagnostics.InvalidSourceDateEpoch.Create(
            $"SOURCE_DATE_EPOCH is '{Security.CredentialRedactor.RedactText(text)}', not a whole number of seconds; the report uses the current time instead.",
            new SourceLocation("environment variable " + VariableName)));
        return null;
    }

    /// <summary>The time a report shows: SOURCE_DATE_EPOCH when set, otherwise <paramref name="clock"/>'s now.</summary>
    public static DateTimeOffset Now(Func<string, string?> environment, TimeProvider clock, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Read(environment, diagnostics) ?? clock.GetUtcNow();
    }

    /// <summary>Formats a time as ISO 8601 UTC with seconds, <c>2024-01-02T03:04:05Z</c>, whatever its offset.</summary>
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}
