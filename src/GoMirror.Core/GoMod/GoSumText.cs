using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.GoMod;

/// <summary>The lines of a go.sum file, to point a diagnostic at the line recording a module's hash.</summary>
internal sealed class GoSumText
{
    private static readonly GoSumText None = new(null, []);
    private readonly string? _path;
    private readonly string[] _lines;

    private GoSumText(string? path, string[] lines)
    {
        _path = path;
        _lines = lines;
    }

    /// <summary>Reads <paramref name="path"/>; a missing or unreadable file gives an empty text.</summary>
    public static GoSumText Load(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return None;
        }

        try
        {
            return new GoSumText(path, File.ReadAllLines(path));
        }
        catch (IOException)
        {
            return new GoSumText(path, []);
        }
        catch (UnauthorizedAccessException)
        {
            return new GoSumText(path, []);
        }
    }

    /// <summary>The go.sum line of <c>module version</c> (or <c>module version/go.mod</c>); the file alone when no line matches; null without a file.</summary>
    public SourceLocation? Locate(string module, string version, bool goMod)
    {
        if (_path is null)
        {
            return null;
        }

        var prefix = goMod ? $"{module} {version}/go.mod " : $"{module} {version} ";
        for (var i = 0; i < _lines.Length; i++)
        {
            if (_lines[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                return SourceLocation.InFile(_path, i + 1);
            }
        }

        return SourceLocation.InFile(_path);
    }
}
