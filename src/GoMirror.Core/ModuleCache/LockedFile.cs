using Microsoft.Win32.SafeHandles;

namespace GoMirror.Core.ModuleCache;

/// <summary>
/// An open, locked file, the counterpart of Go's <c>lockedfile.File</c>: an exclusive lock for writers
/// (<c>lockedfile.Edit</c>/<c>Create</c>/<c>MutexAt</c>), a shared lock for readers (<c>lockedfile.Read</c>).
/// Waiting is cancellation-aware: a blocking <c>flock</c> could not be interrupted, so the wait retries a
/// non-blocking attempt with a short back-off. Disposing unlocks and closes; lock files are never deleted.
/// </summary>
internal sealed class LockedFile : IDisposable
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMilliseconds(20);

    private LockedFile(string path, SafeFileHandle handle)
    {
        Path = path;
        Handle = handle;
    }

    /// <summary>The locked file.</summary>
    public string Path { get; }

    /// <summary>The open handle, for <see cref="RandomAccess"/> reads and writes.</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>Opens (creating when missing) and exclusively locks <paramref name="path"/>, waiting for other holders.</summary>
    public static async Task<LockedFile> LockExclusiveAsync(string path, CancellationToken cancellationToken)
    {
        var handle = OpenOrCreate(path);
        try
        {
            var backOff = TimeSpan.FromMilliseconds(1);
            while (!NativeFileLock.TryLock(handle, exclusive: true, path))
            {
                await Task.Delay(backOff, cancellationToken).ConfigureAwait(false);
                backOff = Min(backOff * 2, MaxBackOff);
            }

            return new LockedFile(path, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading under a shared lock, waiting while a writer holds it.
    /// Returns null when the file does not exist.
    /// </summary>
    public static LockedFile? LockShared(string path, CancellationToken cancellationToken = default)
    {
        var handle = NativeFileLock.OpenExisting(path, writable: false);
        if (handle is null)
        {
            return null;
        }

        try
        {
            var backOff = TimeSpan.FromMilliseconds(1);
            while (!NativeFileLock.TryLock(handle, exclusive: false, path))
            {
                // Writers of small lock-guarded files (.ziphash, list) hold the lock for microseconds.
                cancellationToken.WaitHandle.WaitOne(backOff);
                cancellationToken.ThrowIfCancellationRequested();
                backOff = Min(backOff * 2, MaxBackOff);
            }

            return new LockedFile(path, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads the whole file.</summary>
    public byte[] ReadAll()
    {
        var length = RandomAccess.GetLength(Handle);
        var buffer = new byte[length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = RandomAccess.Read(Handle, buffer.AsSpan(read), read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>
    /// Replaces the content the way Go's lockedfile writers do: truncate to zero, extend to the final size
    /// (zero-filled), then write. A write cut short leaves NUL bytes that readers recognise as damage.
    /// </summary>
    public void Overwrite(ReadOnlySpan<byte> content)
    {
        RandomAccess.SetLength(Handle, 0);
        RandomAccess.SetLength(Handle, content.Length);
        RandomAccess.Write(Handle, content, 0);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        NativeFileLock.Unlock(Handle);
        Handle.Dispose();
    }

    private static SafeFileHandle OpenOrCreate(string path)
    {
        while (true)
        {
            if (NativeFileLock.OpenExisting(path, writable: true) is { } existing)
            {
                return existing;
            }

            CreateEmpty(path);
        }
    }

    // Creates the file without ever replacing one that appeared meanwhile: a lock file replaced while someone
    // holds a lock on it would give the next writer a different file to lock, and two writers at once. A fresh
    // empty file under a unique name gets the final name with link(2) on Unix (.NET's File.Move without
    // overwrite checks and then renames, which can replace) and MoveFileEx without replace on Windows.
    // Opening the final path with O_CREAT through .NET is only the fallback for file systems without hard
    // links: .NET takes its own non-blocking flock on what it opens, which fails while another process holds
    // Go's lock.
    private static void CreateEmpty(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var fresh = path + "." + Guid.NewGuid().ToString("N") + ".new";
        using (new FileStream(fresh, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
        }

        try
        {
            if (OperatingSystem.IsWindows())
            {
                File.Move(fresh, path, overwrite: false);
            }
            else if (!NativeFileLock.TryLinkNoReplace(fresh, path))
            {
                File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete).Dispose();
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // Someone else created it first: theirs is the lock file.
        }
        finally
        {
            File.Delete(fresh);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
