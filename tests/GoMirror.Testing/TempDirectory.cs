namespace GoMirror.Testing;

/// <summary>
/// A fresh folder under the system temp directory, deleted on dispose. Go makes its module cache read-only,
/// so deletion first restores write permission on everything below.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the folder, named after <paramref name="prefix"/>.</summary>
    public TempDirectory(string prefix = "gomirror")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>A path below the folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Makes everything under <paramref name="root"/> writable again (Go leaves 0444/0555 behind).</summary>
    public static void MakeWritable(string root)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(root))
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Prepend(root))
        {
            try
            {
                var mode = File.GetUnixFileMode(entry);
                File.SetUnixFileMode(entry, mode | UnixFileMode.UserWrite | UnixFileMode.UserRead | (Directory.Exists(entry) ? UnixFileMode.UserExecute : 0));
            }
            catch (IOException)
            {
                // Vanished while we walked: nothing left to unlock.
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            MakeWritable(Path);
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; a failing Dispose would hide the test's own result.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
