using System.Text;

namespace GoMirror.Core.Zip;

/// <summary>
/// Go's rules for file paths inside a module (golang.org/x/mod/module <c>CheckFilePath</c>) and Go's
/// <c>path.Clean</c>, which a zip entry name must already satisfy.
/// </summary>
internal static class GoPathRules
{
    private const string AllowedPunctuation = "!#$%&()+,-.=@[]^_{}~ ";

    private static readonly string[] WindowsReservedNames =
    [
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// <summary>Go's <c>path.Clean</c>: the shortest equivalent slash-separated path.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var element in path.Split('/'))
        {
            if (element.Length == 0 || element == ".")
            {
                continue;
            }

            if (element == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add(element);
                }

                continue;
            }

            parts.Add(element);
        }

        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>True when writing <paramref name="path"/> below a folder would land outside it.</summary>
    public static bool Escapes(string path) =>
        path.StartsWith('/') || path.StartsWith('\\') || path.Split('/', '\\').Contains("..") ||
        (path.Length >= 2 && path[1] == ':');

    /// <summary>Go's <c>CheckFilePath</c>: null when valid, otherwise why not (in Go's words).</summary>
    public static string? CheckFilePath(string path) => CheckPath(path, CheckElement);

    /// <summary>
    /// The shape Go's <c>checkPath</c> requires of module, import and file paths alike (non-empty, no
    /// double or trailing slash), with <paramref name="checkElement"/> applied to each element.
    /// </summary>
    public static string? CheckPath(string path, Func<string, string?> checkElement)
    {
        if (path.Length == 0)
        {
            return "empty string";
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
            if (checkElement(element) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckElement(string element)
    {
        if (element.Length == 0)
        {
            return "empty path element";
        }

        if (element.AsSpan().IndexOfAnyExcept('.') < 0)
        {
            return $"invalid path element \"{element}\"";
        }

        if (element[^1] == '.')
        {
            return "trailing dot in path element";
        }

        foreach (var rune in element.EnumerateRunes())
        {
            if (!FileNameCharOk(rune))
            {
                return $"invalid char '{rune}' (U+{rune.Value:X4})";
            }
        }

        var dot = element.IndexOf('.', StringComparison.Ordinal);
        var shortName = dot >= 0 ? element[..dot] : element;
        return IsWindowsReserved(shortName) ? $"\"{shortName}\" disallowed as path element component on Windows" : null;
    }

    /// <summary>
    /// True for a name (the part of an element before its first dot) Windows reserves, in any case. The
    /// names hold no letter with a special Unicode case fold, so ASCII case-insensitivity is Go's EqualFold here.
    /// </summary>
    public static bool IsWindowsReserved(string shortName) =>
        Array.Exists(WindowsReservedNames, reserved => string.Equals(reserved, shortName, StringComparison.OrdinalIgnoreCase));

    private static bool FileNameCharOk(Rune r)
    {
        if (r.IsAscii)
        {
            return char.IsAsciiLetterOrDigit((char)r.Value) || AllowedPunctuation.Contains((char)r.Value, StringComparison.Ordinal);
        }

        // Go allows every Unicode letter (categories Lu, Ll, Lt, Lm, Lo) outside ASCII.
        return Rune.IsLetter(r);
    }
}
