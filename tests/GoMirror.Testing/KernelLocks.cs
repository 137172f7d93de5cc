using System.Diagnostics;
using Xunit;

namespace GoMirror.Testing;

/// <summary>
/// The kernel's table of file locks (<c>/proc/locks</c>, Linux): a test waits until a process is seen blocked on
/// a lock instead of sleeping and hoping it got there.
/// </summary>
public static class KernelLocks
{
    /// <summary>Skips the test where <c>/proc/locks</c> does not exist (every OS but Linux).</summary>
    public static void Require()
    {
        if (!File.Exists("/proc/locks"))
        {
            Assert.Skip("waiting on another process's blocked lock needs the kernel's lock table, /proc/locks (Linux)");
        }
    }

    /// <summary>True when some process waits, blocked, for a lock on <paramref name="path"/> (a <c>-&gt;</c> line of
    /// <c>/proc/locks</c> naming its inode).</summary>
    public static bool IsWaitedOn(string path)
    {
        var inode = Inode(path);
        foreach (var line in File.ReadLines("/proc/locks"))
        {
            // "2: -> FLOCK  ADVISORY  WRITE 19150 fe:00:11657593 0 EOF": the device and inode come after the pid.
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 6 && fields[1] == "->" && fields[6].EndsWith(":" + inode, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Inode(string path)
    {
        var start = new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var stat = Process.Start(start) ?? throw new InvalidOperationException("could not start stat");
        var inode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return stat.ExitCode == 0 ? inode : throw new InvalidOperationException($"stat {path} exited {stat.ExitCode}");
    }
}
