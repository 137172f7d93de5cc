using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Toolchain;

/// <summary>
/// What the go command does to an extracted toolchain before its first run (cmd/go/internal/toolchain/select.go
/// <c>Exec</c>): the module zip stores every file 0444, so the execute bits of <c>pkg/tool</c>, <c>bin/gofmt</c> and
/// <c>bin</c> are set (in that order, so a racing go command never sees <c>bin/go</c> runnable before its tools),
/// and every <c>_go.mod</c> (cmd/distpack renamed them so the zip is one module) is copied back to <c>go.mod</c>,
/// <c>src/go.mod</c> last because Go takes it as the sign that the tree is done. Doing it here gives the tree Go
/// itself would leave, so the go command finds nothing to do and a provisioned <c>bin/go</c> can run at once.
/// </summary>
internal static class ToolchainFetchTree
{
    private const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>True when Go would find nothing left to do in <paramref name="directory"/>.</summary>
    public static bool IsRunnable(string directory, ToolchainFetchPlatform platform)
    {
        var go = Path.Combine(directory, "bin", "go" + platform.ExecutableSuffix);
        return File.Exists(go)
            && (platform.IsWindows || OperatingSystem.IsWindows() || (File.GetUnixFileMode(go) & Execute) != 0)
            && Size(Path.Combine(directory, "src", "go.mod")) == Size(Path.Combine(directory, "src", "_go.mod"));
    }

    /// <summary>Sets the execute bits and restores the go.mod files as Go does; null on success.</summary>
    public static Diagnostic? MakeRunnable(string directory, ToolchainFetchPlatform platform)
    {
        try
        {
            var go = Path.Combine(directory, "bin", "go" + platform.ExecutableSuffix);
            if (!File.Exists(go))
            {
                return ToolchainFetchDiagnostics.TreeNotRunnable.Create($"the toolchain in '{directory}' has no bin/go{platform.ExecutableSuffix}.");
            }

            if (!platform.IsWindows && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(go) & Execute) == 0)
            {
                AllowExec(Path.Combine(directory, "pkg", "tool"));
                AllowExec(Path.Combine(directory, "bin", "gofmt"));
                AllowExec(Path.Combine(directory, "bin"));
            }

            var srcUnderscore = Path.Combine(directory, "src", "_go.mod");
            var srcGoMod = Path.Combine(directory, "src", "go.mod");
            if (Size(srcGoMod) != Size(srcUnderscore))
            {
                foreach (var file in Directory.EnumerateFiles(directory, "_go.mod", SearchOption.AllDirectories))
                {
                    if (file != srcUnderscore)
                    {
                        CopyBeside(file);
                    }
                }

                CopyBeside(srcUnderscore);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ToolchainFetchDiagnostics.TreeNotRunnable.Create($"the toolchain in '{directory}' could not be made runnable: {e.Message}");
        }
    }

    private static void AllowExec(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        IEnumerable<string> files = File.Exists(root) ? [root] : Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories) : [];
        foreach (var file in files)
        {
            File.SetUnixFileMode(file, File.GetUnixFileMode(file) | Execute);
        }
    }

    // Go's raceSafeCopy: the folder is read-only in the module cache, so its write bit is restored for the copy and
    // cleared again; the copy gets the original's mode (0444).
    private static void CopyBeside(string underscoreGoMod)
    {
        if (!File.Exists(underscoreGoMod))
        {
            return;
        }

        var target = Path.Combine(Path.GetDirectoryName(underscoreGoMod)!, "go.mod");
        if (Size(target) == Size(underscoreGoMod))
        {
            return;
        }

        var folder = Path.GetDirectoryName(underscoreGoMod)!;
        if (OperatingSystem.IsWindows())
        {
            File.Copy(underscoreGoMod, target, overwrite: true);
            return;
        }

        var folderMode = File.GetUnixFileMode(folder);
        File.SetUnixFileMode(folder, folderMode | UnixFileMode.UserWrite);
        try
        {
            File.Copy(underscoreGoMod, target, overwrite: true);
            File.SetUnixFileMode(target, File.GetUnixFileMode(underscoreGoMod));
        }
        finally
        {
            File.SetUnixFileMode(folder, folderMode);
        }
    }

    private static long Size(string file) => File.Exists(file) ? new FileInfo(file).Length : -1;
}
