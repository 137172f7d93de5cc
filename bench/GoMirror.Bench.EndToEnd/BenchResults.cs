namespace GoMirror.Bench.EndToEnd;

/// <summary>Everything one harness run measured; written as artifacts/bench/results.json.</summary>
public sealed record BenchResults
{
    /// <summary>quick or full.</summary>
    public required string Mode { get; init; }

    /// <summary>The machine and the load while measuring.</summary>
    public required MachineInfo Machine { get; init; }

    /// <summary>The corpus served.</summary>
    public required CorpusSummary Corpus { get; init; }

    /// <summary>Concurrency of our pre-warm and the floor.</summary>
    public required int MaxParallel { get; init; }

    /// <summary>Per-response bandwidth cap, or null.</summary>
    public long? BytesPerSecond { get; init; }

    /// <summary>Cold runs, one per latency.</summary>
    public List<ColdResult> Cold { get; } = [];

    /// <summary>Where the engine child ran from: a ReadyToRun publish, or the harness's own IL build.</summary>
    public string EngineBuild { get; init; } = "IL";

    /// <summary>http, https (HTTP/1.1 only) or https+h2 (HTTP/2 offered).</summary>
    public string Network { get; init; } = "http";

    /// <summary>The delay on each new connection, as a multiple of the latency.</summary>
    public double ConnectionDelayLatencies { get; init; }

    /// <summary>The checksum database scenario (#12), or null when skipped.</summary>
    public SumDbResult? SumDb { get; init; }

    /// <summary>One large module pre-warmed alone, or null when skipped.</summary>
    public LargeModuleResult? LargeModule { get; init; }

    /// <summary>A cold pre-warm with a hanging first mirror against one without it; null when not measured.</summary>
    public FailoverResult? Failover { get; init; }

    /// <summary>Warm runs (everything cached).</summary>
    public WarmResult? Warm { get; set; }

    /// <summary>The no-op dotnet build of the sample, or null when skipped.</summary>
    public NoOpBuildResult? NoOpBuild { get; set; }

    /// <summary>Why the no-op build was skipped, or null.</summary>
    public string? NoOpBuildSkipped { get; set; }

    /// <summary>Each target with where we are.</summary>
    public List<TargetCheck> Targets { get; } = [];
}

/// <summary>The machine.</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="MemoryBytes">Physical memory.</param>
/// <param name="Os">Operating system.</param>
/// <param name="Cpu">Processor model.</param>
/// <param name="Go">Output of <c>go version</c>.</param>
/// <param name="DotNet">The .NET runtime version.</param>
/// <param name="LoadBefore">1-minute load average before measuring.</param>
/// <param name="LoadAfter">1-minute load average after measuring.</param>
public sealed record MachineInfo(int Cores, long MemoryBytes, string Os, string Cpu, string Go, string DotNet, double LoadBefore, double LoadAfter);

/// <summary>The corpus.</summary>
/// <param name="Modules">Module versions.</param>
/// <param name="TotalZipBytes">Bytes of all zips.</param>
/// <param name="SmallestZipBytes">The smallest zip.</param>
/// <param name="LargestZipBytes">The largest zip.</param>
/// <param name="Requests">Requests a cold download needs (.info, .mod, .zip per module).</param>
public sealed record CorpusSummary(int Modules, long TotalZipBytes, long SmallestZipBytes, long LargestZipBytes, int Requests);

