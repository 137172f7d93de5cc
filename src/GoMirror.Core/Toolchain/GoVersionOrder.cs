namespace GoMirror.Core.Toolchain;

/// <summary>
/// Go versions as the go command orders them (Go 1.21+'s internal/gover and cmd/go/internal/gover): <c>1.21</c>
/// (a language version) &lt; <c>1.21rc1</c> &lt; <c>1.21.0</c> &lt; <c>1.21.1</c>, while before 1.21 a language
/// version is its first release (<c>1.20</c> = <c>1.20.0</c>). Versions carry no <c>go</c> prefix; toolchain
/// names (<c>go1.21.3</c>, <c>go1.21.3-custom</c>) are read with <see cref="FromToolchain"/>. Anything that does
/// not parse is the empty version, which orders before every valid one, as in Go.
/// </summary>
internal static class GoVersionOrder
{
    /// <summary>-1, 0 or +1 as <paramref name="x"/> orders before, with or after <paramref name="y"/> (gover.Compare).</summary>
    public static int Compare(string x, string y)
    {
        var a = Parse(x);
        var b = Parse(y);
        var c = CompareNumbers(a.Major, b.Major);
        if (c == 0)
        {
            c = CompareNumbers(a.Minor, b.Minor);
        }

        if (c == 0)
        {
            c = CompareNumbers(a.Patch, b.Patch);
        }

        if (c == 0)
        {
            // "" < "alpha" < "beta" < "rc": Go compares the kinds as strings.
            c = Math.Sign(string.CompareOrdinal(a.Kind, b.Kind));
        }

        return c == 0 ? CompareNumbers(a.Pre, b.Pre) : c;
    }

    /// <summary>The later of the two (<paramref name="x"/> when equal), as gover.Max.</summary>
    public static string Max(string x, string y) => Compare(x, y) < 0 ? y : x;

    /// <summary>True when <paramref name="x"/> is a Go version at all (gover.IsValid).</summary>
    public static bool IsValid(string x) => !Parse(x).IsEmpty;

    /// <summary>True for a language version: no patch and no pre-release (<c>1.21</c>, <c>1.22</c>). Before 1.21 a
    /// language version is also a release (<c>1.20</c> = <c>1.20.0</c>, <c>1</c> = <c>1.0.0</c>), so it is not one here.</summary>
    public static bool IsLang(string x)
    {
        var v = Parse(x);
        return !v.IsEmpty && v.Patch.Length == 0 && v.Kind.Length == 0 && v.Pre.Length == 0;
    }

    /// <summary>The language version of <paramref name="x"/> (<c>1.21.3</c> → <c>1.21</c>; <c>1.0</c> → <c>1</c>).</summary>
    public static string Lang(string x)
    {
        var v = Parse(x);
        return v.Minor.Length == 0 || (v.Major == "1" && v.Minor == "0") ? v.Major : v.Major + "." + v.Minor;
    }

    /// <summary>
    /// The version a toolchain name stands for (cmd/go/internal/gover.FromToolchain): <c>go1.21.3</c> → <c>1.21.3</c>,
    /// <c>go1.21.3-custom</c> → <c>1.21.3</c>; the empty string for anything else (no <c>go</c> prefix, a slash or
    /// backslash, or no valid version after it).
    /// </summary>
    public static string FromToolchain(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.AsSpan().IndexOfAny('\\', '/') >= 0 || !name.StartsWith("go", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var v = name[2..];
        var cut = v.AsSpan().IndexOfAny(" \t-");
        if (cut >= 0)
        {
            v = v[..cut];
        }

        return IsValid(v) ? v : string.Empty;
    }

    /// <summary>The parts of <paramref name="x"/> as gover.Parse reads them; <see cref="GoVersionParts.IsEmpty"/> when it is not a Go version.</summary>
    internal static GoVersionParts Parse(string x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!CutNumber(x, out var major, out var rest))
        {
            return GoVersionParts.Empty;
        }

        if (rest.Length == 0)
        {
            return new GoVersionParts(major, "0", "0", string.Empty, string.Empty);
        }

        if (rest[0] != '.' || !CutNumber(rest[1..], out var minor, out rest))
        {
            return GoVersionParts.Empty;
        }

        if (rest.Length == 0)
        {
            // Before Go 1.21 the language version was also the first release: 1.20 = 1.20.0. From 1.21 on it is not.
            return new GoVersionParts(major, minor, CompareNumbers(minor, "21") < 0 ? "0" : string.Empty, string.Empty, string.Empty);
        }

        if (rest[0] == '.')
        {
            return CutNumber(rest[1..], out var patch, out rest) && rest.Length == 0
                ? new GoVersionParts(major, minor, patch, string.Empty, string.Empty)
                : GoVersionParts.Empty;
        }

        var letters = 0;
        while (letters < rest.Length && !char.IsAsciiDigit(rest[letters]))
        {
            if (!char.IsAsciiLetterLower(rest[letters]))
            {
                return GoVersionParts.Empty;
            }

            letters++;
        }

        if (letters == 0)
        {
            return GoVersionParts.Empty;
        }

        var kind = rest[..letters];
        rest = rest[letters..];
        if (rest.Length == 0)
        {
            return new GoVersionParts(major, minor, string.Empty, kind, string.Empty);
        }

        return CutNumber(rest, out var pre, out rest) && rest.Length == 0
            ? new GoVersionParts(major, minor, string.Empty, kind, pre)
            : GoVersionParts.Empty;
    }

    // Decimal strings of any length, compared without overflow: a shorter one (no leading zeros) is smaller.
    private static int CompareNumbers(string x, string y)
    {
        if (x == y)
        {
            return 0;
        }

        if (x.Length != y.Length)
        {
            return x.Length < y.Length ? -1 : 1;
        }

        return string.CompareOrdinal(x, y) < 0 ? -1 : 1;
    }

    // A run of digits with no unnecessary leading zero ("0" is fine, "01" is not).
    private static bool CutNumber(string x, out string number, out string rest)
    {
        var i = 0;
        while (i < x.Length && char.IsAsciiDigit(x[i]))
        {
            i++;
        }

        if (i == 0 || (x[0] == '0' && i != 1))
        {
            (number, rest) = (string.Empty, string.Empty);
            return false;
        }

        (number, rest) = (x[..i], x[i..]);
        return true;
    }
}

/// <summary>A Go version split as gover.Version: decimal strings, each empty when absent.</summary>
/// <param name="Major">The major number.</param>
/// <param name="Minor">The minor number, or empty.</param>
/// <param name="Patch">The patch number, or empty (a language version from 1.21 on, or a pre-release).</param>
/// <param name="Kind">The pre-release kind (<c>alpha</c>, <c>beta</c>, <c>rc</c>), or empty.</param>
/// <param name="Pre">The pre-release number, or empty.</param>
internal readonly record struct GoVersionParts(string Major, string Minor, string Patch, string Kind, string Pre)
{
    /// <summary>What every text that is not a Go version parses to (Go's zero Version).</summary>
    public static GoVersionParts Empty { get; } = new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);

    /// <summary>True when the text was not a Go version.</summary>
    public bool IsEmpty => Major.Length == 0;
}
