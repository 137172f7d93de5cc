using System.Globalization;
using System.Text.Json;
using GoMirror.Testing;
using GoMirror.Testing.Https;

namespace GoMirror.Bench.EndToEnd;

/// <summary>
/// Runs every end-to-end measurement in one process and one run, so each ratio compares figures taken on the
/// same machine under the same load: cold (ours vs <c>go mod download</c> alone vs the floor) per latency,
/// warm, the no-op build, and peak memory. Prints the ratios and writes results.json.
/// </summary>
public sealed class Harness(BenchOptions options, string repositoryRoot)
{
    private readonly string _work = options.WorkDirectory;
    private readonly Dictionary<string, string> _networkEnvironment = new(StringComparer.Ordinal);
    private int _childRuns;

    /// <summary>Measures, prints and writes the results.</summary>
    public async Task<BenchResults> RunAsync()
    {
        Directory.CreateDirectory(options.OutputDirectory);
        Directory.CreateDirectory(_work);
        var loadBefore = MachineProbe.LoadAverage();
        Say($"engine child: {options.ChildAssembly ?? "this build (IL only, JIT-compiled)"}");
        Say($"mode {options.Mode}: {options.Modules} modules, ~{options.CorpusBytes >> 20} MB, latencies {string.Join("/", options.LatenciesMs)} ms, parallel {options.MaxParallel}, load {loadBefore}");

        var corpus = Corpus.Create(Path.Combine(_work, "corpus-" + options.Mode), options.Modules, options.CorpusBytes);
        Say($"corpus: {corpus.Modules.Count} modules, {corpus.TotalZipBytes / 1e6:0.0} MB of zips, {corpus.Modules.Min(m => m.ZipBytes) / 1e3:0.0} KB to {corpus.Modules.Max(m => m.ZipBytes) / 1e6:0.00} MB");
        var scratch = Path.Combine(_work, "scratch");
        var goMod = GoComponent.Create(Path.Combine(_work, "component-" + options.Mode), corpus, options.Go, scratch);
        var component = Path.GetDirectoryName(goMod)!;

        using var ca = options.Https ? new TestCertificateAuthority(Path.Combine(_work, "test-ca.pem")) : null;
        var folder = new ModuleProxyFolder(corpus.ProxyRoot);
        await using var proxy = ca is null
            ? await TestProxyServer.StartAsync(folder, "/proxy").ConfigureAwait(false)
            : await TestProxyServer.StartHttpsAsync(folder, ca.IssueServerCertificate(), options.Http2, "/proxy").ConfigureAwait(false);
        if (ca is not null)
        {
            // Go and the engine's child both take the test CA from SSL_CERT_FILE on Linux; nothing touches the machine's store.
            _networkEnvironment["SSL_CERT_FILE"] = ca.BundleFile;
        }

        proxy.BytesPerSecond = options.BytesPerSecond;
        Say($"proxy {proxy.Url}: {(ca is null ? "http" : options.Http2 ? "https, HTTP/2 offered" : "https, HTTP/1.1 only")}, connection delay {options.ConnectionDelayLatencies}x latency, bandwidth {(options.BytesPerSecond is { } bps ? bps + " B/s per response" : "uncapped")}");
        var cold = new List<ColdResult>();
        foreach (var latency in options.FailoverOnly ? [] : options.LatenciesMs)
        {
            SetLatency(proxy, latency);
            var load = MachineProbe.LoadAverage();
            var baselineRuns = Baselines().ToDictionary(b => b.Name, _ => new List<(double Ms, int Connections)>(), StringComparer.Ordinal);
            var ours = new List<ChildReport>();
            var oursProcess = new List<double>();
            var oursConnections = new List<double>();
            var floor = new List<double>();
            var floorAll = new List<double>();
            var floorConnections = new List<double>();
            for (var r = 0; r < options.Repeat; r++)
            {
                foreach (var baseline in Baselines())
                {
                    proxy.ClearConnections();
                    var ms = GoModDownload(baseline.Go, baseline.Environment, proxy.Url, component, Fresh("cache-go")).TotalMilliseconds;
                    baselineRuns[baseline.Name].Add((ms, proxy.Connections));
                }

                proxy.ClearConnections();
                var (report, elapsed) = RunChild(proxy.Url, goMod, Fresh("cache-ours"), "off", "prewarm", "download");
                oursConnections.Add(proxy.Connections);
                ours.Add(report);
                oursProcess.Add(elapsed);
                proxy.ClearConnections();
                floor.Add((await FloorFetcher.FetchAsync(proxy.Url, corpus.Modules, 16, Fresh("floor"), ca?.Certificate).ConfigureAwait(false)).TotalMilliseconds);
                floorConnections.Add(proxy.Connections);
                floorAll.Add((await FloorFetcher.FetchAsync(proxy.Url, corpus.Modules, 0, Fresh("floor"), ca?.Certificate).ConfigureAwait(false)).TotalMilliseconds);
            }

            var go = Stats.Median(baselineRuns.First().Value.Select(v => v.Ms)); // the first Go, default GOMAXPROCS
            var prewarm = Stats.Median(ours.Select(o => Step(o, "prewarm")));
            var download = Stats.Median(ours.Select(o => Step(o, "download")));
            var total = Stats.Median(ours.Select(o => o.Steps.Sum(s => s.Milliseconds)));
            var floorMs = Stats.Median(floor);
            var jit = Stats.Median(ours.Select(o => o.Steps.Sum(s => s.JitMilliseconds)));
            var baselines = baselineRuns.Select(b => new BaselineResult(b.Key, Stats.Median(b.Value.Select(v => v.Ms)), Stats.Median(b.Value.Select(v => (double)v.Connections)))).ToList();
            var bestGo = baselines.Where(b => b.Name.EndsWith(Procs32, StringComparison.Ordinal)).Select(b => b.Milliseconds).DefaultIfEmpty(go).Min();
            var floorAllMs = Stats.Median(floorAll);
            var result = new ColdResult(latency, go, total, prewarm, download, jit, Stats.Median(oursProcess), floorMs,
                total / go, go / total, total / floorMs, prewarm / floorMs, ours.Max(o => o.PeakWorkingSetBytes), load)
            {
                Baselines = baselines,
                BestGoMs = bestGo,
                BestGoOverOurs = bestGo / total,
                FloorAllMs = floorAllMs,
                OursOverFloorAll = total / floorAllMs,
                OursConnections = Stats.Median(oursConnections),
                FloorConnections = Stats.Median(floorConnections),
            };
            cold.Add(result);
            Say($"cold {latency} ms: go alone {Stats.Ms(go)}, ours {Stats.Ms(total)} (pre-warm {Stats.Ms(prewarm)} + go {Stats.Ms(download)}; JIT {Stats.Ms(jit)}; {result.OursConnections} connections), floor {Stats.Ms(floorMs)} at 16, {Stats.Ms(floorAllMs)} all in flight; ours/go {Stats.Ratio(result.OursOverGo)}, best go (GOMAXPROCS=32) {Stats.Ms(bestGo)} = {Stats.Ratio(result.BestGoOverOurs)} ours, ours/floor {Stats.Ratio(result.OursOverFloor)}, ours/all-in-flight {Stats.Ratio(result.OursOverFloorAll)}");
            foreach (var b in baselines)
            {
                Say($"  {b.Name}: {Stats.Ms(b.Milliseconds)}, {b.Connections} connections");
            }
        }

        var failover = options.Failover || options.FailoverOnly ? await MeasureFailoverAsync(proxy, goMod, component).ConfigureAwait(false) : null;
        var sumDb = options.SumDbMissing > 0 && !options.FailoverOnly ? MeasureSumDb(proxy, corpus, component) : null;
        var large = options.LargeModuleMegabytes > 0 && !options.FailoverOnly ? await MeasureLargeModuleAsync(corpus).ConfigureAwait(false) : null;
        var warm = options.SkipWarm || options.FailoverOnly ? null : MeasureWarm(proxy, goMod, component);
        var results = new BenchResults
        {
            Mode = options.Mode,
            Machine = MachineProbe.Describe(options.Go, loadBefore),
            Corpus = new CorpusSummary(corpus.Modules.Count, corpus.TotalZipBytes, corpus.Modules.Min(m => m.ZipBytes), corpus.Modules.Max(m => m.ZipBytes), corpus.Modules.Count * 3),
            MaxParallel = options.MaxParallel,
            BytesPerSecond = options.BytesPerSecond,
            Warm = warm,
            SumDb = sumDb,
            LargeModule = large,
            Failover = failover,
            EngineBuild = options.ChildAssembly is null ? "IL" : "ReadyToRun: " + options.ChildAssembly,
            Network = ca is null ? "http" : options.Http2 ? "https+h2" : "https",
            ConnectionDelayLatencies = options.ConnectionDelayLatencies,
        };
        results.Cold.AddRange(cold);
        await proxy.StopAsync().ConfigureAwait(false);
        ProcessRunner.EmptyTrash(_work);

        if (options.PackageSource is { } source && options.PackageVersion is { } version)
        {
            Say("no-op dotnet build of samples/mixed-repo, with and without GoMirror.Build ...");
            (results.NoOpBuild, results.NoOpBuildSkipped) = NoOpBuild.Measure(repositoryRoot, _work, Path.Combine(options.OutputDirectory, "logs"), source, version, options.BuildRuns);
        }
        else
        {
            results.NoOpBuildSkipped = "no --package-source and --package-version given";
        }

        results = results with { Machine = MachineProbe.Describe(options.Go, loadBefore) };
        CheckTargets(results);
        var file = Path.Combine(options.OutputDirectory, "results.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(results, JsonOptions)).ConfigureAwait(false);
        Print(results);
        Say("results: " + file);
        return results;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    // #17 item 4: one large module alone (its own proxy, plain http, no latency), pre-warmed in a fresh child
    // process: its peak working set against the peak of the process before the engine started, and against the
    // whole small-module corpus. A streamed download, hashed from the file, keeps the peak flat.
    private async Task<LargeModuleResult> MeasureLargeModuleAsync(Corpus corpus)
    {
        var large = await PrewarmOneAsync(options.LargeModuleMegabytes).ConfigureAwait(false);
        var small = await PrewarmOneAsync(1).ConfigureAwait(false);
        var result = new LargeModuleResult(large.Zip, large.Report.Steps[0].Milliseconds, large.Report.PeakWorkingSetBytes, large.Report.StartupPeakWorkingSetBytes, corpus.Modules.Max(m => m.ZipBytes))
        {
            SmallZipBytes = small.Zip,
            SmallPeakWorkingSetBytes = small.Report.PeakWorkingSetBytes,
        };
        Say($"large module: {result.ZipBytes / 1e6:0.0} MB zip, pre-warm {Stats.Ms(result.PrewarmMs)}, peak working set {result.PeakWorkingSetBytes / 1048576.0:0.0} MB ({result.StartupPeakWorkingSetBytes / 1048576.0:0.0} MB before the engine started; {result.SmallPeakWorkingSetBytes / 1048576.0:0.0} MB for a {result.SmallZipBytes / 1e6:0.0} MB module)");
        return result;
    }

    private async Task<(long Zip, ChildReport Report)> PrewarmOneAsync(int megabytes)
    {
        var bytes = (long)megabytes << 20;
        var one = Corpus.Create(Path.Combine(_work, $"corpus-one-{megabytes}mb"), 1, bytes, bytes);
        var goMod = GoComponent.Create(Path.Combine(_work, $"component-one-{megabytes}mb"), one, options.Go, Path.Combine(_work, "scratch"));
        await using var proxy = await TestProxyServer.StartAsync(new ModuleProxyFolder(one.ProxyRoot), "/proxy").ConfigureAwait(false);
        return (one.TotalZipBytes, RunChild(proxy.Url, goMod, Fresh("cache-one"), "off", "prewarm").Report);
    }

    // #12: the first N modules have no go.sum lines, so both Go and the engine must look each one up in a checksum
    // database (Go's own, from x/mod/sumdb, at the same latency as the proxy), fetch it, and check it against the
    // database's record before it lands. At the highest latency only; each run with a fresh GOMODCACHE and GOPATH
    // (the database's tiles and signed tree head live there) and the same go.sum written again (Go may add lines).
    private SumDbResult MeasureSumDb(TestProxyServer proxy, Corpus corpus, string component)
    {
        var latency = options.LatenciesMs.Max();
        SetLatency(proxy, latency);
        var missing = corpus.Modules.Take(options.SumDbMissing).Select(m => m.Path + " ").ToArray();
        var fullSum = File.ReadAllLines(Path.Combine(component, "go.sum"));
        var partialSum = fullSum.Where(line => !missing.Any(m => line.StartsWith(m, StringComparison.Ordinal))).ToArray();
        var variant = Path.Combine(_work, $"component-{options.Mode}-sumdb{missing.Length}");
        Directory.CreateDirectory(variant);
        File.Copy(Path.Combine(component, "go.mod"), Path.Combine(variant, "go.mod"), overwrite: true);
        File.Copy(Path.Combine(component, "main.go"), Path.Combine(variant, "main.go"), overwrite: true);
        void ResetGoSum() => File.WriteAllLines(Path.Combine(variant, "go.sum"), partialSum);

        using var database = new GoMirror.Testing.SumDb.SumDbTestServer(new GoMirror.Testing.SumDb.SumDbServerOptions
        {
            ModuleFolder = corpus.ProxyRoot,
            Latency = TimeSpan.FromMilliseconds(latency),
        });
        var load = MachineProbe.LoadAverage();
        var runs = Baselines().ToDictionary(b => b.Name, _ => new List<double>(), StringComparer.Ordinal);
        var ours = new List<ChildReport>();
        int goLookups = 0, ourLookups = 0;
        for (var r = 0; r < options.Repeat; r++)
        {
            foreach (var baseline in Baselines())
            {
                ResetGoSum();
                var before = database.Requests.Count;
                var extra = new Dictionary<string, string>(baseline.Environment, StringComparer.Ordinal)
                {
                    ["GOSUMDB"] = database.GoSumDbDirect,
                    ["GOPATH"] = Fresh("gopath-go"),
                };
                runs[baseline.Name].Add(GoModDownload(baseline.Go, extra, proxy.Url, variant, Fresh("cache-go")).TotalMilliseconds);
                goLookups = database.Requests.Count - before;
            }

            ResetGoSum();
            var start = database.Requests.Count;
            ours.Add(RunChildWithGoPath(proxy.Url, Path.Combine(variant, "go.mod"), Fresh("cache-ours-sumdb"), database.GoSumDbDirect, Fresh("gopath-ours"), "prewarm", "download").Report);
            ourLookups = database.Requests.Count - start;
        }

        ResetGoSum();
        var baselines = runs.Select(b => new BaselineResult(b.Key, Stats.Median(b.Value), 0)).ToList();
        var total = Stats.Median(ours.Select(o => o.Steps.Sum(s => s.Milliseconds)));
        var go = baselines.First().Milliseconds;
        var bestGo = baselines.Where(b => b.Name.EndsWith(Procs32, StringComparison.Ordinal)).Select(b => b.Milliseconds).DefaultIfEmpty(go).Min();
        var result = new SumDbResult(missing.Length, latency, baselines, total, Stats.Median(ours.Select(o => Step(o, "prewarm"))), Stats.Median(ours.Select(o => Step(o, "download"))),
            go / total, bestGo / total, goLookups, ourLookups, load);
        Say($"checksum database, {result.MissingFromGoSum} modules missing from go.sum, {latency} ms: ours {Stats.Ms(total)} (pre-warm {Stats.Ms(result.OursPrewarmMs)} + go {Stats.Ms(result.OursDownloadMs)}), {ourLookups} database requests; go: {string.Join(", ", baselines.Select(b => $"{b.Name} {Stats.Ms(b.Milliseconds)}"))}, {goLookups} database requests; speed-up {Stats.Ratio(result.GoOverOurs)}, over the best go {Stats.Ratio(result.BestGoOverOurs)}");
        return result;
    }

    // #15 item 2: the same cold pre-warm and download, once through the healthy proxy alone and once with a mirror
    // that accepts every request and never answers in front of it ('|'), alternating so drift in the machine's load
    // hits both alike. At the highest latency; the engine child runs with the production client settings.
    private async Task<FailoverResult> MeasureFailoverAsync(TestProxyServer proxy, string goMod, string component)
    {
        var latency = options.LatenciesMs.Max();
        SetLatency(proxy, latency);
        await using var hang = await TestProxyServer.StartAsync(new ModuleProxyFolder(Path.Combine(_work, "hang-empty")), "/hang").ConfigureAwait(false);
        hang.AddFault(TestProxyFault.Hang("*"));
        var load = MachineProbe.LoadAverage();
        var without = new List<double>();
        var with = new List<double>();
        var cache = string.Empty;
        for (var r = 0; r < options.Repeat; r++)
        {
            without.Add(RunChild(proxy.Url, goMod, Fresh("cache-failover-base"), "off", "prewarm", "download").Report.Steps.Sum(s => s.Milliseconds));
            hang.ClearRequests();
            cache = Fresh("cache-failover-hang");
            with.Add(RunChild(hang.Url + "|" + proxy.Url, goMod, cache, "off", "prewarm", "download").Report.Steps.Sum(s => s.Milliseconds));
        }

        // Correctness: Go accepts, offline, the cache the failover pre-warm filled.
        var env = ProcessRunner.GoEnvironment("off", cache, Path.Combine(_work, "scratch", "gocache"));
        ProcessRunner.Run(options.Go, component, env, inheritEnvironment: false, "mod", "download").EnsureSuccess("GOPROXY=off go mod download on the failover cache");
        ProcessRunner.Run(options.Go, component, env, inheritEnvironment: false, "mod", "verify").EnsureSuccess("go mod verify on the failover cache");
        var result = new FailoverResult(latency, Stats.Median(without), Stats.Median(with), hang.Requests.Count, options.Repeat, load);
        Say($"failover at {latency} ms: proxy alone {Stats.Ms(result.WithoutHangMs)}, hanging mirror first ('|') {Stats.Ms(result.WithHangMs)}: {Stats.Ratio(result.Ratio)}, +{Stats.Ms(result.ExtraMs)}; {result.HangRequests} requests reached the hanging mirror");
        return result;
    }

    private WarmResult MeasureWarm(TestProxyServer proxy, string goMod, string component)
    {
        // The last cold run of ours left a complete cache: measure against it at the highest latency, where a
        // single request would show. The engine keeps step state in $GOMODCACHE/cache/gomirror; without it (a
        // cache restored by CI into a fresh checkout) the pre-warm checks every module; with the state of a
        // complete earlier run (pre-warm, download and report, as a build runs them) every step skips.
        var cache = Path.Combine(_work, "cache-ours");
        var state = Path.Combine(cache, "cache", "gomirror");
        proxy.ClearRequests();
        ProcessRunner.DeleteTree(state);
        var (hitChecks, _) = RunChild(proxy.Url, goMod, cache, "off", "prewarm", "|", "forget", "prewarm");
        ProcessRunner.DeleteTree(state);
        var (chain, _) = RunChild(proxy.Url, goMod, cache, "off", "prewarm", "download", "report");
        var (upToDate, _) = RunChild(proxy.Url, goMod, cache, "off", "prewarm", "download", "report", "|", "prewarm", "download", "report");
        var goAlone = GoModDownload(options.Go, new Dictionary<string, string>(StringComparer.Ordinal), proxy.Url, component, cache).TotalMilliseconds;
        var requests = proxy.Requests.Count;

        // Correctness: Go accepts the cache we filled offline and verifies every extracted module against go.sum.
        var env = ProcessRunner.GoEnvironment("off", cache, Path.Combine(_work, "scratch", "gocache"));
        ProcessRunner.Run(options.Go, component, env, inheritEnvironment: false, "mod", "download").EnsureSuccess("GOPROXY=off go mod download on our warm cache");
        ProcessRunner.Run(options.Go, component, env, inheritEnvironment: false, "mod", "verify").EnsureSuccess("go mod verify on our warm cache");

        var chainMs = chain.Steps.Sum(s => s.Milliseconds);
        var result = new WarmResult(
            (int)proxy.Latency.TotalMilliseconds,
            hitChecks.Steps[0].Milliseconds,
            hitChecks.Steps[0].JitMilliseconds,
            hitChecks.Steps[1].Milliseconds,
            chainMs,
            upToDate.Steps[0].Milliseconds,
            upToDate.Steps[0].JitMilliseconds,
            upToDate.Steps.Take(3).Sum(s => s.Milliseconds),
            upToDate.Steps.Skip(3).Sum(s => s.Milliseconds),
            upToDate.Steps.All(s => s.Skipped),
            goAlone,
            chainMs / goAlone,
            requests);
        Say($"warm ({result.LatencyMs} ms latency): pre-warm with hit checks {Stats.Ms(result.PrewarmHitChecksMs)} (JIT {Stats.Ms(result.PrewarmHitChecksJitMs)}; {Stats.Ms(result.PrewarmHitChecksWarmRuntimeMs)} with the runtime warm), chain {Stats.Ms(chainMs)}; up to date: pre-warm {Stats.Ms(result.PrewarmUpToDateMs)} (JIT {Stats.Ms(result.PrewarmUpToDateJitMs)}), chain {Stats.Ms(result.ChainUpToDateMs)} ({Stats.Ms(result.ChainUpToDateWarmRuntimeMs)} with the runtime warm; skipped: {result.UpToDateSkipped}); go alone {Stats.Ms(goAlone)}; {requests} proxy requests; GOPROXY=off go mod download and go mod verify pass");
        return result;
    }

    private const string Procs32 = " GOMAXPROCS=32";

    // go mod download alone: each baseline Go with the default GOMAXPROCS and with 32.
    private IEnumerable<(string Name, string Go, Dictionary<string, string> Environment)> Baselines()
    {
        foreach (var go in options.BaselineGos)
        {
            var version = ProcessRunner.Run(go, _work, new Dictionary<string, string>(StringComparer.Ordinal) { ["GOENV"] = "off" }, inheritEnvironment: false, "env", "GOVERSION").StandardOutput.Trim();
            yield return (version, go, new Dictionary<string, string>(StringComparer.Ordinal));
            yield return (version + Procs32, go, new Dictionary<string, string>(StringComparer.Ordinal) { ["GOMAXPROCS"] = "32" });
        }
    }

    private void SetLatency(TestProxyServer proxy, int latencyMs)
    {
        proxy.Latency = TimeSpan.FromMilliseconds(latencyMs);
        proxy.ConnectionDelay = TimeSpan.FromMilliseconds(latencyMs * options.ConnectionDelayLatencies);
    }

    private TimeSpan GoModDownload(string go, IReadOnlyDictionary<string, string> extra, string proxyUrl, string component, string cache)
    {
        var env = ProcessRunner.GoEnvironment(proxyUrl, cache, Path.Combine(_work, "scratch", "gocache"));
        foreach (var (key, value) in _networkEnvironment.Concat(extra))
        {
            env[key] = value;
        }

        return ProcessRunner.Run(go, component, env, inheritEnvironment: false, "mod", "download").EnsureSuccess($"{go} mod download").Elapsed;
    }

    private (ChildReport Report, double ProcessMs) RunChild(string proxyUrl, string goMod, string cache, string goSumDb, params string[] steps) =>
        RunChildWithGoPath(proxyUrl, goMod, cache, goSumDb, Path.Combine(_work, "scratch", "gopath"), steps);

    private (ChildReport Report, double ProcessMs) RunChildWithGoPath(string proxyUrl, string goMod, string cache, string goSumDb, string goPath, params string[] steps)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var arguments = new List<string>();
        if (options.ChildAssembly is { } child)
        {
            // A ReadyToRun publish of this harness: the engine runs precompiled, as the package ships it.
            self = "dotnet";
            arguments.Add(child);
        }
        else if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            arguments.Add(typeof(Program).Assembly.Location);
        }

        arguments.AddRange(["engine-child", proxyUrl, cache, goMod, options.MaxParallel.ToString(CultureInfo.InvariantCulture), Path.Combine(_work, "reports"), options.Go, goSumDb]);
        arguments.AddRange(steps);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GOENV"] = "off",
            ["GOTOOLCHAIN"] = "local",
            ["GOFLAGS"] = string.Empty,
            ["GOCACHE"] = Path.Combine(_work, "scratch", "gocache"),
            ["GOPATH"] = goPath,
        };
        foreach (var (key, value) in _networkEnvironment)
        {
            env[key] = value;
        }

