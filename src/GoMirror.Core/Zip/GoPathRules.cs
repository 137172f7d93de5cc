namespace GoMirror.Core.Zip;

/// <summary>
/// Go's <c>path.Clean</c>, which a zip entry name must already satisfy, and whether a name would land outside
/// the folder it is extracted into. Go's <c>CheckFilePath</c> is <see cref="Modules.ModulePath.IsValidFilePath"/>.
/// </summary>
internal static class GoPathRules
{
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
}
