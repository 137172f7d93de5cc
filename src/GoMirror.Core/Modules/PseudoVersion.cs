using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GoMirror.Core.Modules;

/// <summary>The three shapes of a Go pseudo-version.</summary>
internal enum PseudoVersionForm
{
    /// <summary><c>vX.0.0-yyyymmddhhmmss-abcdefabcdef</c>: no tagged version precedes the commit.</summary>
    NoBase,

    /// <summary><c>vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdefabcdef</c>: the latest tag before the commit is the release <c>vX.Y.Z</c>.</summary>
    ReleaseBase,

    /// <summary><c>vX.Y.Z-pre.0.yyyymmddhhmmss-abcdefabcdef</c>: the latest tag before the commit is the pre-release <c>vX.Y.Z-pre</c>.</summary>
    PrereleaseBase,
}

/// <summary>A pseudo-version taken apart.</summary>
/// <param name="Version">The pseudo-version as written.</param>
/// <param name="Form">Which of the three shapes it has.</param>
/// <param name="BaseVersion">The tagged version it builds on (with any build suffix such as <c>+incompatible</c>), or empty for <see cref="PseudoVersionForm.NoBase"/>.</param>
/// <param name="Time">The commit time, UTC; null for the year 0000, which Go's time holds and <see cref="DateTime"/> cannot.</param>
/// <param name="Timestamp">The 14-digit <c>yyyymmddhhmmss</c> text.</param>
/// <param name="Revision">The revision identifier (usually a 12-character commit hash prefix).</param>
/// <param name="Build">The build suffix (<c>+incompatible</c>) or empty.</param>
internal sealed record PseudoVersionInfo(
    string Version,
    PseudoVersionForm Form,
    string BaseVersion,
    DateTime? Time,
    string Timestamp,
    string Revision,
    string Build);

/// <summary>
/// Go's pseudo-versions (golang.org/x/mod/module/pseudo.go): versions that name a commit rather than a tag,
/// sorting after the tag they build on and before the next one.
/// </summary>
internal static partial class PseudoVersion
{
    /// <summary>The layout of the timestamp part, in .NET format syntax (Go: <c>20060102150405</c>).</summary>
    public const string TimestampFormat = "yyyyMMddHHmmss";

