namespace GoMirror.Core.Discovery;

/// <summary>
/// Finds the Go components (go.mod files) under a folder, for users who opt into discovery instead of
/// listing <c>GoModule</c> items. Folders that never hold a component of the repository are skipped:
/// build output, vendored and test-data trees, package folders and hidden folders (.git, .vs).
/// </summary>
public static class GoModuleDiscovery
{
    /// <summary>Folder names that are never searched, compared case-insensitively.</summary>
    public static IReadOnlySet<string> SkippedFolders { get; } =
        new HashSet<string>(["bin", "obj", "vendor", "testdata", "node_modules", "artifacts"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Every go.mod below <paramref name="root"/>, as full paths in ordinal order.</summary>
    public static IReadOnlyList<string> Find(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(Path.GetFullPath(root));
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            var goMod = Path.Combine(dir, "go.mod");
            if (File.Exists(goMod))
            {
                found.Add(goMod);
            }

            IEnumerable<string> children;
            try
            {
                children = Directory.EnumerateDirectories(dir);
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var child in children)
            {
                var name = Path.GetFileName(child);
                if (name.StartsWith('.') || name.StartsWith('_') || SkippedFolders.Contains(name)
                    || new DirectoryInfo(child).LinkTarget is not null)
                {
                    continue;
                }

                pending.Push(child);
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
