using System.Collections.Concurrent;
using System.Diagnostics;
using GoMirror.Testing;

namespace GoMirror.Differential.Tests;

/// <summary>
/// The Go releases installed side by side (Debian puts each in <c>/usr/lib/go-1.N</c>), found by asking each
/// <c>go</c> its version. Rules that changed between releases are compared against each of them.
/// </summary>
internal static class GoReleases
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Installed = new(Locate);

    /// <summary>The <c>go</c> of release <paramref name="release"/> (<c>1.23</c>); skips the test when it is not
    /// installed, or fails it under <c>GOMIRROR_REQUIRE_GO=1</c>.</summary>
    public static string Require(string release)
    {
        GoToolchain.Require();
        if (Installed.Value.TryGetValue(release, out var go))
        {
            return go;
        }

        var reason = $"Go {release} is not installed (looked for go on PATH, in GOROOT and in /usr/lib/go-1.*/bin; found {string.Join(", ", Installed.Value.Keys)})";
        if (Environment.GetEnvironmentVariable("GOMIRROR_REQUIRE_GO") == "1")
        {
            Assert.Fail(reason + "; GOMIRROR_REQUIRE_GO=1 makes this a failure.");
        }

        Assert.Skip(reason + ".");
        return string.Empty;
    }

    /// <summary>True when release <paramref name="release"/> is installed (a comparison that consults other releases asks).</summary>
    public static bool IsInstalled(string release) => Installed.Value.ContainsKey(release);

    /// <summary>Runs <paramref name="go"/> with <paramref name="arguments"/> in a clean environment and returns stdout, or throws with stderr.</summary>
    public static string Output(string go, IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(go) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        start.Environment["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? workingDirectory;
        start.Environment["GOTOOLCHAIN"] = "local";
        start.Environment["GOENV"] = "off";
        start.Environment["GOFLAGS"] = string.Empty;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + go);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{go} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }

    private static IReadOnlyDictionary<string, string> Locate()
    {
        var candidates = new List<string>();
        if (GoToolchain.Path is { } onPath)
        {
            candidates.Add(onPath);
        }

        if (Directory.Exists("/usr/lib"))
        {
            candidates.AddRange(Directory.EnumerateDirectories("/usr/lib", "go-1.*").Select(d => Path.Combine(d, "bin", "go")));
        }

        var found = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        foreach (var go in candidates.Where(File.Exists).Distinct(StringComparer.Ordinal))
        {
            // "go1.21.13" -> "1.21"
            var version = Output(go, new Dictionary<string, string>(), Path.GetTempPath(), "env", "GOVERSION").Trim();
            var parts = version.TrimStart('g', 'o').Split('.');
            if (parts.Length >= 2)
            {
                found.TryAdd(parts[0] + "." + parts[1], go);
            }
        }

        return found;
    }
}
