namespace GoMirror.Core.ModuleCache;

/// <summary>
/// What a killed writer (ours or Go's) can leave behind, and how Go removes it: only while holding the
/// version's lock, because only then is the writer that made it certainly gone
/// (cmd/go/internal/modfetch/fetch.go).
/// </summary>
internal static class CacheDebris
{
    /// <summary>Deletes <c>&lt;ver&gt;.zip*.tmp</c> temp files of earlier zip downloads. Caller holds the version lock.</summary>
    public static void RemoveStaleZipTempFiles(ModuleCachePaths paths)
    {
        var prefix = Path.GetFileName(paths.ZipFile);
        foreach (var file in Directory.EnumerateFiles(paths.DownloadDirectory))
        {
            var name = Path.GetFileName(file);
            if (name.Length >= prefix.Length + 4 && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                TryDelete(file);
            }
        }
    }

    /// <summary>
    /// Deletes <c>&lt;mod&gt;@&lt;ver&gt;.tmp-*</c> folders (extraction before Go 1.16). Caller holds the version lock.
    /// </summary>
    public static void RemoveStaleExtractionFolders(ModuleCachePaths paths)
    {
        var parent = Path.GetDirectoryName(paths.SourceDirectory)!;
        if (!Directory.Exists(parent))
        {
            return;
        }

        var prefix = Path.GetFileName(paths.SourceDirectory) + ".tmp-";
        foreach (var dir in Directory.EnumerateDirectories(parent))
        {
            if (Path.GetFileName(dir).StartsWith(prefix, StringComparison.Ordinal))
            {
                RemoveTree(dir);
            }
        }
    }

    /// <summary>Removes a source folder that Go made read-only: write permission first, then delete (Go's <c>RemoveAll</c>).</summary>
    public static void RemoveTree(string dir)
    {
        if (!Directory.Exists(dir))
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Prepend(dir))
        {
            if (OperatingSystem.IsWindows())
            {
                File.SetAttributes(entry, File.GetAttributes(entry) & ~FileAttributes.ReadOnly);
            }
            else if (Directory.Exists(entry))
            {
                File.SetUnixFileMode(entry, File.GetUnixFileMode(entry) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Directory.Delete(dir, recursive: true);
    }

    /// <summary>Removes write permission from every folder below and including <paramref name="dir"/> (Go's <c>makeDirsReadOnly</c>), children first.</summary>
    public static void MakeFoldersReadOnly(string dir)
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows does not honour the read-only attribute on folders, so there is nothing to protect with it.
            return;
        }

        const UnixFileMode anyWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        var folders = Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories).Prepend(dir).ToList();
        for (var i = folders.Count - 1; i >= 0; i--)
        {
            var mode = File.GetUnixFileMode(folders[i]);
            if ((mode & anyWrite) != 0)
            {
                File.SetUnixFileMode(folders[i], mode & ~anyWrite);
            }
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Best effort, as in Go: a temp file that survives is never trusted by anyone.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
