using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace GoMirror.Core.Modules;

/// <summary>
/// Module, import and file path checks exactly as golang.org/x/mod/module (CheckPath, CheckImportPath,
/// CheckFilePath, SplitPathVersion, CheckPathMajor). A failed check returns Go's reason, for example
/// <c>missing dot in first path element</c>, so a diagnostic can say what to change.
/// </summary>
internal static class ModulePath
{
    // Base names Windows reserves in every folder, whatever the extension.
    private static readonly string[] WindowsReservedNames =
    [
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    private enum Kind
    {
        Module,
        Import,
        File,
    }

    /// <summary>True when <paramref name="path"/> is a valid module path.</summary>
    public static bool IsValid(string path) => IsValid(path, out _);

    /// <summary>
    /// Checks a module path: the first element is lower-case letters, digits, <c>-</c> and <c>.</c>, contains a
    /// dot and does not start with a dash; the other elements use <c>[A-Za-z0-9-._~]</c> with no leading or
    /// trailing dot; no element is a Windows reserved name or ends in <c>~</c> plus digits; a final
    /// <c>/vN</c> has N ≥ 2 and <c>gopkg.in/</c> paths end in <c>.vN</c>.
    /// </summary>
    /// <param name="path">The module path.</param>
    /// <param name="problem">Go's reason when the path is invalid, for example <c>leading dot in path element</c>.</param>
    public static bool IsValid(string path, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        problem = CheckPath(path, Kind.Module) ?? CheckModuleSpecific(path);
        return problem is null;
    }

    /// <summary>Checks an import path (a package path): like a module path element by element, also allowing <c>+</c>, with no rule for the first element.</summary>
    public static bool IsValidImportPath(string path, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        problem = CheckPath(path, Kind.Import);
        return problem is null;
    }

    /// <summary>
    /// Checks a slash-separated file path inside a module (Go's CheckFilePath): Unicode letters, digits, space and
    /// <c>!#$%&amp;()+,-.=@[]^_{}~</c>; no empty element, no element of only dots or with a trailing dot,
    /// no Windows reserved name.
    /// </summary>
    public static bool IsValidFilePath(string path, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        problem = CheckPath(path, Kind.File);
        return problem is null;
    }

    /// <summary>Checks one file name element as Go checks a version before escaping it (a file path element).</summary>
    internal static string? CheckFileElement(string element) => CheckElement(element, Kind.File);

    /// <summary>
    /// Splits a module path into the prefix and the major-version suffix: <c>example.com/m/v2</c> →
    /// (<c>example.com/m</c>, <c>/v2</c>), <c>gopkg.in/yaml.v2</c> → (<c>gopkg.in/yaml</c>, <c>.v2</c>),
    /// <c>example.com/m</c> → (<c>example.com/m</c>, empty). Returns false for a malformed suffix such as
    /// <c>/v1</c>, <c>/v0</c>, <c>/v2.0</c> or a <c>gopkg.in</c> path without <c>.vN</c>.
    /// </summary>
    public static bool TrySplitPathVersion(string path, out string prefix, out string pathMajor)
    {
        ArgumentNullException.ThrowIfNull(path);
        prefix = path;
        pathMajor = string.Empty;
        if (path.StartsWith("gopkg.in/", StringComparison.Ordinal))
        {
            return TrySplitGopkgIn(path, out prefix, out pathMajor);
        }

        var i = path.Length;
        var dot = false;
        while (i > 0 && (path[i - 1] is >= '0' and <= '9' or '.'))
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

        prefix = path[..(i - 2)];
        pathMajor = major;
        return true;
    }

    /// <summary>
    /// Checks that <paramref name="version"/> fits a path whose major-version suffix is <paramref name="pathMajor"/>
    /// (Go's CheckPathMajor): no suffix admits v0, v1 and <c>+incompatible</c> versions; <c>/vN</c> and
    /// <c>.vN</c> admit only major N; <c>gopkg.in/x.v1</c> also admits <c>v0.0.0-</c> pseudo-versions.
    /// </summary>
    /// <param name="version">A module version.</param>
    /// <param name="pathMajor">The suffix from <see cref="TrySplitPathVersion"/>.</param>
    /// <param name="problem">For example <c>should be v2, not v3</c>.</param>
    public static bool MatchesPathMajor(string version, string pathMajor, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(pathMajor);
        problem = null;
        if (pathMajor.StartsWith(".v", StringComparison.Ordinal) && pathMajor.EndsWith("-unstable", StringComparison.Ordinal))
        {
            pathMajor = pathMajor[..^"-unstable".Length];
        }

        if (version.StartsWith("v0.0.0-", StringComparison.Ordinal) && pathMajor == ".v1")
        {
            return true;
        }

        var major = Semver.Major(version);
        string expected;
        if (pathMajor.Length == 0)
        {
            if (major is "v0" or "v1" || Semver.IsIncompatible(version))
            {
                return true;
            }

            expected = "v0 or v1";
        }
        else
        {
            expected = pathMajor[1..];
            if (major == expected)
            {
                return true;
            }
        }

        problem = $"should be {expected}, not {major}";
        return false;
    }

    private static bool TrySplitGopkgIn(string path, out string prefix, out string pathMajor)
    {
        prefix = path;
        pathMajor = string.Empty;
        var i = path.Length;
        if (path.EndsWith("-unstable", StringComparison.Ordinal))
        {
            i -= "-unstable".Length;
        }

        while (i > 0 && path[i - 1] is >= '0' and <= '9')
        {
            i--;
        }

        if (i <= 1 || path[i - 1] != 'v' || path[i - 2] != '.')
        {
            return false;
        }

        var major = path[(i - 2)..];
        if (major.Length <= 2 || (major[2] == '0' && major != ".v0"))
        {
            return false;
        }

        prefix = path[..(i - 2)];
        pathMajor = major;
        return true;
    }

    private static string? CheckModuleSpecific(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? path : path[..slash];
        if (slash == 0)
        {
            return "leading slash";
        }

        if (!first.Contains('.', StringComparison.Ordinal))
        {
            return "missing dot in first path element";
        }

        if (path[0] == '-')
        {
            return "leading dash in first path element";
        }

        foreach (var c in first)
        {
            if (!(c is '-' or '.' or >= '0' and <= '9' or >= 'a' and <= 'z'))
            {
                return $"invalid char '{c}' in first path element";
            }
        }

        return TrySplitPathVersion(path, out _, out _) ? null : "invalid version";
    }

    private static string? CheckPath(string path, Kind kind)
    {
        if (!IsValidUtf16(path))
        {
            return "invalid UTF-8";
        }

        if (path.Length == 0)
        {
            return "empty string";
        }

        if (path[0] == '-' && kind != Kind.File)
        {
            return "leading dash";
        }

        if (path.Contains("//", StringComparison.Ordinal))
        {
            return "double slash";
        }

        if (path[^1] == '/')
        {
            return "trailing slash";
        }

        foreach (var element in path.Split('/'))
        {
            if (CheckElement(element, kind) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckElement(string element, Kind kind)
    {
        if (element.Length == 0)
        {
            return "empty path element";
        }

        if (element.AsSpan().IndexOfAnyExcept('.') < 0)
        {
            return $"invalid path element {GoUnicode.Quote(element)}";
        }

        if (element[0] == '.' && kind == Kind.Module)
        {
            return "leading dot in path element";
        }

        if (element[^1] == '.')
        {
            return "trailing dot in path element";
        }

        foreach (var rune in element.EnumerateRunes())
        {
            var ok = kind switch
            {
                Kind.Module => IsModuleChar(rune),
                Kind.Import => IsModuleChar(rune) || rune.Value == '+',
                _ => IsFileChar(rune),
            };
            if (!ok)
            {
                return $"invalid char {GoUnicode.QuoteRune(rune.Value)}";
            }
        }

        // Windows reserves these names with any extension, so the part before the first dot counts.
        var dotAt = element.IndexOf('.', StringComparison.Ordinal);
        var shortName = dotAt >= 0 ? element[..dotAt] : element;
        foreach (var bad in WindowsReservedNames)
        {
            if (string.Equals(bad, shortName, StringComparison.OrdinalIgnoreCase))
            {
                return $"{GoUnicode.Quote(shortName)} disallowed as path element component on Windows";
            }
        }

        if (kind == Kind.File)
        {
            return null;
        }

        // "~digits" looks like a Windows 8.3 short name, which could alias another element.
        var tilde = shortName.LastIndexOf('~');
        if (tilde >= 0 && tilde < shortName.Length - 1 && shortName.AsSpan(tilde + 1).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return "trailing tilde and digits in path element";
        }

        return null;
    }

    private static bool IsModuleChar(Rune r) =>
        r.Value is '-' or '.' or '_' or '~' or >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z';

    private static bool IsFileChar(Rune r)
    {
        if (r.IsAscii)
        {
            return r.Value is >= '0' and <= '9' or >= 'A' and <= 'Z' or >= 'a' and <= 'z'
                || "!#$%&()+,-.=@[]^_{}~ ".Contains((char)r.Value, StringComparison.Ordinal);
        }

        return GoUnicode.IsLetter(r.Value);
    }

    private static bool IsValidUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
