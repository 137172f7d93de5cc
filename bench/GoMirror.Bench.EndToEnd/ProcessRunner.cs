using System.Diagnostics;

namespace GoMirror.Bench.EndToEnd;

/// <summary>The outcome of one timed command.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Elapsed">Wall time from start to exit.</param>
/// <param name="StandardOutput">What it printed.</param>
/// <param name="StandardError">What it printed on stderr.</param>
public sealed record TimedRun(int ExitCode, TimeSpan Elapsed, string StandardOutput, string StandardError)
{
    /// <summary>Throws with the command's own error text unless it exited 0.</summary>
    public TimedRun EnsureSuccess(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed (exit {ExitCode}):\n{StandardError}\n{StandardOutput}");
}

/// <summary>
/// Runs a command with exactly the environment given (plus PATH and HOME), timing it from start to exit.
/// Go runs with GOENV=off, GOFLAGS empty and GOTOOLCHAIN=local, so nothing from the user's setup leaks in.
/// </summary>
public static class ProcessRunner
{
    /// <summary>The environment every go run starts from.</summary>
    public static Dictionary<string, string> GoEnvironment(string proxyUrl, string goModCache, string goCache) => new(StringComparer.Ordinal)
    {
        ["GOENV"] = "off",
        ["GOFLAGS"] = string.Empty,
        ["GOTOOLCHAIN"] = "local",
        ["GO111MODULE"] = "on",
        ["GOPROXY"] = proxyUrl,
        ["GOSUMDB"] = "off",
        ["GONOSUMDB"] = string.Empty,
        ["GOPRIVATE"] = string.Empty,
        ["GONOPROXY"] = string.Empty,
        ["GOMODCACHE"] = goModCache,
        ["GOCACHE"] = goCache,
        ["GOPATH"] = Path.Combine(Path.GetDirectoryName(goModCache)!, "gopath"),
    };

    /// <summary>Runs <paramref name="file"/> in <paramref name="directory"/> and waits for it.</summary>
    public static TimedRun Run(string file, string directory, IReadOnlyDictionary<string, string> environment, bool inheritEnvironment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (!inheritEnvironment)
        {
            start.Environment.Clear();
            start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
            start.Environment["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? directory;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + file);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        clock.Stop();
        return new TimedRun(process.ExitCode, clock.Elapsed, stdout.Result, stderr.Result);
    }

    private static int _setAside;

    /// <summary>
    /// Moves a finished run's folder out of the way into <c>.trash</c> beside it instead of deleting it: on an ext4
    /// file system without a journal (this machine's) every inode created within a minute or more of a large delete
    /// scans the freed inodes (<c>recently_deleted</c> in ext4's allocator), which in a perf profile took a third of
    /// the next run's CPU. Each run, ours and Go's alike, starts on a file system that deleted nothing just before;
    /// <see cref="EmptyTrash"/> deletes it all once the measuring is over.
    /// </summary>
    public static void SetAside(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        var trash = Path.Combine(Path.GetDirectoryName(path)!, ".trash");
        Directory.CreateDirectory(trash);
        Directory.Move(path, Path.Combine(trash, $"{Path.GetFileName(path)}-{Environment.ProcessId}-{Interlocked.Increment(ref _setAside)}"));
    }

    /// <summary>Writes every dirty page to disk (<c>sync</c>) so the kernel's write-back of one run does not take
    /// processor time from the next on 2 cores. No-op where there is no <c>sync</c> (Windows).</summary>
    public static void FlushWrites()
    {
        if (File.Exists("/bin/sync"))
        {
            Run("/bin/sync", Path.GetTempPath(), new Dictionary<string, string>(StringComparer.Ordinal), inheritEnvironment: true);
        }
    }

    /// <summary>Deletes what <see cref="SetAside"/> moved into <paramref name="folder"/>'s <c>.trash</c>.</summary>
    public static void EmptyTrash(string folder) => DeleteTree(Path.Combine(folder, ".trash"));

    /// <summary>Deletes a folder that may hold Go's read-only module cache.</summary>
    public static void DeleteTree(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        GoMirror.Testing.TempDirectory.MakeWritable(path);
        Directory.Delete(path, recursive: true);
    }
}
