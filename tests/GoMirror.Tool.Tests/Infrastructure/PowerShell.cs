using GoMirror.Testing;

namespace GoMirror.Tool.Tests.Infrastructure;

/// <summary>
/// PowerShell 7.6.10 as a dotnet tool in a folder of its own (Debian has no pwsh package here; 7.7.0 fails on
/// this SDK, see build-machine.md): installed once per test run, skipped with the reason when it cannot be.
/// </summary>
public static class PowerShell
{
    private static readonly Lazy<(string? Path, string? Problem)> Installed = new(Install);

    /// <summary>The pwsh executable, or skips the test saying why there is none.</summary>
    public static string Require()
    {
        var (path, problem) = Installed.Value;
        if (path is null)
        {
            Assert.Skip("PowerShell 7.6.10 could not be installed as a dotnet tool: " + problem);
        }

        return path!;
    }

    private static (string?, string?) Install()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gomirror-pwsh-7.6.10");
        var pwsh = Path.Combine(folder, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");
        if (File.Exists(pwsh))
        {
            return (pwsh, null);
        }

        var run = ChildProcess.Dotnet(Path.GetTempPath(), ["tool", "install", "PowerShell", "--version", "7.6.10", "--tool-path", folder]);
        return run.ExitCode == 0 && File.Exists(pwsh) ? (pwsh, null) : (null, run.Output);
    }
}