        var run = ProcessRunner.Run(self, Path.GetDirectoryName(goMod)!, env, inheritEnvironment: true, [.. arguments]);
        var logs = Path.Combine(options.OutputDirectory, "logs");
        Directory.CreateDirectory(logs);
        File.WriteAllText(Path.Combine(logs, $"engine-{++_childRuns:D2}-{string.Join('-', steps)}.log"), $"{string.Join(' ', arguments)}\n{run.StandardError}{run.StandardOutput}");
        var line = run.StandardOutput.Split('\n').LastOrDefault(l => l.StartsWith(EngineChild.ResultMarker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"the engine child printed no result (exit {run.ExitCode}):\n{run.StandardError}\n{run.StandardOutput}");
        var report = JsonSerializer.Deserialize<ChildReport>(line[EngineChild.ResultMarker.Length..])!;
        if (run.ExitCode != 0 || report.Errors.Count > 0)
        {
            throw new InvalidOperationException("our chain failed: " + string.Join("\n", report.Errors) + "\n" + run.StandardError);
        }

        return (report, run.Elapsed.TotalMilliseconds);
    }

    private string Fresh(string name)
    {
        var path = Path.Combine(_work, name);
        ProcessRunner.SetAside(path);
        ProcessRunner.FlushWrites();
        return path;
    }

