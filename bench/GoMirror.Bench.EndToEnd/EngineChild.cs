using System.Diagnostics;
using System.Runtime;
using System.Text.Json;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;

namespace GoMirror.Bench.EndToEnd;

/// <summary>What a child process measured: each step's wall time, and the process's peak working set.</summary>
/// <param name="Steps">Step name and milliseconds, in order.</param>
/// <param name="PeakWorkingSetBytes">The peak working set of the whole process (VmHWM on Linux) at the end.</param>
/// <param name="StartupPeakWorkingSetBytes">The peak working set before the engine was created (runtime and harness alone).</param>
/// <param name="Errors">Error diagnostics, empty when every step succeeded.</param>
public sealed record ChildReport(IReadOnlyList<StepTime> Steps, long PeakWorkingSetBytes, long StartupPeakWorkingSetBytes, IReadOnlyList<string> Errors);

/// <summary>One timed step.</summary>
/// <param name="Name">check, prewarm, download or report.</param>
/// <param name="Milliseconds">Wall time around the engine call.</param>
/// <param name="Skipped">Whether the engine skipped it as up to date.</param>
/// <param name="JitMilliseconds">Time the JIT compiler spent during the step (part of <paramref name="Milliseconds"/>).</param>
/// <param name="JitMethods">Methods compiled during the step.</param>
public sealed record StepTime(string Name, double Milliseconds, bool Skipped, double JitMilliseconds, long JitMethods);

/// <summary>
/// Our chain in a process of its own, so its peak memory is the pre-warm's and nothing of the harness's
/// (the proxy, the corpus) counts. The parent passes the proxy, cache and component; the child runs the
/// steps asked for through <see cref="GoMirrorEngine"/> and prints one <c>RESULT {json}</c> line.
/// </summary>
public static class EngineChild
{
    /// <summary>The marker of the result line.</summary>
    public const string ResultMarker = "RESULT ";

    /// <summary>Runs the child: args are proxy URL, GOMODCACHE, go.mod, max parallel, report folder, go, GOSUMDB, then
    /// step names (check, prewarm, download, report; <c>|</c> starts a new engine).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (proxy, modCache, goMod, parallel, reports, go, goSumDb) = (args[0], args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), args[4], args[5], args[6]);
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ModuleSetBench.SourceVariable)) && !Microsoft.Build.Locator.MSBuildLocator.IsRegistered)
        {
            // Module sets use NuGet's assemblies, which a host provides (docs/architecture.md, "NuGet assemblies"): here the SDK's.
            Microsoft.Build.Locator.MSBuildLocator.RegisterDefaults();
        }

        var startupPeak = PeakWorkingSet();
        var bench = new SourceLocation("bench");
        var log = new CollectingLog();
        var options = new GoMirrorOptions
        {
            PolicySettings =
            [
                new ExplicitSetting("GOPROXY", proxy, bench),
                new ExplicitSetting("GOSUMDB", goSumDb, bench),
                new ExplicitSetting("GOMODCACHE", modCache, bench),
                new ExplicitSetting("GOFLAGS", string.Empty, bench),
                new ExplicitSetting("GOPRIVATE", string.Empty, bench),
                new ExplicitSetting("GONOPROXY", string.Empty, bench),
                new ExplicitSetting("GONOSUMDB", string.Empty, bench),
            ],
            GoModules = [goMod],
            GoExecutable = go == "go" ? null : go, // a bare name: let the engine search PATH as it does in builds
            MaxParallel = parallel,
            ReportDirectory = reports,
            Tool = "GoMirror.Bench.EndToEnd",

            // The module-set benchmark's feed, from the environment so the positional arguments stay as they are.
            ModuleSetSource = Environment.GetEnvironmentVariable(ModuleSetBench.SourceVariable),
            ModuleSetConfigFile = Environment.GetEnvironmentVariable(ModuleSetBench.ConfigVariable),
            ModuleSetPush = Environment.GetEnvironmentVariable(ModuleSetBench.PushVariable) == "true",
        };
        var steps = new List<StepTime>();

        // "|" starts a new engine in the same process: the steps after it run with the runtime already warm.
        // "forget" deletes the engine's step state ($GOMODCACHE/cache/gomirror), untimed, as a cache restored into a
        // fresh checkout has none: the pre-warm after it checks every module instead of finding its inputs unchanged.
        var engine = new GoMirrorEngine(options, log);
        try
        {
            foreach (var step in args.Skip(7))
            {
                if (step == "|")
                {
                    engine.Dispose();
                    engine = new GoMirrorEngine(options, log);
                    continue;
                }

                if (step == "forget")
                {
                    ProcessRunner.DeleteTree(Path.Combine(modCache, "cache", "gomirror"));
                    continue;
                }

                var (jitTime, jitMethods) = (JitInfo.GetCompilationTime(), JitInfo.GetCompiledMethodCount());
                var clock = Stopwatch.StartNew();
                var (skipped, diagnostics) = step switch
                {
                    "check" => Outcome(engine.CheckPolicy()),
                    "prewarm" => Outcome(await engine.PrewarmAsync().ConfigureAwait(false)),
                    "download" => Outcome(await engine.DownloadAsync().ConfigureAwait(false)),
                    "report" => Outcome(await engine.ReportAsync().ConfigureAwait(false)),
                    _ => throw new ArgumentException("unknown step " + step),
                };
                clock.Stop();
                steps.Add(new StepTime(step, clock.Elapsed.TotalMilliseconds, skipped, (JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds, JitInfo.GetCompiledMethodCount() - jitMethods));
                log.Errors.AddRange(diagnostics.Where(d => d.IsError).Select(d => d.ToString()));
            }
        }
        finally
        {
            engine.Dispose();
        }

        var report = new ChildReport(steps, PeakWorkingSet(), startupPeak, [.. log.Errors.Distinct(StringComparer.Ordinal)]);
        Console.WriteLine(ResultMarker + JsonSerializer.Serialize(report));
        return report.Errors.Count == 0 ? 0 : 1;
    }

    private static (bool Skipped, IReadOnlyList<Diagnostic> Diagnostics) Outcome(StepResult result) => (result.Skipped, result.Diagnostics);

    private static (bool Skipped, IReadOnlyList<Diagnostic> Diagnostics) Outcome(PolicyCheckResult result) => (false, result.Diagnostics);

    // VmHWM of /proc/self/status (Process.PeakWorkingSet64 reads the same on Linux).
    private static long PeakWorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }

    private sealed class CollectingLog : IGoMirrorLog
    {
        public List<string> Errors { get; } = [];

        // The engine's own log goes to stderr, which the harness keeps in a log file per run.
        public void Message(GoMirrorLogLevel level, string text) => Console.Error.WriteLine($"[{level}] {text}");

        public void Diagnostic(Diagnostic diagnostic)
        {
            Console.Error.WriteLine(diagnostic.ToString());
            if (diagnostic.IsError)
            {
                lock (Errors)
                {
                    Errors.Add(diagnostic.ToString());
                }
            }
        }
    }
}
