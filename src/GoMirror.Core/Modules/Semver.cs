namespace GoMirror.Core.Modules;

/// <summary>
/// Semantic versions exactly as Go reads them (golang.org/x/mod/semver): a leading <c>v</c>,
/// <c>vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]]</c>, no leading zeros in numbers or numeric pre-release
/// identifiers. The shorthands <c>v1</c> and <c>v1.2</c> are valid and mean <c>v1.0.0</c> and
/// <c>v1.2.0</c>, but only the full form may carry a pre-release or build suffix.
/// </summary>
internal static class Semver
{
    /// <summary>The build suffix Go gives a v2+ version of a module whose path has no <c>/vN</c>.</summary>
    public const string IncompatibleSuffix = "+incompatible";

    /// <summary>True when <paramref name="version"/> is a valid semantic version in Go's syntax.</summary>
    public static bool IsValid(string version) => Parsed.TryParse(version, out _);

    /// <summary>
    /// The canonical form: missing minor/patch filled in and build metadata dropped
    /// (<c>v1.2</c> → <c>v1.2.0</c>, <c>v1.2.3+meta</c> → <c>v1.2.3</c>). Returns false for an invalid version.
    /// </summary>
    public static bool TryCanonical(string version, out string canonical)
    {
        if (!Parsed.TryParse(version, out var p))
        {
            canonical = string.Empty;
            return false;
        }

        canonical = p.Build.Length > 0 ? version[..^p.Build.Length] : version + p.Short;
        return true;
    }

    /// <summary>
    /// The canonical form of a module version, as Go writes it in go.mod (module.CanonicalVersion): like
    /// <see cref="TryCanonical"/> but a <c>+incompatible</c> suffix is kept. Returns false for an invalid version.
    /// </summary>
    public static bool TryCanonicalModuleVersion(string version, out string canonical)
    {
        if (!TryCanonical(version, out canonical))
        {
            return false;
        }

        if (Build(version) == IncompatibleSuffix)
        {
            canonical += IncompatibleSuffix;
        }

        return true;
    }

    /// <summary>True when <paramref name="version"/> is valid and already in canonical form.</summary>
    public static bool IsCanonical(string version) => TryCanonical(version, out var c) && c == version;

    /// <summary>The major version prefix (<c>v2.1.0</c> → <c>v2</c>), or empty for an invalid version.</summary>
    public static string Major(string version) =>
        Parsed.TryParse(version, out var p) ? version[..(1 + p.Major.Length)] : string.Empty;

    /// <summary>The <c>vMAJOR.MINOR</c> prefix (<c>v2.1.0</c> → <c>v2.1</c>, <c>v2</c> → <c>v2.0</c>), or empty for an invalid version.</summary>
    public static string MajorMinor(string version)
    {
        if (!Parsed.TryParse(version, out var p))
        {
            return string.Empty;
        }

        var i = 1 + p.Major.Length;
        var j = i + 1 + p.Minor.Length;
        return j <= version.Length && version[i] == '.' && version.AsSpan(i + 1, p.Minor.Length).SequenceEqual(p.Minor)
            ? version[..j]
            : version[..i] + "." + p.Minor;
    }

    /// <summary>The pre-release suffix including its <c>-</c> (<c>v1.2.3-rc.1</c> → <c>-rc.1</c>), or empty.</summary>
    public static string Prerelease(string version) => Parsed.TryParse(version, out var p) ? p.Prerelease : string.Empty;

    /// <summary>The build suffix including its <c>+</c> (<c>v2.0.0+incompatible</c> → <c>+incompatible</c>), or empty.</summary>
    public static string Build(string version) => Parsed.TryParse(version, out var p) ? p.Build : string.Empty;

    /// <summary>True when the version is valid and carries the <c>+incompatible</c> build suffix.</summary>
    public static bool IsIncompatible(string version) => Build(version) == IncompatibleSuffix;

    /// <summary>
    /// Compares two versions the way Go does: numerically by major, minor, patch, then by pre-release
    /// (a release is newer than any of its pre-releases; numeric identifiers compare as numbers and sort
    /// before alphanumeric ones; a shorter identifier list sorts first). Build metadata is ignored. An invalid
    /// version is older than every valid one, and two invalid versions are equal.
    /// </summary>
    public static int Compare(string left, string right)
    {
        var okLeft = Parsed.TryParse(left, out var l);
        var okRight = Parsed.TryParse(right, out var r);
        if (!okLeft || !okRight)
        {
            return okLeft == okRight ? 0 : okLeft ? 1 : -1;
        }

        var c = CompareNumber(l.Major, r.Major);
        if (c == 0)
        {
            c = CompareNumber(l.Minor, r.Minor);
        }

        if (c == 0)
        {
            c = CompareNumber(l.Patch, r.Patch);
        }

        return c != 0 ? c : ComparePrerelease(l.Prerelease, r.Prerelease);
    }

