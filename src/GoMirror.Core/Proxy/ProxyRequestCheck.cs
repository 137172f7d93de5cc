namespace GoMirror.Core.Proxy;

/// <summary>
/// The checks Go applies before it escapes a module path or version into a proxy URL (golang.org/x/mod/module
/// <c>EscapePath</c>/<c>CheckPath</c> and <c>EscapeVersion</c>). They also keep a request from leaving its
/// module's folder of a file: proxy.
/// </summary>
internal static class ProxyRequestCheck
{
    private static readonly string[] WindowsReservedNames =
        ["CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"];

    /// <summary>Why Go would refuse <paramref name="path"/> as a module path, or null when it is valid.</summary>
    public static string? ModulePathError(string path)
    {
        if (path.Length == 0)
        {
            return "empty string";
        }

        if (path.Contains("..", StringComparison.Ordinal))
        {
            return "double dot";
        }

        if (path.Contains("//", StringComparison.Ordinal))
        {
            return "double slash";
        }

        if (path[0] == '/')
        {
            return "leading slash";
        }

        if (path[^1] == '/')
        {
            return "trailing slash";
        }

        foreach (var element in path.Split('/'))
        {
            if (ElementError(element, fileName: false) is { } error)
            {
                return error;
            }
        }

        var first = path.Split('/')[0];
        if (!first.Contains('.', StringComparison.Ordinal))
        {
            return "missing dot in first path element";
        }

        if (first[0] == '-')
        {
            return "leading dash in first path element";
        }

        foreach (var c in first)
        {
            if (c is not ('-' or '.' or (>= '0' and <= '9') or (>= 'a' and <= 'z')))
            {
                return $"invalid char '{c}' in first path element";
            }
        }

        return null;
    }

    /// <summary>Why Go would refuse <paramref name="version"/> in a proxy URL, or null when it is allowed.
    /// Non-ASCII letters, valid in Go file names, are refused too: Go's escaping rejects them.</summary>
    public static string? VersionError(string version) =>
        version.Contains('!', StringComparison.Ordinal) || ElementError(version, fileName: true) is not null
            ? "disallowed version string"
            : null;

    private static string? ElementError(string element, bool fileName)
    {
        if (element.Length == 0)
        {
            return "empty path element";
        }

        if (element.All(c => c == '.'))
        {
            return $"invalid path element \"{element}\"";
        }

        if (element[0] == '.' && !fileName)
        {
            return "leading dot in path element";
        }

        if (element[^1] == '.')
        {
            return "trailing dot in path element";
        }

        foreach (var c in element)
        {
            var ok = c is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '+' or '-' or '.' or '_' or '~'
                || (fileName && "!#$%&()+,-.=@[]^_{}~ ".Contains(c, StringComparison.Ordinal));
            if (!ok)
            {
                return $"invalid char '{c}'";
            }
        }

        var dot = element.IndexOf('.', StringComparison.Ordinal);
        var shortName = dot >= 0 ? element[..dot] : element;
        return WindowsReservedNames.Any(n => string.Equals(n, shortName, StringComparison.OrdinalIgnoreCase))
            ? $"\"{shortName}\" disallowed as path element component on Windows"
            : null;
    }
}
