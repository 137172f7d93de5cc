using System.Globalization;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Reports;

/// <summary>
/// Reads <c>SOURCE_DATE_EPOCH</c> (reproducible-builds.org): when set, it is the only time a report may
/// show. Times are always written in UTC, so the local time zone never matters.
/// </summary>
public static class SourceDateEpoch
{
    /// <summary>The environment variable.</summary>
    public const string VariableName = "SOURCE_DATE_EPOCH";

    /// <summary>The time SOURCE_DATE_EPOCH names, or <see langword="null"/> when it is unset or invalid
    /// (invalid adds <see cref="ReportDiagnostics.InvalidSourceDateEpoch"/> to <paramref name="diagnostics"/>).</summary>
    public static DateTimeOffset? Read(Func<string, string?> environment, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var text = environment(VariableName);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
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