/// <summary>One cold comparison at one latency; times in milliseconds (medians over the repeats).</summary>
/// <param name="LatencyMs">Per-request latency served.</param>
/// <param name="GoAloneMs"><c>go mod download</c> alone, fresh GOMODCACHE.</param>
/// <param name="OursMs">Our pre-warm then <c>go mod download</c>, fresh GOMODCACHE, measured inside the child process.</param>
/// <param name="OursPrewarmMs">The pre-warm step of <paramref name="OursMs"/>.</param>
/// <param name="OursDownloadMs">The <c>go mod download</c> step of <paramref name="OursMs"/>.</param>
/// <param name="OursJitMs">The JIT compiler's share of <paramref name="OursMs"/> (the engine's code compiled on first use in a fresh process).</param>
/// <param name="OursProcessMs">The child process from start to exit (adds runtime start-up).</param>
/// <param name="FloorMs">A plain parallel fetch of the same files.</param>
/// <param name="OursOverGo">OursMs / GoAloneMs (below 1 is faster).</param>
/// <param name="GoOverOurs">The speed-up: GoAloneMs / OursMs.</param>
/// <param name="OursOverFloor">OursMs / FloorMs (1 is the floor).</param>
/// <param name="PrewarmOverFloor">OursPrewarmMs / FloorMs.</param>
/// <param name="PeakWorkingSetBytes">Peak working set of the child process.</param>
/// <param name="LoadAverage">1-minute load average before this latency's runs.</param>
public sealed record ColdResult(
    int LatencyMs,
    double GoAloneMs,
    double OursMs,
    double OursPrewarmMs,
    double OursDownloadMs,
    double OursJitMs,
    double OursProcessMs,
    double FloorMs,
    double OursOverGo,
    double GoOverOurs,
    double OursOverFloor,
    double PrewarmOverFloor,
    long PeakWorkingSetBytes,
    double LoadAverage)
{
    /// <summary><c>go mod download</c> alone per Go version and GOMAXPROCS.</summary>
    public IReadOnlyList<BaselineResult> Baselines { get; init; } = [];

    /// <summary>The fastest <c>go mod download</c> with GOMAXPROCS=32: the headline baseline.</summary>
    public double BestGoMs { get; init; }

    /// <summary>BestGoMs / OursMs.</summary>
    public double BestGoOverOurs { get; init; }

    /// <summary>The floor with every request in flight at once.</summary>
    public double FloorAllMs { get; init; }

    /// <summary>OursMs / FloorAllMs.</summary>
    public double OursOverFloorAll { get; init; }

    /// <summary>Connections the proxy accepted during our chain (median).</summary>
    public double OursConnections { get; init; }

    /// <summary>Connections the proxy accepted during the floor at 16 in flight (median).</summary>
    public double FloorConnections { get; init; }
}

/// <summary>One <c>go mod download</c> baseline.</summary>
/// <param name="Name">Go version, and GOMAXPROCS when set.</param>
/// <param name="Milliseconds">Median wall time.</param>
/// <param name="Connections">Median connections the proxy accepted.</param>
public sealed record BaselineResult(string Name, double Milliseconds, double Connections);

/// <summary>The checksum database scenario of #12: modules missing from go.sum, looked up by both sides.</summary>
/// <param name="MissingFromGoSum">Modules without go.sum lines.</param>
/// <param name="LatencyMs">Latency of the proxy and the database.</param>
/// <param name="Baselines"><c>go mod download</c> per Go version and GOMAXPROCS.</param>
/// <param name="OursMs">Our pre-warm then <c>go mod download</c>.</param>
/// <param name="OursPrewarmMs">The pre-warm step.</param>
/// <param name="OursDownloadMs">The <c>go mod download</c> step.</param>
/// <param name="GoOverOurs">The first baseline over ours.</param>
/// <param name="BestGoOverOurs">The fastest GOMAXPROCS=32 baseline over ours.</param>
/// <param name="GoDatabaseRequests">Requests the database saw in the last baseline run.</param>
/// <param name="OurDatabaseRequests">Requests the database saw in our last run (pre-warm and Go's download).</param>
/// <param name="LoadAverage">1-minute load average before the runs.</param>
public sealed record SumDbResult(int MissingFromGoSum, int LatencyMs, IReadOnlyList<BaselineResult> Baselines, double OursMs, double OursPrewarmMs, double OursDownloadMs,
    double GoOverOurs, double BestGoOverOurs, int GoDatabaseRequests, int OurDatabaseRequests, double LoadAverage);

/// <summary>Warm runs (every module cached) at the highest latency; times in milliseconds, each in a fresh process.</summary>
/// <param name="LatencyMs">Latency served.</param>
/// <param name="PrewarmHitChecksMs">The pre-warm step without the engine's step state (a restored cache): it checks every module.</param>
/// <param name="PrewarmHitChecksJitMs">The JIT compiler's share of <paramref name="PrewarmHitChecksMs"/>.</param>
/// <param name="PrewarmHitChecksWarmRuntimeMs">The same again in the same process (a new engine, JIT done): the engine's own work.</param>
/// <param name="ChainHitChecksMs">Pre-warm, <c>go mod download</c> and report, without step state.</param>
/// <param name="PrewarmUpToDateMs">The pre-warm step with the state of a previous run: it finds its inputs unchanged.</param>
/// <param name="PrewarmUpToDateJitMs">The JIT compiler's share of <paramref name="PrewarmUpToDateMs"/>.</param>
/// <param name="ChainUpToDateMs">Pre-warm, <c>go mod download</c> and report with the state of the run before (what a no-op build runs).</param>
/// <param name="ChainUpToDateWarmRuntimeMs">The same again in the same process (a new engine, JIT done), as in a reused MSBuild node.</param>
/// <param name="UpToDateSkipped">Whether the engine skipped both steps as up to date.</param>
/// <param name="GoAloneMs"><c>go mod download</c> alone against the same warm cache.</param>
/// <param name="ChainOverGo">ChainHitChecksMs / GoAloneMs.</param>
/// <param name="ProxyRequests">Requests the proxy saw during the warm runs (0 means nothing was fetched again).</param>
public sealed record WarmResult(
    int LatencyMs,
    double PrewarmHitChecksMs,
    double PrewarmHitChecksJitMs,
    double PrewarmHitChecksWarmRuntimeMs,
    double ChainHitChecksMs,
    double PrewarmUpToDateMs,
    double PrewarmUpToDateJitMs,
    double ChainUpToDateMs,
    double ChainUpToDateWarmRuntimeMs,
    bool UpToDateSkipped,
    double GoAloneMs,
    double ChainOverGo,
    int ProxyRequests);

