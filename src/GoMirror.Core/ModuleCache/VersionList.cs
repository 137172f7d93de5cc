using System.Text;
using GoMirror.Core.Modules;

namespace GoMirror.Core.ModuleCache;

/// <summary>
/// Rewrites <c>@v/list</c> after a <c>.mod</c> lands, as the go command's <c>rewriteVersionList</c> does
/// (cmd/go/internal/modfetch/cache.go, Go 1.16+): under an exclusive lock on the list file itself, list
/// every <c>&lt;v&gt;.mod</c> whose <c>v</c> is a canonical version (so escaped versions with <c>!</c> are
/// left out, as Go leaves them out), sort by <c>semver.Sort</c>, one per line each ending in <c>\n</c>,
/// and write only when the content changes.
/// </summary>
internal static class VersionList
{
    /// <summary>The list content Go would write for the <c>@v</c> folder <paramref name="downloadDirectory"/>.</summary>
    public static byte[] Compute(string downloadDirectory)
    {
        var versions = new List<string>();
        foreach (var file in Directory.EnumerateFiles(downloadDirectory))
        {
            var name = Path.GetFileName(file);
            if (!name.EndsWith(".mod", StringComparison.Ordinal))
            {
                continue;
            }

            var version = name[..^".mod".Length];
            if (Semver.TryCanonicalModuleVersion(version, out var canonical) && canonical == version)
            {
                versions.Add(version);
            }
        }

        versions.Sort(Semver.Comparer);
        var text = new StringBuilder();
        foreach (var version in versions)
        {
            text.Append(version).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Rewrites the list of <paramref name="downloadDirectory"/> when it is out of date.</summary>
    public static async Task RewriteAsync(string downloadDirectory, CancellationToken cancellationToken)
    {
        using var list = await LockedFile.LockExclusiveAsync(Path.Combine(downloadDirectory, "list"), cancellationToken).ConfigureAwait(false);
        var content = Compute(downloadDirectory);
        if (list.ReadAll().AsSpan().SequenceEqual(content))
        {
            return;
        }

        list.Overwrite(content);
    }
}
