namespace GoMirror.Core.Modules;

/// <summary>
/// The date and clock checks of Go's <c>time.Parse</c>, for the years 0000–9999 that a four-digit year holds.
/// .NET's <see cref="DateTime"/> starts at year 1, so it cannot check a Go time of year 0000 (which Go reads
/// and writes, for example in a pseudo-version <c>v0.0.0-00000101000000-…</c> and its <c>.info</c>).
/// </summary>
internal static class GoCalendar
{
    /// <summary>True when Go accepts the fields: month 1–12, a day that month has (the proleptic Gregorian
    /// calendar, so year 0000 is a leap year), hour 0–23, minute and second 0–59.</summary>
    public static bool IsValid(int year, int month, int day, int hour, int minute, int second) =>
        year is >= 0 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DaysIn(year, month)
        && hour is >= 0 and < 24 && minute is >= 0 and < 60 && second is >= 0 and < 60;

    private static int DaysIn(int year, int month) => month switch
    {
        2 => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };
}