    /// <summary>True when <paramref name="version"/> has pseudo-version syntax (Go's IsPseudoVersion).</summary>
    public static bool IsPseudoVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.AsSpan().Count('-') >= 2 && Semver.IsValid(version) && Shape().IsMatch(version);
    }

    /// <summary>True for the all-zero pseudo-version of its major version (<c>v0.0.0-00010101000000-000000000000</c>), which Go uses as a placeholder.</summary>
    public static bool IsZeroPseudoVersion(string version) => version == Zero(Semver.Major(version));

    /// <summary>The all-zero pseudo-version of a major version (<c>v0</c> when <paramref name="major"/> is empty).</summary>
    public static string Zero(string major) => Create(major, string.Empty, new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), "000000000000");

    /// <summary>
    /// Builds a pseudo-version as Go does: <paramref name="older"/> is the latest tag before the commit (or empty),
    /// <paramref name="major"/> the major version to use when there is none (empty means <c>v0</c>).
    /// </summary>
    public static string Create(string major, string older, DateTime time, string revision)
    {
        ArgumentNullException.ThrowIfNull(major);
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(revision);
        if (major.Length == 0)
        {
            major = "v0";
        }

        var segment = time.ToUniversalTime().ToString(TimestampFormat, CultureInfo.InvariantCulture) + "-" + revision;
        var build = Semver.Build(older);
        if (!Semver.TryCanonical(older, out var canonical))
        {
            return major + ".0.0-" + segment;
        }

        if (Semver.Prerelease(canonical).Length > 0)
        {
            return canonical + ".0." + segment + build;
        }

        var dot = canonical.LastIndexOf('.') + 1;
        return canonical[..dot] + IncrementDecimal(canonical[dot..]) + "-0." + segment + build;
    }

    /// <summary>Takes a pseudo-version apart. Returns false when it is not one, or its time or base version is impossible.</summary>
    public static bool TryParse(string version, [NotNullWhen(true)] out PseudoVersionInfo? info)
    {
        info = null;
        if (!TrySplit(version, out var @base, out var timestamp, out var revision, out var build)
            || !TryParseTime(timestamp, out var time)
            || !TryBase(@base, build, out var baseVersion, out var form))
        {
            return false;
        }

        info = new PseudoVersionInfo(version, form, baseVersion, time, timestamp, revision, build);
        return true;
    }

    /// <summary>
    /// The tagged version a pseudo-version builds on (Go's PseudoVersionBase): <c>vX.Y.Z</c> for
    /// <c>vX.Y.(Z+1)-0.…</c>, <c>vX.Y.Z-pre</c> for <c>vX.Y.Z-pre.0.…</c>, empty for <c>vX.0.0-…</c>. A build
    /// suffix is kept. Returns false for a non-pseudo-version, a base with negative patch, or a base-less
    /// pseudo-version with build metadata.
    /// </summary>
    public static bool TryGetBase(string version, out string baseVersion)
    {
        baseVersion = string.Empty;
        return TrySplit(version, out var @base, out _, out _, out var build) && TryBase(@base, build, out baseVersion, out _);
    }

    /// <summary>The commit time (UTC) of a pseudo-version (Go's PseudoVersionTime): true when Go reads one;
    /// <paramref name="time"/> is null for the year 0000, which <see cref="DateTime"/> cannot hold.</summary>
    public static bool TryGetTime(string version, out DateTime? time)
    {
        time = null;
        return TrySplit(version, out _, out var timestamp, out _, out _) && TryParseTime(timestamp, out time);
    }

    /// <summary>The revision identifier of a pseudo-version (Go's PseudoVersionRev).</summary>
    public static bool TryGetRevision(string version, out string revision) =>
        TrySplit(version, out _, out _, out revision, out _);

    private static bool TrySplit(string version, out string @base, out string timestamp, out string revision, out string build)
    {
        @base = timestamp = revision = build = string.Empty;
        if (version is null || !IsPseudoVersion(version))
        {
            return false;
        }

        build = Semver.Build(version);
        var v = version[..^build.Length];
        var j = v.LastIndexOf('-');
        revision = v[(j + 1)..];
        v = v[..j];
        var i = v.LastIndexOf('-');
        var k = v.LastIndexOf('.');
        if (k > i)
        {
            @base = v[..k];
            timestamp = v[(k + 1)..];
        }
        else
        {
            @base = v[..i];
            timestamp = v[(i + 1)..];
        }

        return true;
    }

    private static bool TryBase(string @base, string build, out string baseVersion, out PseudoVersionForm form)
    {
        baseVersion = string.Empty;
        var pre = Semver.Prerelease(@base);
        switch (pre)
        {
            case "":
                form = PseudoVersionForm.NoBase;
                return build.Length == 0;
            case "-0":
                form = PseudoVersionForm.ReleaseBase;
                var release = @base[..^pre.Length];
                var dot = release.LastIndexOf('.');
                var patch = DecrementDecimal(release[(dot + 1)..]);
                if (patch.Length == 0)
                {
                    return false;
                }

                baseVersion = release[..(dot + 1)] + patch + build;
                return true;
            default:
                form = PseudoVersionForm.PrereleaseBase;
                baseVersion = @base[..^".0".Length] + build;
                return true;
        }
    }

    // Go's time.Parse("20060102150405", ...) of the 14 digits the shape guarantees.
    private static bool TryParseTime(string timestamp, out DateTime? time)
    {
        int Field(int start, int length) => int.Parse(timestamp.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);
        var (year, month, day, hour, minute, second) = (Field(0, 4), Field(4, 2), Field(6, 2), Field(8, 2), Field(10, 2), Field(12, 2));
        time = null;
        if (!GoCalendar.IsValid(year, month, day, hour, minute, second))
        {
            return false;
        }

        time = year == 0 ? null : new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        return true;
    }

    private static string IncrementDecimal(string digits)
    {
        var chars = digits.ToCharArray();
        var i = chars.Length - 1;
        for (; i >= 0 && chars[i] == '9'; i--)
        {
            chars[i] = '0';
        }

        if (i >= 0)
        {
            chars[i]++;
            return new string(chars);
        }

        return "1" + new string(chars);
    }

    // Returns empty when the number is zero (no previous patch exists).
    private static string DecrementDecimal(string digits)
    {
        var chars = digits.ToCharArray();
        var i = chars.Length - 1;
        for (; i >= 0 && chars[i] == '0'; i--)
        {
            chars[i] = '9';
        }

        if (i < 0)
        {
            return string.Empty;
        }

        if (i == 0 && chars[i] == '1' && chars.Length > 1)
        {
            return new string(chars, 1, chars.Length - 1);
        }

        chars[i]--;
        return new string(chars);
    }

    [GeneratedRegex(@"^v[0-9]+\.(0\.0-|[0-9]+\.[0-9]+-([^+]*\.)?0\.)[0-9]{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