/// <summary>No-op builds of the sample; times in milliseconds.</summary>
/// <param name="Runs">Runs of each variant.</param>
/// <param name="WithoutMs">Each run with GoMirrorEnabled=false.</param>
/// <param name="WithMs">Each run with GoMirrorEnabled=true.</param>
/// <param name="MedianWithoutMs">Median without.</param>
/// <param name="MedianWithMs">Median with.</param>
/// <param name="AddedMs">MedianWithMs - MedianWithoutMs.</param>
/// <param name="WithOverWithout">MedianWithMs / MedianWithoutMs.</param>
/// <param name="GoMirrorTasksMs">Each "with" run: the GoMirror tasks' own time from MSBuild's performance summary.</param>
/// <param name="MedianGoMirrorTasksMs">Median of <paramref name="GoMirrorTasksMs"/>.</param>
public sealed record NoOpBuildResult(
    int Runs,
    IReadOnlyList<double> WithoutMs,
    IReadOnlyList<double> WithMs,
    double MedianWithoutMs,
    double MedianWithMs,
    double AddedMs,
    double WithOverWithout,
    IReadOnlyList<double> GoMirrorTasksMs,
    double MedianGoMirrorTasksMs);

/// <summary>One target of docs/performance.md and where this run is.</summary>
/// <param name="Name">What is measured.</param>
/// <param name="Target">The target, in words.</param>
/// <param name="Actual">This run's figure, in words.</param>
/// <param name="Met">Whether the target is met.</param>
public sealed record TargetCheck(string Name, string Target, string Actual, bool Met);

/// <summary>One large module pre-warmed alone in a fresh process (#17 item 4).</summary>
/// <param name="ZipBytes">Size of its zip.</param>
/// <param name="PrewarmMs">The pre-warm step.</param>
/// <param name="PeakWorkingSetBytes">The child's peak working set at the end.</param>
/// <param name="StartupPeakWorkingSetBytes">The child's peak before the engine started.</param>
/// <param name="CorpusLargestZipBytes">The largest zip of the main corpus, for comparison.</param>
public sealed record LargeModuleResult(long ZipBytes, double PrewarmMs, long PeakWorkingSetBytes, long StartupPeakWorkingSetBytes, long CorpusLargestZipBytes)
{
    /// <summary>The reference module's zip (1 MB), pre-warmed the same way.</summary>
    public long SmallZipBytes { get; init; }

    /// <summary>The reference run's peak working set: what the large module adds is the difference.</summary>
    public long SmallPeakWorkingSetBytes { get; init; }
}

/// <summary>#15 item 2: a cold pre-warm and download (fresh cache, production client settings) through
/// <c>hang|proxy</c>, where the first mirror accepts every request and never answers, against the same through
/// <c>proxy</c> alone. Medians of the runs.</summary>
/// <param name="LatencyMs">The healthy proxy's per-request latency.</param>
/// <param name="WithoutHangMs">Pre-warm plus download through the healthy proxy alone.</param>
/// <param name="WithHangMs">The same with the hanging mirror first, followed by <c>|</c>.</param>
/// <param name="HangRequests">Requests the hanging mirror received in the last run (the rest skipped it).</param>
/// <param name="Runs">Runs of each.</param>
/// <param name="Load">The load average before the runs.</param>
public sealed record FailoverResult(int LatencyMs, double WithoutHangMs, double WithHangMs, int HangRequests, int Runs, double Load)
{
    /// <summary>How many times the hanging mirror makes the pre-warm slower.</summary>
    public double Ratio => WithHangMs / WithoutHangMs;

    /// <summary>What the hanging mirror costs, in milliseconds.</summary>
    public double ExtraMs => WithHangMs - WithoutHangMs;
}