    private static double Step(ChildReport report, string name) => report.Steps.Where(s => s.Name == name).Sum(s => s.Milliseconds);

    private static void CheckTargets(BenchResults results)
    {
        var t = results.Targets;
        foreach (var c in results.Cold.Where(c => c.LatencyMs >= 50))
        {
            t.Add(new TargetCheck($"cold at {c.LatencyMs} ms: speed-up over go mod download alone", ">= 5x", Stats.Ratio(c.GoOverOurs), c.GoOverOurs >= 5));
        }

        foreach (var c in results.Cold.Where(c => c.LatencyMs >= 50))
        {
            t.Add(new TargetCheck($"#17 cold at {c.LatencyMs} ms: speed-up over the best go mod download with GOMAXPROCS=32", ">= 5x (aim 10x)", Stats.Ratio(c.BestGoOverOurs), c.BestGoOverOurs >= 5));
            t.Add(new TargetCheck($"#17 cold at {c.LatencyMs} ms: ours / floor with every request in flight", "<= 2.00x", Stats.Ratio(c.OursOverFloorAll), c.OursOverFloorAll <= 2));
        }

        foreach (var c in results.Cold.Where(c => c.LatencyMs == 0))
        {
            t.Add(new TargetCheck("cold at 0 ms: ours / go mod download alone", "<= 1.00x (not slower)", Stats.Ratio(c.OursOverGo), c.OursOverGo <= 1));
        }

        foreach (var c in results.Cold)
        {
            t.Add(new TargetCheck($"cold at {c.LatencyMs} ms: ours / floor", "<= 1.30x", Stats.Ratio(c.OursOverFloor), c.OursOverFloor <= 1.3));
        }

        if (results.Warm is { } w)
        {
            t.Add(new TargetCheck($"warm pre-warm step, hit checks ({results.Corpus.Modules} modules, fresh process)", "< 100 ms (300 modules)", Stats.Ms(w.PrewarmHitChecksMs), w.PrewarmHitChecksMs < 100));
            t.Add(new TargetCheck($"warm pre-warm step, up to date ({results.Corpus.Modules} modules, fresh process)", "< 100 ms (300 modules)", Stats.Ms(w.PrewarmUpToDateMs), w.PrewarmUpToDateMs < 100));
            t.Add(new TargetCheck("warm: requests to the proxy", "0", w.ProxyRequests.ToString(CultureInfo.InvariantCulture), w.ProxyRequests == 0));
        }

        if (results.NoOpBuild is { } b)
        {
            t.Add(new TargetCheck("no-op dotnet build: time added by GoMirror.Build (difference of medians)", "< 150 ms", Stats.Ms(b.AddedMs), b.AddedMs < 150));
            t.Add(new TargetCheck("no-op dotnet build: GoMirror tasks' own time (median, MSBuild summary)", "< 150 ms", Stats.Ms(b.MedianGoMirrorTasksMs), b.MedianGoMirrorTasksMs < 150));
        }

        if (results.Cold.Count > 0)
        {
            var peak = results.Cold.Max(c => c.PeakWorkingSetBytes);
            t.Add(new TargetCheck($"peak working set of the pre-warm ({results.Corpus.TotalZipBytes >> 20} MB corpus)", "< 150 MB (full corpus; #17)", $"{peak / 1048576.0:0.0} MB", peak < 150L << 20));
        }

        if (results.LargeModule is { } large)
        {
            t.Add(new TargetCheck($"peak working set pre-warming one {large.ZipBytes >> 20} MB module", "< 150 MB (flat)", $"{large.PeakWorkingSetBytes / 1048576.0:0.0} MB", large.PeakWorkingSetBytes < 150L << 20));
        }
    }

