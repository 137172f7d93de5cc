using System.Collections;

namespace GoMirror.Testing;

/// <summary>
/// What a build under test sees of its environment, in process (<see cref="Apply"/>) and out of process
/// (<see cref="ChildProcess.CleanEnvironment"/>) alike: nothing of the test host's Go policy, Go env file, netrc,
/// CI (a test run inside GitHub Actions must not write to the job's step summary) or MSBuild; <c>GOENV=off</c>;
/// and a HOME, GOPATH and GOCACHE of the tests' own, so neither the engine nor the go command reads or writes
/// the user's. The home shares only the .NET SDK's and NuGet's folders with the real one (symbolic links), so
/// restores find the machine's package sources and caches.
/// </summary>
public static class HermeticEnvironment
{
    /// <summary>Variables removed by name: the policy, Go's own locations and env file, credentials, the report leg,
    /// the test host's MSBuild.</summary>
    private static readonly string[] RemovedNames =
    [
        "GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB", "GOINSECURE", "GOFLAGS", "GOMODCACHE", "GOPATH", "GOENV",
        "GOTOOLCHAIN", "GOCACHE", "GOAUTH", "NETRC", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "CI", "SOURCE_DATE_EPOCH",
        "GOMIRROR_REPORT_LEG", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBUILDDISABLENODEREUSE",
    ];

    /// <summary>Variables removed by prefix: every CI provider's (GitHub Actions, GitLab CI and their runners).</summary>
    private static readonly string[] RemovedPrefixes = ["GITHUB_", "GITLAB_", "CI_", "RUNNER_"];

    private static readonly Lazy<string> SharedRoot = new(CreateRoot);

    /// <summary>The run's own home (HOME), shared by every build of this test process.</summary>
    public static string Home => Path.Combine(SharedRoot.Value, "home");

    /// <summary>The run's own GOPATH.</summary>
    public static string GoPath => Path.Combine(SharedRoot.Value, "gopath");

    /// <summary>The tests' own GOCACHE: not the user's, and kept between runs (Go's build cache is safe to share
    /// between processes) so the helpers the tests compile with go build stay warm.</summary>
    public static string GoCache { get; } = Path.Combine(Path.GetTempPath(), "gomirror-tests-gocache");

    /// <summary>True for a variable a build under test must not see.</summary>
    public static bool IsRemoved(string name) =>
        RemovedNames.Contains(name, StringComparer.Ordinal) || RemovedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The variables set on top of what is left: GOENV=off and the run's own HOME, GOPATH and GOCACHE.</summary>
    public static Dictionary<string, string> Overrides() => new(StringComparer.Ordinal)
    {
        ["GOENV"] = "off",
        ["HOME"] = Home,
        ["GOPATH"] = GoPath,
        ["GOCACHE"] = GoCache,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["NO_COLOR"] = "1",
    };

    /// <summary>The environment of this process as a build under test gets it, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string> For(IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (!IsRemoved(name))
            {
                environment[name] = entry.Value as string ?? string.Empty;
            }
        }

        foreach (var (name, value) in Overrides())
        {
            environment[name] = value;
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>
    /// Makes this process's environment <see cref="For"/>(<paramref name="extra"/>) until the result is disposed,
    /// for an in-process build (the engine and MSBuild read the process environment). Only one may be active:
    /// callers run one at a time (the MSBuild test collection).
    /// </summary>
    public static IDisposable Apply(IReadOnlyDictionary<string, string>? extra = null)
    {
        var saved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            saved[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        var wanted = For(extra);
        foreach (var name in saved.Keys.Where(n => !wanted.ContainsKey(n)))
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        foreach (var (name, value) in wanted)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        return new Restore(saved, wanted.Keys);
    }

    private static string CreateRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "gomirror-hermetic-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        var home = Path.Combine(root, "home");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(Path.Combine(home, ".local", "share"));
        if (Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } realHome && !OperatingSystem.IsWindows())
        {
            // The SDK's and NuGet's folders only: package sources, the global packages folder, the http cache.
            foreach (var shared in new[] { ".nuget", ".dotnet", Path.Combine(".local", "share", "NuGet") })
            {
                if (Path.Combine(realHome, shared) is var target && Directory.Exists(target))
                {
                    Directory.CreateSymbolicLink(Path.Combine(home, shared), target);
                }
            }
        }

        // Lives for the test process: in-process builds may cache paths below HOME.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                // Go leaves its module cache read-only; the links to the real folders are removed, never followed.
                TempDirectory.MakeWritable(Path.Combine(root, "gopath"));
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort at exit; the temp folder is the OS's to clean.
            }
        };
        return root;
    }

    private sealed class Restore(Dictionary<string, string> saved, IEnumerable<string> applied) : IDisposable
    {
        private readonly string[] _applied = [.. applied];

        public void Dispose()
        {
            foreach (var name in _applied.Where(n => !saved.ContainsKey(n)))
            {
                Environment.SetEnvironmentVariable(name, null);
            }

            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
