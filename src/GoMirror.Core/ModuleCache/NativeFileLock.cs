using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GoMirror.Core.ModuleCache;

/// <summary>
/// The operating-system calls behind Go's cmd/go/internal/lockedfile: <c>flock(2)</c> on Unix and
/// <c>LockFileEx</c> over the whole file on Windows. .NET's own FileShare emulation is not used for the
/// cache: on Unix it takes a non-blocking <c>LOCK_SH</c> on every file it opens, which fails outright while
/// Go holds <c>LOCK_EX</c>, so cache files that Go locks are opened with <c>open(2)</c> instead.
/// </summary>
internal static class NativeFileLock
{
    private const int LockShared = 1;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int LockRelease = 8;
    private const int ReadOnly = 0;
    private const int ReadWrite = 2;
    private const int ErrorNotFound = 2;
    private const int ErrorInterrupted = 4;
    private const int ErrorExists = 17;
    private const int WindowsLockViolation = 33;
    private const uint WindowsExclusive = 2;
    private const uint WindowsFailImmediately = 1;

    /// <summary>Opens an existing file without taking any lock; null when it does not exist.</summary>
    public static SafeFileHandle? OpenExisting(string path, bool writable)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                // Windows sharing modes are real share modes, not locks: allowing read, write and delete
                // matches what Go's syscall.Open asks for.
                return File.OpenHandle(path, FileMode.Open, writable ? FileAccess.ReadWrite : FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (DirectoryNotFoundException)
            {
                return null;
            }
        }

        while (true)
        {
            var fd = Unix.Open(path, (writable ? ReadWrite : ReadOnly) | CloseOnExec);
            if (fd >= 0)
            {
                return new SafeFileHandle(fd, ownsHandle: true);
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == ErrorInterrupted)
            {
                continue;
            }

            if (errno == ErrorNotFound)
            {
                return null;
            }

            throw new IOException($"cannot open '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }

    /// <summary>
    /// Gives the file <paramref name="existing"/> the additional name <paramref name="path"/> with <c>link(2)</c>,
    /// which never replaces a file that is already there. Returns true when <paramref name="path"/> now exists
    /// (made by us or by someone else), false when the file system has no hard links. Unix only.
    /// </summary>
    public static bool TryLinkNoReplace(string existing, string path)
    {
        while (true)
        {
            if (Unix.Link(existing, path) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == ErrorInterrupted)
            {
                continue;
            }

            if (errno == ErrorExists)
            {
                return true;
            }

            if (errno == ErrorNotFound)
            {
                throw new IOException($"cannot create '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
            }

            return false;
        }
    }

    /// <summary>Tries to take the lock without waiting. False when another holder has a conflicting lock.</summary>
    public static bool TryLock(SafeFileHandle handle, bool exclusive, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var overlapped = default(NativeOverlapped);
            if (Windows.LockFileEx(handle, (exclusive ? WindowsExclusive : 0) | WindowsFailImmediately, 0, uint.MaxValue, uint.MaxValue, ref overlapped))
            {
                return true;
            }

            var error = Marshal.GetLastPInvokeError();
            return error == WindowsLockViolation
                ? false
                : throw new IOException($"cannot lock '{path}': {Marshal.GetPInvokeErrorMessage(error)}");
        }

        while (true)
        {
            if (Unix.Flock((int)handle.DangerousGetHandle(), (exclusive ? LockExclusive : LockShared) | LockNonBlocking) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == ErrorInterrupted)
            {
                continue;
            }

            if (errno == WouldBlock)
            {
                return false;
            }

            throw new IOException($"cannot lock '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }
    }

    /// <summary>Releases a lock taken with <see cref="TryLock"/>; closing the handle would release it too.</summary>
    public static void Unlock(SafeFileHandle handle)
    {
        if (handle.IsClosed)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            var overlapped = default(NativeOverlapped);
            Windows.UnlockFileEx(handle, 0, uint.MaxValue, uint.MaxValue, ref overlapped);
            return;
        }

        Unix.Flock((int)handle.DangerousGetHandle(), LockRelease);
    }

    // O_CLOEXEC keeps a child process (the go command we start) from inheriting, and so holding, our locks.
    private static int CloseOnExec => OperatingSystem.IsLinux() ? 0x80000 : OperatingSystem.IsFreeBSD() ? 0x100000 : 0x1000000;

    private static int WouldBlock => OperatingSystem.IsLinux() ? 11 : 35;

    private static class Unix
    {
        // open(2) is called without O_CREAT, so the variadic mode argument is never read (which keeps the
        // call correct on Apple arm64, where variadic arguments travel differently).
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "link", SetLastError = true)]
        public static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);

        [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
        public static extern int Flock(int fd, int operation);
    }

    private static class Windows
    {
        [DllImport("kernel32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        public static extern bool LockFileEx(SafeFileHandle file, uint flags, uint reserved, uint lengthLow, uint lengthHigh, ref NativeOverlapped overlapped);

        [DllImport("kernel32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        public static extern bool UnlockFileEx(SafeFileHandle file, uint reserved, uint lengthLow, uint lengthHigh, ref NativeOverlapped overlapped);
    }
}
