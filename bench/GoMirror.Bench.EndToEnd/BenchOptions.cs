using System.Globalization;
using GoMirror.Core.Prewarm;

namespace GoMirror.Bench.EndToEnd;

/// <summary>What the harness measures and where it writes, from the command line.</summary>
public sealed record BenchOptions
{
    /// <summary><c>quick</c> (default: ~60 modules, latencies 0 and 50 ms) or <c>full</c> (~300 modules, 0/20/50/100 ms).</summary>
    public string Mode { get; init; } = "quick";

    /// <summary>The output folder (results.json, logs); <c>artifacts/bench</c> of the repository by default.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Corpus, caches and scratch files; kept between runs so an unchanged corpus is not generated twice.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>The go command.</summary>
    public string Go { get; init; } = "go";

    /// <summary>Module versions our pre-warm fetches at once: by default the engine's own default, as users run it
    /// (the floor's 16 at once is fixed apart from this).</summary>
    public int MaxParallel { get; init; } = ModulePrewarmer.DefaultMaxParallel;

    /// <summary>Per-request latencies served by the proxy.</summary>
    public IReadOnlyList<int> LatenciesMs { get; init; } = [];

    /// <summary>A per-response bandwidth cap in bytes per second, or null for none.</summary>
    public long? BytesPerSecond { get; init; }

    /// <summary>How many times each cold measurement runs; the median is reported.</summary>
    public int Repeat { get; init; } = 3;

    /// <summary>Runs of each no-op dotnet build variant; the median is reported.</summary>
    public int BuildRuns { get; init; } = 7;

    /// <summary>The folder holding the packed GoMirror.Build package, or null to skip the no-op build benchmark.</summary>
    public string? PackageSource { get; init; }

    /// <summary>The version of the packed package.</summary>
    public string? PackageVersion { get; init; }

    /// <summary>The go commands <c>go mod download</c> alone runs with as baselines, each with the default GOMAXPROCS and
    /// with GOMAXPROCS=32 (Go downloads GOMAXPROCS modules at once, so a many-core runner is faster than this machine).</summary>
    public IReadOnlyList<string> BaselineGos { get; init; } = [];

    /// <summary>Serve the corpus over https (a test CA, HTTP/2 offered by ALPN unless <see cref="Http2"/> is off).</summary>
    public bool Https { get; init; }

    /// <summary>Offer HTTP/2 in https mode.</summary>
    public bool Http2 { get; init; } = true;

    /// <summary>The delay on each new connection, as a multiple of the latency (2 stands for the TCP and TLS round trips).</summary>
    public double ConnectionDelayLatencies { get; init; }

    /// <summary>Modules dropped from go.sum for the checksum database scenario (run at the highest latency; 0 to skip).</summary>
    public int SumDbMissing { get; init; }

    /// <summary>Megabytes of the single large module pre-warmed alone to measure peak memory (0 to skip).</summary>
    public int LargeModuleMegabytes { get; init; }

    /// <summary>The harness assembly the engine child runs from (a ReadyToRun publish), or null for this build.</summary>
    public string? ChildAssembly { get; init; }

    /// <summary>Skip the warm runs (for runs that only compare cold figures).</summary>
    public bool SkipWarm { get; init; }

    /// <summary>Measure a cold pre-warm with a hanging first mirror (<c>hang|proxy</c>) against one without it.</summary>
    public bool Failover { get; init; } = true;

    /// <summary>Measure only the failover scenario (no cold, checksum database, large-module or warm runs).</summary>
    public bool FailoverOnly { get; init; }

    /// <summary>Number of corpus modules.</summary>
    public int Modules => Mode == "full" ? 300 : 60;

    /// <summary>Target total size of the corpus's zips.</summary>
    public long CorpusBytes => Mode == "full" ? 150L << 20 : 20L << 20;

    /// <summary>Parses <paramref name="args"/> (<c>--name value</c> or <c>--name=value</c>).</summary>
    public static BenchOptions Parse(string[] args, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{arg}'; options are --name value");
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                values[arg[2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"option '{arg}' needs a value");
            }
        }

        string? Get(string name) => values.Remove(name, out var v) && v.Length > 0 ? v : null;
        var mode = Get("mode") ?? "quick";
        if (mode is not ("quick" or "full"))
        {
            throw new ArgumentException($"--mode is quick or full, not '{mode}'");
        }

        var output = Path.GetFullPath(Get("out") ?? Path.Combine(repositoryRoot, "artifacts", "bench"));
        var go = Get("go") ?? "go";
        var options = new BenchOptions
        {
            Mode = mode,
            OutputDirectory = output,
            WorkDirectory = Path.GetFullPath(Get("work") ?? Path.Combine(output, "work")),
            Go = go,
            MaxParallel = Get("parallel") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : ModulePrewarmer.DefaultMaxParallel,
            LatenciesMs = Get("latencies") is { } l
                ? [.. l.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]
                : mode == "full" ? [0, 20, 50, 100] : [0, 50],
            BytesPerSecond = Get("bandwidth") is { } b ? long.Parse(b, CultureInfo.InvariantCulture) : null,
            Repeat = Get("repeat") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : mode == "full" ? 1 : 3,
            BuildRuns = Get("build-runs") is { } br ? int.Parse(br, CultureInfo.InvariantCulture) : 7,
            PackageSource = Get("package-source") is { } s ? Path.GetFullPath(s) : null,
            PackageVersion = Get("package-version"),
            BaselineGos = Get("baseline-go") is { } g ? [.. g.Split(',')] : DefaultBaselineGos(go),
            Https = Get("https") is { } h && bool.Parse(h),
            Http2 = Get("http2") is not { } h2 || bool.Parse(h2),
            ConnectionDelayLatencies = Get("connection-delay") is { } cd ? double.Parse(cd, CultureInfo.InvariantCulture) : 0,
            SumDbMissing = Get("sumdb-missing") is { } sm ? int.Parse(sm, CultureInfo.InvariantCulture) : 50,
            SkipWarm = Get("skip-warm") is { } sw && bool.Parse(sw),
            Failover = Get("failover") is not { } fo || bool.Parse(fo),
            FailoverOnly = Get("failover-only") is { } fon && bool.Parse(fon),
            ChildAssembly = Get("child") is { } ch ? Path.GetFullPath(ch) : null,
            LargeModuleMegabytes = Get("large-module-mb") is { } lm ? int.Parse(lm, CultureInfo.InvariantCulture) : 40,
        };
        if (values.Count > 0)
        {
            throw new ArgumentException("unknown option(s): " + string.Join(", ", values.Keys.Select(k => "--" + k)));
        }

        return options;
    }

    // The machine's oldest and newest Go where they are installed (docs/performance.md names both).
    private static string[] DefaultBaselineGos(string go) =>
        [go, .. new[] { "/usr/lib/go-1.23/bin/go" }.Where(File.Exists)];
}
