using System.Globalization;
using System.Text;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.Modules;

namespace GoMirror.Differential.Tests;

/// <summary>
/// x/mod's pseudo-version functions against <see cref="PseudoVersion"/>, and the <c>Time</c> of a proxy's
/// <c>.info</c> as cmd/go rewrites it (encoding/json through time.Time) against <see cref="GoInfoJson"/>, on
/// generated versions and times: years 0000 and 9999, leap days, months, hours and seconds out of range, zones.
/// </summary>
public sealed class PseudoVersionTests
{
    private static readonly string[] Years = ["0000", "0001", "1999", "2000", "2019", "2024", "2100", "9999", "0400", "1900"];

    private static readonly string[] MonthDays = ["0101", "0229", "0230", "0228", "1231", "1301", "0001", "0100", "0431", "0430", "0900", "0229"];

    private static readonly string[] Clocks = ["000000", "235959", "240000", "236000", "235960", "120000", "000060"];

    private static readonly string[] Shapes = ["v0.0.0-{0}-abcdefabcdef", "v1.2.4-0.{0}-abcdefabcdef", "v1.2.3-pre.0.{0}-abcdef123456", "v2.0.1-0.{0}-abc+incompatible", "v0.0.0-{0}-abc+incompatible", "v1.0.0-0.{0}-abc", "v3.0.0-{0}-000000000000", "v0.0.0-{0}-x-y", "v1.0.0-{0}"];

    private static readonly string[] Zones = ["Z", "Z", "+00:00", "-00:00", "+01:00", "-12:30", "+23:59", "+24:00", "+01:60", "z", "+0100", ""];

    private static readonly string[] Fractions = ["", "", ".0", ".5", ".123456789", ".1234567890", ".", ".000"];

    [Fact]
    public void Pseudo_versions_agree_with_go()
    {
        const string release = "1.23";
        var random = new CaseRandom(Differential.Seed("pseudo"));
        var cases = Enumerable.Range(0, Differential.Cases()).Select(_ => new[] { Version(random) }).ToList();
        var answers = GoOracle.Ask(release, "pseudo", cases);
        var comparison = new Comparison("pseudo", release);
        string[] fields = ["IsPseudoVersion", "IsZeroPseudoVersion", "PseudoVersionTime", "PseudoVersionTime ok", "PseudoVersionBase", "PseudoVersionBase ok", "PseudoVersionRev", "PseudoVersionRev ok"];
        for (var i = 0; i < cases.Count; i++)
        {
            var v = cases[i][0];
            var go = answers[i];
            var timeOk = PseudoVersion.TryGetTime(v, out var time);
            var baseOk = PseudoVersion.TryGetBase(v, out var @base);
            var revOk = PseudoVersion.TryGetRevision(v, out var rev);
            string[] engine =
            [
                Bool(PseudoVersion.IsPseudoVersion(v)), Bool(PseudoVersion.IsZeroPseudoVersion(v)),
                timeOk ? Rfc3339(v, time) : string.Empty, Bool(timeOk),
                baseOk ? @base : string.Empty, Bool(baseOk), revOk ? rev : string.Empty, Bool(revOk),
            ];
            comparison.Compare(v, fields, [go[0], go[1], go[2], Bool(go[3].Length == 0), go[4], Bool(go[5].Length == 0), go[6], Bool(go[7].Length == 0)], engine);
        }

        comparison.AssertAgreement();
    }

    [Theory]
    [InlineData("1.19")]
    [InlineData("1.21")]
    [InlineData("1.23")]
    public void Info_times_agree_with_go(string release)
    {
        var random = new CaseRandom(Differential.Seed("infotime"));
        var cases = Enumerable.Range(0, Differential.Cases()).Select(_ => new[] { Time(random) }).ToList();
        var answers = GoOracle.Ask(release, "infotime", cases);
        var comparison = new Comparison("infotime", release);
        for (var i = 0; i < cases.Count; i++)
        {
            var json = $"{{\"Version\":\"v1.0.0\",\"Time\":{cases[i][0]}}}";
            var accepted = GoInfoJson.TryCanonicalize(Encoding.UTF8.GetBytes(json), "v1.0.0", out var canonical, out _);
            var engineTime = accepted ? Encoding.UTF8.GetString(canonical) : string.Empty;

            // Go's answer is {"Time":...}; the engine's whole .info carries the same value after the version.
            var goTime = answers[i][1].Length == 0 ? answers[i][0]["{\"Time\":".Length..^1] : string.Empty;
            engineTime = accepted ? engineTime[(engineTime.IndexOf("\"Time\":", StringComparison.Ordinal) + "\"Time\":".Length)..^1] : string.Empty;
            var newest = release == "1.19" && !accepted && cases[i][0].Contains("+24:", StringComparison.Ordinal);
            comparison.Compare(cases[i][0], ["accepted", "Time written"],
                [answers[i][1].Length == 0 ? "accepted" : "refused", goTime], [accepted ? "accepted" : "refused", engineTime], _ => newest
                    ? "a zone of 24 hours or more: Go 1.19 writes it, Go 1.20+ cannot (\"timezone hour outside of range\"); the engine writes the one cache every release reads as Go 1.20+ do"
                    : null);
        }

        comparison.AssertAgreement();
    }

    private static string Version(CaseRandom random)
    {
        var stamp = random.Chance(0.9)
            ? random.Pick(Years) + random.Pick(MonthDays) + random.Pick(Clocks)
            : random.Chars("0123456789", 16);
        return string.Format(CultureInfo.InvariantCulture, random.Pick(Shapes), stamp);
    }

    private static string Time(CaseRandom random)
    {
        if (random.Chance(0.05))
        {
            return random.Pick(new[] { "null", "0", "\"\"", "\"2020-01-01\"", "\"2020-01-01 00:00:00Z\"", "\"2020-01-01t00:00:00Z\"" });
        }

        var monthDay = random.Pick(MonthDays);
        var clock = random.Pick(Clocks);
        return $"\"{random.Pick(Years)}-{monthDay[..2]}-{monthDay[2..]}T{clock[..2]}:{clock[2..4]}:{clock[4..]}{random.Pick(Fractions)}{random.Pick(Zones)}\"";
    }

    // Go's t.UTC().Format(time.RFC3339) of the commit time.
    // Go's t.UTC().Format(time.RFC3339) of the commit time; the engine has no DateTime for the year 0000, only the digits.
    private static string Rfc3339(string version, DateTime? time)
    {
        if (time is { } t)
        {
            return t.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
        }

        var core = version.Split('+')[0];
        var stamp = core[..core.LastIndexOf('-')][^14..];
        return $"{stamp[..4]}-{stamp[4..6]}-{stamp[6..8]}T{stamp[8..10]}:{stamp[10..12]}:{stamp[12..]}Z";
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
