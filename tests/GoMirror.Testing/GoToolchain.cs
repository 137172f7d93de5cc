using System.Diagnostics;
using Xunit;

namespace GoMirror.Testing;

/// <summary>
/// The real Go toolchain, used as the oracle. <see cref="Require"/> skips the test with a clear reason when
/// <c>go</c> is missing, or fails it when <c>GOMIRROR_REQUIRE_GO=1</c> (CI sets it, so a CI machine
/// without Go goes red instead of silently skipping). Inside <see cref="GoVersions.Use"/> every member runs
/// the release selected there; otherwise the go found on PATH (or in GOROOT/bin).
/// </summary>
public static class GoToolchain
{
    private static readonly Lazy<string?> Located = new(Locate);

    /// <summary>Full path of <c>go</c> (the selected release's, see <see cref="GoVersions.Use"/>), or null when none is installed.</summary>
    public static string? Path => GoVersions.Selected is { } version ? GoVersions.Find(version) : Located.Value;

    /// <summary>Returns the path of <c>go</c>, or skips/fails the current test when there is none.</summary>
    public static string Require()
    {
        if (GoVersions.Selected is { } version)
        {
            return GoVersions.Require(version);
        }

        if (Located.Value is { } go)
        {
            return go;
        }

        const string reason = "the Go toolchain ('go') was not found on PATH or in GOROOT/bin; install Go (Debian: apt-get install golang-go) to run this test";
        if (Environment.GetEnvironmentVariable("GOMIRROR_REQUIRE_GO") == "1")
        {
            Assert.Fail(reason + " (GOMIRROR_REQUIRE_GO=1 makes this a failure).");
        }

        Assert.Skip(reason + ".");
        return string.Empty;
    }

    /// <summary>
    /// Runs <c>go</c> with exactly the given environment (plus PATH, and the test run's own HOME and GOCACHE
    /// unless the caller gives them) and returns
    /// exit code, stdout and stderr. GOFLAGS, GOPROXY and friends from the test process never leak in.
    /// </summary>
    public static GoRun Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunGo(Require(), workingDirectory, environment, arguments);

    /// <summary>As <see cref="Run"/>, with the <c>go</c> executable <paramref name="go"/> (another installed Go version).</summary>
    public static GoRun RunGo(string go, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(go)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";

        // The oracle's own home and GOCACHE (the test run's, HermeticEnvironment): never the user's. GOPATH is left to
        // Go's default ($HOME/go, so hermetic too): tests of policy resolution compare that default with ours.
        start.Environment["HOME"] = HermeticEnvironment.Home;
        start.Environment["GOCACHE"] = HermeticEnvironment.GoCache;
        start.Environment["GOENV"] = "off";
        start.Environment["GOTOOLCHAIN"] = "local";
        start.Environment["GOFLAGS"] = string.Empty;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + go);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new GoRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Locate()
    {
        var name = OperatingSystem.IsWindows() ? "go.exe" : "go";
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("GOROOT") is { Length: > 0 } root)
        {
            candidates.Add(System.IO.Path.Combine(root, "bin", name));
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(System.IO.Path.Combine(dir, name));
        }

        candidates.Add("/usr/lib/go/bin/" + name);
        return candidates.FirstOrDefault(File.Exists);
    }
}

/// <summary>The outcome of one <c>go</c> run in a test.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Stdout">Everything written to stdout.</param>
/// <param name="Stderr">Everything written to stderr.</param>
public sealed record GoRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Fails the test with Go's output unless the run succeeded.</summary>
    public GoRun AssertSuccess()
    {
        Assert.True(ExitCode == 0, $"go exited {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        return this;
    }
}
