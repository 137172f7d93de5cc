using GoMirror.Core.GoMod;

namespace GoMirror.Core.Discovery;

/// <summary>
/// Finds the Go components (go.mod and go.work files) under a folder, for users who opt into discovery instead
/// of listing <c>GoModule</c> items. A go.work is one component with its members, so the go.mod files it uses
/// are not listed again. Folders that never hold a component of the repository are skipped: build output,
/// vendored and test-data trees, package folders and hidden folders (.git, .vs).
/// </summary>
public static class GoModuleDiscovery
{
    /// <summary>Folder names that are never searched, compared case-insensitively.</summary>
    public static IReadOnlySet<string> SkippedFolders { get; } =
        new HashSet<string>(["bin", "obj", "vendor", "testdata", "node_modules", "artifacts"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Every go.work, and every go.mod that no found go.work uses, below <paramref name="root"/>, as full
    /// paths in ordinal order.</summary>
    public static IReadOnlyList<string> Find(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var goMods = new List<string>();
        var goWorks = new List<string>();
        var pending = new Stack<string>();
        pending.Push(Path.GetFullPath(root));
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var (name, list) in new[] { ("go.mod", goMods), ("go.work", goWorks) })
            {
                if (File.Exists(Path.Combine(dir, name)))
                {
                    list.Add(Path.Combine(dir, name));
                }
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

        // A malformed go.work still claims its readable use lines; the engine reports the file when it loads it.
        var members = goWorks
            .SelectMany(w => GoComponent.WorkspaceMembers(GoModParser.ParseFile(w, GoModParseMode.Workspace).File))
            .ToHashSet(StringComparer.Ordinal);
        var found = goWorks.Concat(goMods.Where(m => !members.Contains(m))).ToList();
        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
