using System.Runtime.InteropServices;

namespace GoMirror.Core.Publishing;

/// <summary>What a directory entry is, as Go's walk sees it through lstat: links are never followed.</summary>
internal enum FileSystemEntryKind
{
    Directory,
    RegularFile,
    SymbolicLink,
    Irregular,

    /// <summary>A name that is not valid UTF-8: .NET hands it over with U+FFFD in place of the bad bytes, so the
    /// path it gives names nothing (Go refuses such a tree: "invalid UTF-8").</summary>
    NotUtf8Name,
}

/// <summary>Classifies directory entries. .NET reports pipes, sockets and devices as plain files, so on Unix the type bits come from lstat.</summary>
internal static partial class FileSystemEntryClassifier
{
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;

    public static FileSystemEntryKind Classify(FileSystemInfo entry)
    {
        if (!OperatingSystem.IsWindows() && entry.Name.Contains('\uFFFD', StringComparison.Ordinal) && LStat(entry.FullName, new byte[256]) != 0)
        {
            return FileSystemEntryKind.NotUtf8Name;
        }

        if (entry.LinkTarget is not null || entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
        {
            return FileSystemEntryKind.SymbolicLink;
        }

        if (entry is DirectoryInfo)
        {
            return FileSystemEntryKind.Directory;
        }

        return OperatingSystem.IsWindows() || IsRegularOnUnix(entry.FullName)
            ? FileSystemEntryKind.RegularFile
            : FileSystemEntryKind.Irregular;
    }

    private static bool IsRegularOnUnix(string path)
    {
        // The runtime's own native shim fills a platform-independent status record whose second
        // 32-bit field is st_mode (type bits included) on every Unix the runtime supports.
        var status = new byte[256];
        if (LStat(path, status) != 0)
        {
            // Cannot tell: treat it as a file, and reading it reports the real problem.
            return true;
        }

        return (BitConverter.ToInt32(status, 4) & TypeMask) == RegularType;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", ExactSpelling = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);
}
