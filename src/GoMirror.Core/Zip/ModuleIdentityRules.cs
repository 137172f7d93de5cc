namespace GoMirror.Core.Zip;

/// <summary>
/// The checks Go's <c>CheckZip</c> makes on the module path and version before it looks at the zip:
/// the version is canonical (<c>module.CanonicalVersion</c>) and the pair passes <c>module.Check</c>
/// (module path rules, semantic version, major version suffix consistent with the version).
/// </summary>
internal static class ModuleIdentityRules
{
    /// <summary>Null when Go would accept the pair, otherwise why not.</summary>
    public static string? Check(string modulePath, string version)
    {
        if (!TryParseSemver(version, out var major, out var isFull, out var build))
        {
            return $"version \"{version}\" is not a semantic version";
        }

        if (!isFull || (build.Length > 0 && build != "+incompatible"))
        {
            return $"version \"{version}\" is not canonical";
        }

        if (CheckModulePath(modulePath) is { } pathProblem)
        {
            return $"malformed module path \"{modulePath}\": {pathProblem}";
        }

        var pathMajor = SplitPathMajor(modulePath);
        if (pathMajor.StartsWith(".v", StringComparison.Ordinal) && pathMajor.EndsWith("-unstable", StringComparison.Ordinal))
        {
            pathMajor = pathMajor[..^"-unstable".Length];
        }

        if (version.StartsWith("v0.0.0-", StringComparison.Ordinal) && pathMajor == ".v1")
        {
            return null;
        }

        var m = "v" + major;
        if (pathMajor.Length == 0)
        {
            return m is "v0" or "v1" || build == "+incompatible"
                ? null
                : $"{modulePath}@{version}: version should be v0 or v1, not {m}";
        }

        return m == pathMajor[1..] ? null : $"{modulePath}@{version}: version should be {pathMajor[1..]}, not {m}";
    }

    private static string? CheckModulePath(string path)
    {
        if (path.StartsWith('-'))
        {
            return "leading dash";
        }

        if (GoPathRules.CheckPath(path, CheckModuleElement) is { } problem)
        {
            return problem;
        }

        var first = path.Split('/')[0];
        if (!first.Contains('.', StringComparison.Ordinal))
        {
            return "missing dot in first path element";
        }

        foreach (var c in first)
        {
            if (!(c is '-' or '.' || char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)))
            {
                return $"invalid char '{c}' in first path element";
            }
        }

        return SplitPathMajorOk(path) ? null : "invalid version";
    }

    private static string? CheckModuleElement(string element)
    {
        if (element.Length == 0)
        {
            return "empty path element";
        }

        if (element.AsSpan().IndexOfAnyExcept('.') < 0)
        {
            return $"invalid path element \"{element}\"";
        }

        if (element[0] == '.')
        {
            return "leading dot in path element";
        }

        if (element[^1] == '.')
        {
            return "trailing dot in path element";
        }

        foreach (var c in element)
        {
            if (!(c is '-' or '.' or '_' or '~' || char.IsAsciiLetterOrDigit(c)))
            {
                return $"invalid char '{c}'";
            }
        }

        var dot = element.IndexOf('.', StringComparison.Ordinal);
        var shortName = dot >= 0 ? element[..dot] : element;
        if (GoPathRules.IsWindowsReserved(shortName))
        {
            return $"\"{shortName}\" disallowed as path element component on Windows";
        }

        var tilde = shortName.LastIndexOf('~');
        if (tilde >= 0 && tilde < shortName.Length - 1 && shortName.AsSpan(tilde + 1).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return "trailing tilde and digits in path element";
        }

        return null;
    }

    // Go's SplitPathVersion: "/vN" (N ≥ 2, no leading zero) or, for gopkg.in, ".vN" with optional "-unstable".
    private static string SplitPathMajor(string path)
    {
        TrySplitPathMajor(path, out var pathMajor);
        return pathMajor;
    }

    private static bool SplitPathMajorOk(string path) => TrySplitPathMajor(path, out _);

    private static bool TrySplitPathMajor(string path, out string pathMajor)
    {
        pathMajor = string.Empty;
        int i;
        if (path.StartsWith("gopkg.in/", StringComparison.Ordinal))
        {
            i = path.Length;
            if (path.EndsWith("-unstable", StringComparison.Ordinal))
            {
                i -= "-unstable".Length;
            }

            while (i > 0 && char.IsAsciiDigit(path[i - 1]))
            {
                i--;
            }

            if (i <= 1 || path[i - 1] != 'v' || path[i - 2] != '.')
            {
                return false;
            }

            var gopkg = path[(i - 2)..];
            if (gopkg.Length <= 2 || (gopkg[2] == '0' && gopkg != ".v0"))
            {
                return false;
            }

            pathMajor = gopkg;
            return true;
        }

        i = path.Length;
        var dot = false;
        while (i > 0 && (char.IsAsciiDigit(path[i - 1]) || path[i - 1] == '.'))
        {
            dot |= path[i - 1] == '.';
            i--;
        }

        if (i <= 1 || i == path.Length || path[i - 1] != 'v' || path[i - 2] != '/')
        {
            return true;
        }

        var major = path[(i - 2)..];
        if (dot || major.Length <= 2 || major[2] == '0' || major == "/v1")
        {
            return false;
        }

        pathMajor = major;
        return true;
    }

    // golang.org/x/mod/semver parsing: vMAJOR[.MINOR[.PATCH[-pre][+build]]].
    private static bool TryParseSemver(string v, out string major, out bool isFull, out string build)
    {
        major = string.Empty;
        isFull = false;
        build = string.Empty;
        if (v.Length == 0 || v[0] != 'v')
        {
            return false;
        }

        var rest = v.AsSpan(1);
        if (!TakeNumber(ref rest, out var majorSpan))
        {
            return false;
        }

        major = majorSpan.ToString();

        // Minor and patch may both be omitted ("v1", "v1.2"), which is valid but not canonical.
        for (var component = 0; component < 2; component++)
        {
            if (rest.Length == 0)
            {
                return true;
            }

            if (rest[0] != '.')
            {
                return false;
            }

            rest = rest[1..];
            if (!TakeNumber(ref rest, out _))
            {
                return false;
            }
        }

        isFull = true;
        if (rest.Length > 0 && rest[0] == '-')
        {
            var end = rest.IndexOf('+');
            var pre = end < 0 ? rest[1..] : rest[1..end];
            if (!IdentifiersOk(pre, prerelease: true))
            {
                return false;
            }

            rest = end < 0 ? [] : rest[end..];
        }

        if (rest.Length > 0 && rest[0] == '+')
        {
            if (!IdentifiersOk(rest[1..], prerelease: false))
            {
                return false;
            }

            build = rest.ToString();
            rest = [];
        }

        return rest.Length == 0;
    }

    private static bool TakeNumber(ref ReadOnlySpan<char> s, out ReadOnlySpan<char> number)
    {
        var n = s.IndexOfAnyExceptInRange('0', '9');
        if (n < 0)
        {
            n = s.Length;
        }

        number = s[..n];
        s = s[n..];
        return n > 0 && (n == 1 || number[0] != '0');
    }

    private static bool IdentifiersOk(ReadOnlySpan<char> text, bool prerelease)
    {
        foreach (var range in text.Split('.'))
        {
            var id = text[range];
            if (id.Length == 0)
            {
                return false;
            }

            foreach (var c in id)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }

            if (prerelease && id.Length > 1 && id[0] == '0' && id.IndexOfAnyExceptInRange('0', '9') < 0)
            {
                return false;
            }
        }

        return true;
    }
}
