using Xunit;

namespace GoMirror.Testing;

/// <summary>
/// Bytes the calling thread has read through system calls so far (<c>rchar</c> of <c>/proc/thread-self/io</c>,
/// Linux): a test says "this never reads the file" by counting, not by timing an operation on a loaded machine.
/// Per thread, so tests running beside it do not count; the code measured must run synchronously on this thread.
/// </summary>
public static class ThreadReads
{
    private const string Counters = "/proc/thread-self/io";

    /// <summary>Skips the test where the kernel keeps no per-thread I/O counters (every OS but Linux).</summary>
    public static void Require()
    {
        if (!File.Exists(Counters))
        {
            Assert.Skip($"counting the bytes a call reads needs the kernel's per-thread I/O counters, {Counters} (Linux)");
        }
    }

    /// <summary>The thread's <c>rchar</c> counter now. Reading the counters file itself adds its own few hundred bytes.</summary>
    public static long Now()
    {
        foreach (var line in File.ReadLines(Counters))
        {
            if (line.StartsWith("rchar:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan("rchar:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{Counters} has no rchar line");
    }
}
