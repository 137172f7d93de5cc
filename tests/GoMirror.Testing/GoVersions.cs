using System.Diagnostics;
using Xunit;

namespace GoMirror.Testing;

/// <summary>
/// The Go releases the Go-oracle tests run on, as theory data: a test takes <c>string go</c> from
/// <see cref="EveryGoAttribute"/> (or a row of <see cref="Cross"/>), calls <see cref="Use"/> first, and from then on every <see cref="GoToolchain"/> call in
/// its flow runs that release. The case name carries the version (<c>Hashes_equal_go(go: "1.21")</c>), so a
/// difference between releases shows as one failing case.
/// </summary>
/// <remarks>
/// The releases are <c>GOMIRROR_TEST_GO_VERSIONS</c> (comma- or space-separated language versions, such as
/// <c>1.19,1.21,1.23</c>), else <see cref="Default"/>. Each is found among the installed toolchains: the go
/// on PATH and in GOROOT/bin, <c>/usr/lib/go-1.*/bin/go</c> (Debian's packages) and <c>/usr/local/go/bin/go</c>,
/// asked for <c>go version</c> once. A release that is not installed skips its cases with a reason, or
/// fails them when <c>GOMIRROR_REQUIRE_GO=1</c> (CI installs all three: see <c>.ci/run</c>).
/// </remarks>
public static class GoVersions
{
    /// <summary>The releases CI installs: Debian's golang-go and bookworm-backports' golang-1.21-go and golang-1.23-go.</summary>
    public static IReadOnlyList<string> Default { get; } = ["1.19", "1.21", "1.23"];

    private static readonly AsyncLocal<string?> Current = new();
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Installed = new(FindInstalled);

    /// <summary>The releases the oracle tests run on, in order.</summary>
    public static IReadOnlyList<string> Expected { get; } = ReadExpected();

    /// <summary>Every row of <paramref name="rows"/> once per release, the release last.</summary>
    public static TheoryData<T, string> Cross<T>(IEnumerable<T> rows)
    {
        var data = new TheoryData<T, string>();
        foreach (var row in rows)
        {
            foreach (var version in Expected)
            {
                data.Add(row, version);
            }
        }

        return data;
    }

    /// <summary>The release selected by <see cref="Use"/> in this flow, or null for the default go.</summary>
    public static string? Selected => Current.Value;

    /// <summary>Makes <see cref="GoToolchain"/> run <paramref name="version"/> until the result is disposed
    /// (skipping or failing the test first when that release is not installed).</summary>
    public static IDisposable Use(string version)
    {
        Require(version);
        var before = Current.Value;
        Current.Value = version;
        return new Selection(before);
    }

    /// <summary>The go executable of <paramref name="version"/> (<c>1.21</c>), or null when it is not installed.</summary>
    public static string? Find(string version) => Installed.Value.GetValueOrDefault(version);

    /// <summary>The go executable of <paramref name="version"/>; skips or fails the test when it is not installed.</summary>
    public static string Require(string version)
    {
        if (Find(version) is { } go)
        {
            return go;
        }

        var found = Installed.Value.Count == 0 ? "none" : string.Join(", ", Installed.Value.Select(p => $"{p.Key} at {p.Value}"));
        var reason = $"Go {version} is not installed (looked on PATH, in GOROOT/bin, /usr/lib/go-1.*/bin and /usr/local/go/bin; found: {found}); "
            + $"on Debian 12 add the bookworm-backports suite and apt-get install golang-{version}-go (1.19 is golang-go), or choose the releases with GOMIRROR_TEST_GO_VERSIONS";
        if (Environment.GetEnvironmentVariable("GOMIRROR_REQUIRE_GO") == "1")
        {
            Assert.Fail(reason + " (GOMIRROR_REQUIRE_GO=1 makes this a failure).");
        }

        Assert.Skip(reason + ".");
        return string.Empty;
    }

    /// <summary>Orders language versions numerically (<c>1.9</c> before <c>1.21</c>).</summary>
    public static int Compare(string a, string b)
    {
        var (x, y) = (Parts(a), Parts(b));
        return x.Major != y.Major ? x.Major.CompareTo(y.Major) : x.Minor.CompareTo(y.Minor);
    }

    private static (int Major, int Minor) Parts(string version)
    {
        var parts = version.Split('.');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 0);
    }

    private static List<string> ReadExpected()
    {
        var text = Environment.GetEnvironmentVariable("GOMIRROR_TEST_GO_VERSIONS");
        if (string.IsNullOrWhiteSpace(text))
        {
            return [.. Default];
        }

        var versions = text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => v.StartsWith("go", StringComparison.Ordinal) ? v[2..] : v)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var version in versions)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(version, @"^1\.[0-9]+$"))
            {
                throw new InvalidOperationException($"GOMIRROR_TEST_GO_VERSIONS: '{version}' is not a Go language version such as 1.21.");
            }
        }

        versions.Sort(Compare);
        return versions;
    }

    private static Dictionary<string, string> FindInstalled()
    {
        var name = OperatingSystem.IsWindows() ? "go.exe" : "go";
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("GOROOT") is { Length: > 0 } root)
        {
            candidates.Add(Path.Combine(root, "bin", name));
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(dir, name));
        }

        if (Directory.Exists("/usr/lib"))
        {
            candidates.AddRange(Directory.EnumerateDirectories("/usr/lib", "go-1.*").Order(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin", name)));
        }

        candidates.Add("/usr/local/go/bin/" + name);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var candidate in candidates.Where(File.Exists).Distinct(StringComparer.Ordinal))
        {
            if (LanguageVersion(candidate) is { } version)
            {
                found.TryAdd(version, candidate);
            }
        }

        return found;
    }

    private sealed class Selection(string? before) : IDisposable
    {
        public void Dispose() => Current.Value = before;
    }

    // "go version go1.21.13 linux/amd64" → "1.21". GOTOOLCHAIN=local: the installed release, never a switch.
    private static string? LanguageVersion(string go)
    {
        var start = new ProcessStartInfo(go, "version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["GOTOOLCHAIN"] = "local";
        start.Environment["GOFLAGS"] = string.Empty;
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var match = System.Text.RegularExpressions.Regex.Match(output, @"^go version go(1\.[0-9]+)");
            return process.ExitCode == 0 && match.Success ? match.Groups[1].Value : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