    private static void Print(BenchResults r)
    {
        Console.WriteLine();
        Console.WriteLine($"GoMirror.Bench.EndToEnd {r.Mode}: {r.Corpus.Modules} modules, {r.Corpus.TotalZipBytes / 1e6:0.0} MB, parallel {r.MaxParallel}, {r.Machine.Cores} cores, load {r.Machine.LoadBefore} -> {r.Machine.LoadAfter}");
        Console.WriteLine("| latency | go mod download alone | ours (pre-warm + go) | floor | ours/go | speed-up | ours/floor | peak WS |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in r.Cold)
        {
            Console.WriteLine($"| {c.LatencyMs} ms | {Stats.Ms(c.GoAloneMs)} | {Stats.Ms(c.OursMs)} ({Stats.Ms(c.OursPrewarmMs)} + {Stats.Ms(c.OursDownloadMs)}) | {Stats.Ms(c.FloorMs)} | {Stats.Ratio(c.OursOverGo)} | {Stats.Ratio(c.GoOverOurs)} | {Stats.Ratio(c.OursOverFloor)} | {c.PeakWorkingSetBytes / 1048576.0:0} MB |");
        }

        Console.WriteLine();
        Console.WriteLine($"network {r.Network}, connection delay {r.ConnectionDelayLatencies}x latency; go mod download alone, and the floors:");
        foreach (var c in r.Cold)
        {
            Console.WriteLine($"| {c.LatencyMs} ms | {string.Join(" | ", c.Baselines.Select(b => $"{b.Name} {Stats.Ms(b.Milliseconds)} ({b.Connections} conn)"))} | ours {Stats.Ms(c.OursMs)} ({c.OursConnections} conn) | floor 16 {Stats.Ms(c.FloorMs)} ({c.FloorConnections} conn) | all {Stats.Ms(c.FloorAllMs)} | best go / ours {Stats.Ratio(c.BestGoOverOurs)} | ours / all {Stats.Ratio(c.OursOverFloorAll)} |");
        }

        if (r.SumDb is { } d)
        {
            Console.WriteLine($"checksum database: {d.MissingFromGoSum} missing from go.sum at {d.LatencyMs} ms: ours {Stats.Ms(d.OursMs)} ({Stats.Ms(d.OursPrewarmMs)} + {Stats.Ms(d.OursDownloadMs)}; {d.OurDatabaseRequests} db requests) | {string.Join(" | ", d.Baselines.Select(b => $"{b.Name} {Stats.Ms(b.Milliseconds)}"))} ({d.GoDatabaseRequests} db requests) | go/ours {Stats.Ratio(d.GoOverOurs)} | best go/ours {Stats.Ratio(d.BestGoOverOurs)}");
        }

        if (r.LargeModule is { } lm)
        {
            Console.WriteLine($"large module: {lm.ZipBytes / 1e6:0.0} MB zip, pre-warm {Stats.Ms(lm.PrewarmMs)}, peak working set {lm.PeakWorkingSetBytes / 1048576.0:0.0} MB, {lm.StartupPeakWorkingSetBytes / 1048576.0:0.0} MB before the engine started, {lm.SmallPeakWorkingSetBytes / 1048576.0:0.0} MB for a {lm.SmallZipBytes / 1e6:0.0} MB module");
        }

        if (r.Failover is { } f)
        {
            Console.WriteLine($"failover at {f.LatencyMs} ms: proxy alone {Stats.Ms(f.WithoutHangMs)}, hanging mirror first {Stats.Ms(f.WithHangMs)}, ratio {Stats.Ratio(f.Ratio)} (+{Stats.Ms(f.ExtraMs)}), {f.HangRequests} requests to the hanging mirror, median of {f.Runs}, load {f.Load}");
        }

        if (r.Warm is { } w)
        {
            Console.WriteLine($"warm: hit checks {Stats.Ms(w.PrewarmHitChecksMs)} (JIT {Stats.Ms(w.PrewarmHitChecksJitMs)}, runtime warm {Stats.Ms(w.PrewarmHitChecksWarmRuntimeMs)}), chain {Stats.Ms(w.ChainHitChecksMs)}; up to date {Stats.Ms(w.PrewarmUpToDateMs)} (JIT {Stats.Ms(w.PrewarmUpToDateJitMs)}), chain {Stats.Ms(w.ChainUpToDateMs)} (runtime warm {Stats.Ms(w.ChainUpToDateWarmRuntimeMs)}); go alone {Stats.Ms(w.GoAloneMs)}; {w.ProxyRequests} requests");
        }

        if (r.NoOpBuild is { } b)
        {
            Console.WriteLine($"no-op dotnet build: without {Stats.Ms(b.MedianWithoutMs)}, with {Stats.Ms(b.MedianWithMs)}, added {Stats.Ms(b.AddedMs)} ({Stats.Ratio(b.WithOverWithout)}), GoMirror tasks {Stats.Ms(b.MedianGoMirrorTasksMs)}; median of {b.Runs}");
            Console.WriteLine($"  runs without: {string.Join(", ", b.WithoutMs.Select(Stats.Ms))}");
            Console.WriteLine($"  runs with:    {string.Join(", ", b.WithMs.Select(Stats.Ms))}");
        }
        else
        {
            Console.WriteLine("no-op dotnet build: skipped: " + r.NoOpBuildSkipped);
        }

        Console.WriteLine();
        Console.WriteLine("| target | aim | this run | met |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var t in r.Targets)
        {
            Console.WriteLine($"| {t.Name} | {t.Target} | {t.Actual} | {(t.Met ? "yes" : "NO")} |");
        }
    }

    private static void Say(string text) => Console.WriteLine("[bench] " + text);
}