    /// <summary>
    /// Orders versions as Go's <c>semver.Sort</c>: by <see cref="Compare"/>, then by Go's string order (the UTF-8
    /// bytes) so that the order is total (<c>v1.0.0</c> before <c>v1.0.0+meta</c>, invalid versions first).
    /// </summary>
    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(static (a, b) =>
    {
        var c = Compare(a, b);
        return c != 0 ? c : Utf8Order.Compare(a, b);
    });

    private static int CompareNumber(string x, string y)
    {
        if (x.Length != y.Length)
        {
            return x.Length < y.Length ? -1 : 1;
        }

        return Math.Sign(string.CompareOrdinal(x, y));
    }

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

        // Both start with '-'; identifiers are separated by '.'.
        var left = x[1..].Split('.');
        var right = y[1..].Split('.');
        for (var i = 0; i < left.Length && i < right.Length; i++)
        {
            var dx = left[i];
            var dy = right[i];
            if (dx == dy)
            {
                continue;
            }

            var nx = IsNumeric(dx);
            var ny = IsNumeric(dy);
            if (nx != ny)
            {
                return nx ? -1 : 1;
            }

            if (nx && dx.Length != dy.Length)
            {
                return dx.Length < dy.Length ? -1 : 1;
            }

            return Math.Sign(string.CompareOrdinal(dx, dy));
        }

        return left.Length < right.Length ? -1 : 1;
    }

    private static bool IsNumeric(string s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Parsed(string Major, string Minor, string Patch, string Short, string Prerelease, string Build)
    {
        public static bool TryParse(string? v, out Parsed parsed)
        {
            parsed = default;
            if (string.IsNullOrEmpty(v) || v[0] != 'v')
            {
                return false;
            }

            var i = 1;
            if (!TryNumber(v, ref i, out var major))
            {
                return false;
            }

            if (i == v.Length)
            {
                parsed = new Parsed(major, "0", "0", ".0.0", string.Empty, string.Empty);
                return true;
            }

            if (v[i] != '.')
            {
                return false;
            }

            i++;
            if (!TryNumber(v, ref i, out var minor))
            {
                return false;
            }

            if (i == v.Length)
            {
                parsed = new Parsed(major, minor, "0", ".0", string.Empty, string.Empty);
                return true;
            }

            if (v[i] != '.')
            {
                return false;
            }

            i++;
            if (!TryNumber(v, ref i, out var patch))
            {
                return false;
            }

            var pre = string.Empty;
            if (i < v.Length && v[i] == '-')
            {
                var start = i;
                if (!TrySuffix(v, ref i, checkNumbers: true))
                {
                    return false;
                }

                pre = v[start..i];
            }

            var build = string.Empty;
            if (i < v.Length && v[i] == '+')
            {
                var start = i;
                if (!TrySuffix(v, ref i, checkNumbers: false))
                {
                    return false;
                }

                build = v[start..i];
            }

            if (i != v.Length)
            {
                return false;
            }

            parsed = new Parsed(major, minor, patch, string.Empty, pre, build);
            return true;
        }

        private static bool TryNumber(string v, ref int i, out string number)
        {
            number = string.Empty;
            var start = i;
            while (i < v.Length && v[i] is >= '0' and <= '9')
            {
                i++;
            }

            if (i == start || (v[start] == '0' && i - start > 1))
            {
                return false;
            }

            number = v[start..i];
            return true;
        }

        // Reads "-ident(.ident)*" (stopping at '+') or "+ident(.ident)*" (to the end); identifiers are
        // [0-9A-Za-z-], non-empty, and pre-release numbers have no leading zero.
        private static bool TrySuffix(string v, ref int i, bool checkNumbers)
        {
            i++;
            var start = i;
            while (i < v.Length && !(checkNumbers && v[i] == '+'))
            {
                var c = v[i];
                if (c == '.')
                {
                    if (start == i || (checkNumbers && IsBadNumber(v.AsSpan(start, i - start))))
                    {
                        return false;
                    }

                    start = i + 1;
                }
                else if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
                {
                    return false;
                }

                i++;
            }

            return start != i && !(checkNumbers && IsBadNumber(v.AsSpan(start, i - start)));
        }

        private static bool IsBadNumber(ReadOnlySpan<char> s)
        {
            foreach (var c in s)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
            }

            return s.Length > 1 && s[0] == '0';
        }
    }
}
