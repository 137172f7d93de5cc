using System.Globalization;
using System.Text.RegularExpressions;

namespace GoMirror.Core.GoCommand;

/// <summary>
/// A Go toolchain version as <c>go version</c> prints it: <c>go1.19.8</c>, <c>go1.20</c> (= 1.20.0),
/// <c>go1.21rc2</c>, <c>go1.9beta1</c>, or a development build (<c>devel go1.23-e8ee1dc4f9 ...</c>, or the
/// older <c>devel +b7a03218b1 ...</c> that names no release at all).
/// </summary>
/// <param name="Major">The major number (1).</param>
/// <param name="Minor">The minor number, 0 when unknown (old devel builds).</param>
/// <param name="Patch">The patch number, 0 when not written.</param>
/// <param name="Prerelease">The pre-release tag (<c>rc2</c>, <c>beta1</c>), or empty for a release.</param>
/// <param name="IsDevel">True for a development build.</param>
/// <param name="Text">The version as Go printed it, for example <c>go1.19.8</c>.</param>
internal sealed partial record GoVersion(int Major, int Minor, int Patch, string Prerelease, bool IsDevel, string Text) : IComparable<GoVersion>
{
    /// <summary>The numeric part as a <see cref="System.Version"/> (1.19.8).</summary>
    public Version Number => new(Major, Minor, Patch);

    /// <summary>True for a final release (not rc, beta or devel).</summary>
    public bool IsRelease => !IsDevel && Prerelease.Length == 0;

    /// <summary>Reads a version from <c>go version</c> output or from a bare <c>go1.x</c> word.</summary>
    /// <returns>False when <paramref name="text"/> holds no Go version.</returns>
    public static bool TryParse(string? text, out GoVersion version)
    {
        version = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var devel = DevelPattern().Match(text);
        var release = ReleasePattern().Match(text);
        if (devel.Success)
        {
            var inner = ReleasePattern().Match(devel.Value);
            version = inner.Success
                ? FromMatch(inner, devel.Groups["word"].Value, isDevel: true)
                : new GoVersion(1, 0, 0, string.Empty, true, devel.Groups["word"].Value);
            return true;
        }

        if (release.Success)
        {
            version = FromMatch(release, release.Value, isDevel: false);
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    /// <remarks>Releases order after their pre-releases; a development build orders after the release it leads to,
    /// since it carries changes made after that release branched.</remarks>
    public int CompareTo(GoVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var numbers = Number.CompareTo(other.Number);
        if (numbers != 0)
        {
            return numbers;
        }

        if (IsDevel != other.IsDevel)
        {
            return IsDevel ? 1 : -1;
        }

        if (Prerelease.Length == 0 || other.Prerelease.Length == 0)
        {
            return other.Prerelease.Length.CompareTo(Prerelease.Length);
        }

        // "beta" < "rc" ordinally, and Go never exceeds single-digit pre-release numbers.
        return string.CompareOrdinal(Prerelease, other.Prerelease);
    }

    /// <summary>The version without the <c>go</c> prefix, semver-style: <c>1.19.8</c>, <c>1.20.0</c>,
    /// <c>1.21.0-rc2</c>, <c>1.23.0-devel</c>. <see cref="Text"/> keeps Go's own spelling.</summary>
    public override string ToString()
    {
        var suffix = IsDevel ? "-devel" : Prerelease.Length > 0 ? "-" + Prerelease : string.Empty;
        return $"{Major}.{Minor}.{Patch}{suffix}";
    }

    private static GoVersion FromMatch(Match match, string text, bool isDevel) => new(
        int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture),
        int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture),
        match.Groups["patch"].Success ? int.Parse(match.Groups["patch"].Value, CultureInfo.InvariantCulture) : 0,
        match.Groups["pre"].Value,
        isDevel,
        text);

    [GeneratedRegex(@"\bgo(?<major>\d+)\.(?<minor>\d+)(?:\.(?<patch>\d+))?(?<pre>(?:rc|beta|alpha)\d+)?(?![\w.])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReleasePattern();

    [GeneratedRegex(@"(?<word>devel\s+(?:go\d+\.\d+(?:\.\d+)?(?:(?:rc|beta|alpha)\d+)?-\S+|\+?\S+))", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DevelPattern();
}
