using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.GoMod;

/// <summary>
/// A go.sum read as Go reads it (<see cref="GoSumFile"/>), to point a diagnostic at the line recording a module's
/// hash: the first <c>h1:</c> line for it, the one Go compares a download with. Lines are counted at <c>\n</c>
/// only and fields split at any white space, as in Go, so a lone <c>\r</c> or a tab does not move or hide a line.
/// </summary>
internal sealed class GoSumText
{
    private static readonly GoSumText None = new(null, null);
    private readonly string? _path;
    private readonly GoSumFile? _file;

    private GoSumText(string? path, GoSumFile? file)
    {
        _path = path;
        _file = file;
    }

    /// <summary>Reads <paramref name="path"/>; a missing or unreadable file gives an empty text.</summary>
    public static GoSumText Load(string? path) =>
        string.IsNullOrEmpty(path) ? None : new GoSumText(path, GoSumFile.ReadFile(path).File);

    /// <summary>The go.sum line of <c>module version</c> (or <c>module version/go.mod</c>); the file alone when no line matches; null without a file.</summary>
    public SourceLocation? Locate(string module, string version, bool goMod)
    {
        if (_path is null || _file is null)
        {
            return null;
        }

        var found = goMod ? _file.TryGetGoModHash(module, version, out var entry) : _file.TryGetZipHash(module, version, out entry);
        return found ? SourceLocation.InFile(_path, entry!.Line) : SourceLocation.InFile(_path);
    }
}
