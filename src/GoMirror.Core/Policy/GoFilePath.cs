using System.Text;

namespace GoMirror.Core.Policy;

/// <summary>
/// Go's <c>path/filepath</c> rules for the target operating system (which need not be the one this code
/// runs on): <c>Join</c> cleans its result, <c>IsAbs</c> and <c>SplitList</c> follow the OS conventions.
/// </summary>
internal static class GoFilePath
{
    public static char Separator(GoHostOS os) => os == GoHostOS.Windows ? '\\' : '/';

    public static char ListSeparator(GoHostOS os) => os == GoHostOS.Windows ? ';' : ':';

    public static bool IsAbs(GoHostOS os, string path)
    {
        if (os != GoHostOS.Windows)
        {
            return path.StartsWith('/');
        }

        var volume = VolumeNameLength(path);
        if (volume == 0)
        {
            return false;
        }

        // A UNC share (\\host\share) is absolute by itself; a drive needs a separator after it.
        return IsUncVolume(path) || (path.Length > volume && IsWindowsSeparator(path[volume]));
    }

    /// <summary>Go's filepath.SplitList: an empty value is an empty list; empty elements are kept.</summary>
    public static IReadOnlyList<string> SplitList(GoHostOS os, string list) =>
        list.Length == 0 ? [] : list.Split(ListSeparator(os));

    public static string Join(GoHostOS os, params string[] parts)
    {
        var nonEmpty = parts.Where(p => p.Length > 0).ToArray();
        return nonEmpty.Length == 0 ? string.Empty : Clean(os, string.Join(Separator(os), nonEmpty));
    }

    /// <summary>Go's filepath.Clean: one separator between elements, no '.' elements, '..' resolved lexically.</summary>
    public static string Clean(GoHostOS os, string path)
    {
        var separator = Separator(os);
        var volumeLength = os == GoHostOS.Windows ? VolumeNameLength(path) : 0;
        var volume = path[..volumeLength];
        var rest = path[volumeLength..];
        if (os == GoHostOS.Windows)
        {
            volume = volume.Replace('/', '\\');
            rest = rest.Replace('/', '\\');
        }

        if (rest.Length == 0)
        {
            return volumeLength > 0 && IsUncVolume(path) ? volume : volume + ".";
        }

        var rooted = rest[0] == separator;
        var elements = new List<string>();
        foreach (var element in rest.Split(separator))
        {
            if (element.Length == 0 || element == ".")
            {
                continue;
            }

            if (element == ".." && elements.Count > 0 && elements[^1] != "..")
            {
                elements.RemoveAt(elements.Count - 1);
            }
            else if (element != ".." || !rooted)
            {
                elements.Add(element);
            }
        }

        var cleaned = new StringBuilder(volume);
        if (rooted)
        {
            cleaned.Append(separator);
        }

        cleaned.AppendJoin(separator, elements);
        return cleaned.Length == volume.Length ? volume + "." : cleaned.ToString();
    }

    private static bool IsWindowsSeparator(char c) => c is '\\' or '/';

    private static bool IsUncVolume(string path) =>
        path.Length >= 2 && IsWindowsSeparator(path[0]) && IsWindowsSeparator(path[1]) && VolumeNameLength(path) > 2;

    // C: or \\host\share, as filepath.VolumeName reads them.
    private static int VolumeNameLength(string path)
    {
        if (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]))
        {
            return 2;
        }

        if (path.Length >= 5 && IsWindowsSeparator(path[0]) && IsWindowsSeparator(path[1]) && !IsWindowsSeparator(path[2]) && path[2] != '.')
        {
            var hostEnd = path.IndexOfAny(['\\', '/'], 3);
            if (hostEnd > 3 && hostEnd + 1 < path.Length && !IsWindowsSeparator(path[hostEnd + 1]))
            {
                var shareEnd = path.IndexOfAny(['\\', '/'], hostEnd + 1);
                return shareEnd < 0 ? path.Length : shareEnd;
            }
        }

        return 0;
    }
}
