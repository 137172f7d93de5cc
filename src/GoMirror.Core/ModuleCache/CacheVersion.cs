namespace GoMirror.Core.ModuleCache;

/// <summary>
/// The slice of Go's semantic-version rules the module cache needs (golang.org/x/mod/semver and
/// <c>module.CanonicalVersion</c>): whether a version is canonical, and the order <c>semver.Sort</c> puts
/// versions in when the go command rewrites <c>@v/list</c>.
/// </summary>
internal static class CacheVersion
{
    /// <summary>
    /// True when <paramref name="version"/> equals its own <c>module.CanonicalVersion</c>: <c>vMAJOR.MINOR.PATCH</c>,
    /// an optional pre-release, and no build suffix other than <c>+incompatible</c>.
    /// </summary>
    public static bool IsCanonical(string version)
    {
        if (!TryParse(version, out var parsed) || parsed.Short)
        {
            return false;
        }

        return parsed.Build.Length == 0 || parsed.Build == "+incompatible";
    }

    /// <summary>The order of Go's <c>semver.Sort</c>: semantic precedence, then ordinal text for ties.</summary>
    public static int CompareForSort(string x, string y)
    {
        var byPrecedence = Compare(x, y);
        return byPrecedence != 0 ? byPrecedence : string.CompareOrdinal(x, y);
    }

    /// <summary>Go's <c>semver.Compare</c>: an invalid version is below every valid one and equal to other invalid ones.</summary>
    public static int Compare(string x, string y)
    {
        var okX = TryParse(x, out var px);
        var okY = TryParse(y, out var py);
        if (!okX || !okY)
        {
            return okX == okY ? 0 : okX ? 1 : -1;
        }

        var c = CompareNumber(px.Major, py.Major);
        if (c == 0)
        {
            c = CompareNumber(px.Minor, py.Minor);
        }

        if (c == 0)
        {
            c = CompareNumber(px.Patch, py.Patch);
        }

        return c != 0 ? c : ComparePrerelease(px.Prerelease, py.Prerelease);
    }

    private static bool TryParse(string v, out Parsed parsed)
    {
        parsed = default;
        if (v.Length == 0 || v[0] != 'v')
        {
            return false;
        }

        var at = 1;
        if (!TryNumber(v, ref at, out var major))
        {
            return false;
        }

        if (at == v.Length)
        {
            parsed = new Parsed(major, "0", "0", string.Empty, string.Empty, Short: true);
            return true;
        }

        if (v[at++] != '.' || !TryNumber(v, ref at, out var minor))
        {
            return false;
        }

        if (at == v.Length)
        {
            parsed = new Parsed(major, minor, "0", string.Empty, string.Empty, Short: true);
            return true;
        }

        if (v[at++] != '.' || !TryNumber(v, ref at, out var patch))
        {
            return false;
        }

        var prerelease = string.Empty;
        if (at < v.Length && v[at] == '-')
        {
            var start = at;
            if (!TryIdentifiers(v, ref at, numericRules: true))
            {
                return false;
            }

            prerelease = v[start..at];
        }

        var build = string.Empty;
        if (at < v.Length && v[at] == '+')
        {
            var start = at;
            if (!TryIdentifiers(v, ref at, numericRules: false))
            {
                return false;
            }

            build = v[start..at];
        }

        if (at != v.Length)
        {
            return false;
        }

        parsed = new Parsed(major, minor, patch, prerelease, build, Short: false);
        return true;
    }

    private static bool TryNumber(string v, ref int at, out string number)
    {
        var start = at;
        while (at < v.Length && char.IsAsciiDigit(v[at]))
        {
            at++;
        }

        number = v[start..at];
        return number.Length > 0 && (number.Length == 1 || number[0] != '0');
    }

    // Dot-separated identifiers after a '-' or '+': non-empty, [0-9A-Za-z-]; in a pre-release a numeric
    // identifier may not have a leading zero.
    private static bool TryIdentifiers(string v, ref int at, bool numericRules)
    {
        at++;
        var start = at;
        while (true)
        {
            while (at < v.Length && (char.IsAsciiLetterOrDigit(v[at]) || v[at] == '-'))
            {
                at++;
            }

            if (at == start || (numericRules && IsBadNumber(v.AsSpan(start, at - start))))
            {
                return false;
            }

            if (at < v.Length && v[at] == '.')
            {
                start = ++at;
                continue;
            }

            return true;
        }
    }

    private static bool IsBadNumber(ReadOnlySpan<char> identifier) =>
        identifier.Length > 1 && identifier[0] == '0' && IsNumber(identifier);

    private static bool IsNumber(ReadOnlySpan<char> identifier)
    {
        foreach (var c in identifier)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int CompareNumber(string x, string y) =>
        x.Length != y.Length ? x.Length.CompareTo(y.Length) : Math.Sign(string.CompareOrdinal(x, y));

    private static int ComparePrerelease(string x, string y)
    {
        if (x == y)
        {
            return 0;
        }

        if (x.Length == 0)
        {
            return 1;
        }

        if (y.Length == 0)
        {
            return -1;
        }

        var xs = x[1..].Split('.');
        var ys = y[1..].Split('.');
        for (var i = 0; i < xs.Length && i < ys.Length; i++)
        {
            if (xs[i] == ys[i])
            {
                continue;
            }

            var numX = IsNumber(xs[i]);
            var numY = IsNumber(ys[i]);
            if (numX != numY)
            {
                return numX ? -1 : 1;
            }

            return numX ? CompareNumber(xs[i], ys[i]) : Math.Sign(string.CompareOrdinal(xs[i], ys[i]));
        }

        return xs.Length.CompareTo(ys.Length);
    }

    private readonly record struct Parsed(string Major, string Minor, string Patch, string Prerelease, string Build, bool Short);
}
