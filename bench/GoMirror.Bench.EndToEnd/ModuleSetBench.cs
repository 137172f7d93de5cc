using System.Globalization;
using System.Text.Json;
using GoMirror.Testing;
using GoMirror.Testing.NuGetFeed;

namespace GoMirror.Bench.EndToEnd;

/// <summary>
/// <c>module-set [latency-ms] [repeat] [go]</c> (#16): the quick corpus (60 modules) served by a proxy with a latency;
/// a cold pre-warm through it against a pre-warm that warms from the component's module set on a folder feed and on
/// a v3 HTTP feed with the same latency, and <c>go mod download</c> alone, each into an empty module cache, in
/// alternating rounds. Every pre-warm runs in a fresh engine child process (as a build runs it, JIT included);
/// the pulls must send no request to the proxy, and Go must accept their caches offline. Prints a table.
/// </summary>
internal static partial class ModuleSetBench
{
    /// <summary>The environment variable that gives <see cref="EngineChild"/> GoMirrorModuleSetSource.</summary>
    public const string SourceVariable = "GOMIRROR_BENCH_MODULE_SET_SOURCE";

    /// <summary>The environment variable that gives <see cref="EngineChild"/> GoMirrorModuleSetConfigFile.</summary>
    public const string ConfigVariable = "GOMIRROR_BENCH_MODULE_SET_CONFIG";

    /// <summary>The environment variable that gives <see cref="EngineChild"/> GoMirrorModuleSetPush (<c>true</c>).</summary>
    public const string PushVariable = "GOMIRROR_BENCH_MODULE_SET_PUSH";

    private static int _runs;

    public static async Task<int> RunAsync(string[] args)
    {
        var latency = TimeSpan.FromMilliseconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50);
        var repeat = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var go = args.Length > 2 ? args[2] : "go";
        var work = Path.Combine(RepositoryRoot.Path, "artifacts", "bench", "work");
        var scratch = Path.Combine(work, "scratch");
        var loadBefore = MachineProbe.LoadAverage();
        var corpus = Corpus.Create(Path.Combine(work, "corpus-quick"), 60, 20L << 20);
        var goMod = GoComponent.Create(Path.Combine(work, "component-quick"), corpus, go, scratch);
        var component = Path.GetDirectoryName(goMod)!;
        var bench = Path.Combine(work, "module-set");
        ProcessRunner.SetAside(bench);
        Directory.CreateDirectory(bench);

        await using var proxy = await TestProxyServer.StartAsync(new ModuleProxyFolder(corpus.ProxyRoot), "/proxy").ConfigureAwait(false);
        proxy.Latency = latency;
        await using var feed = await TestNuGetFeedServer.StartAsync().ConfigureAwait(false);
        feed.Latency = latency;
        var config = Path.Combine(bench, "nuget.config");
        // allowInsecureConnections: the feed is plain HTTP on 127.0.0.1, which NuGet refuses otherwise.
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="modulesets" value="{feed.ServiceIndex}" allowInsecureConnections="true" />
              </packageSources>
            </configuration>
            """);
        var folderFeed = Path.Combine(bench, "feed");
        var folder = new Dictionary<string, string>(StringComparer.Ordinal) { [SourceVariable] = folderFeed };
        var http = new Dictionary<string, string>(StringComparer.Ordinal) { [SourceVariable] = "modulesets", [ConfigVariable] = config };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"module sets: {corpus.Modules.Count} modules, {corpus.TotalZipBytes / 1e6:0.0} MB of zips; proxy and v3 feed latency {latency.TotalMilliseconds} ms; {repeat} rounds; load {loadBefore}"));

        // The cold runners that fill both feeds (a pre-warm that downloads, then pushes its set).
        var pushFolder = Child(go, proxy.Url, goMod, Fresh(bench, "cache-push"), bench, new(folder) { [PushVariable] = "true" });
        var pushHttp = Child(go, proxy.Url, goMod, Fresh(bench, "cache-push"), bench, new(http) { [PushVariable] = "true" });
        Console.WriteLine($"cold pre-warm + push: folder feed {Stats.Ms(pushFolder.Prewarm)}, v3 feed {Stats.Ms(pushHttp.Prewarm)}; v3 feed holds {string.Join(", ", feed.Packages)}");

        var runs = new Dictionary<string, List<(double Prewarm, double Chain, double Modules)>>(StringComparer.Ordinal);
        void Add(string name, double prewarm, double chain, double modules) =>
            (runs.TryGetValue(name, out var list) ? list : runs[name] = []).Add((prewarm, chain, modules));
        for (var round = 0; round < repeat; round++)
        {
            var env = ProcessRunner.GoEnvironment(proxy.Url, Fresh(bench, "cache-go"), Path.Combine(scratch, "gocache"));
            var alone = ProcessRunner.Run(go, component, env, inheritEnvironment: false, "mod", "download").EnsureSuccess("go mod download").Elapsed.TotalMilliseconds;
            Add("go mod download alone, cold", alone, alone, double.NaN);
            var cold = Child(go, proxy.Url, goMod, Fresh(bench, "cache-cold"), bench, []);
            Add("pre-warm, cold through the proxy", cold.Prewarm, cold.Chain, cold.Modules);
            foreach (var (name, source) in new[] { ("pre-warm from the folder feed", folder), ("pre-warm from the v3 HTTP feed", http) })
            {
                proxy.ClearRequests();
                var cache = Fresh(bench, "cache-" + (source == folder ? "folder" : "http"));
                var pulled = Child(go, proxy.Url, goMod, cache, bench, source);
                if (proxy.Requests.Count != 0)
                {
                    throw new InvalidOperationException($"{name}: {proxy.Requests.Count} requests reached the proxy; the set did not serve every module");
                }

                Add(name, pulled.Prewarm, pulled.Chain, pulled.Modules);
                if (round == repeat - 1)
                {
                    // Go is the oracle: the feed-warmed cache is complete and verifies, with the network off.
                    var offline = ProcessRunner.GoEnvironment("off", cache, Path.Combine(scratch, "gocache"));
                    ProcessRunner.Run(go, component, offline, inheritEnvironment: false, "mod", "download").EnsureSuccess($"{name}: GOPROXY=off go mod download");
                    ProcessRunner.Run(go, component, offline, inheritEnvironment: false, "mod", "verify").EnsureSuccess($"{name}: go mod verify");
                }
            }
        }

        var cold0 = Stats.Median(runs["pre-warm, cold through the proxy"].Select(r => r.Prewarm));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load {loadBefore} -> {MachineProbe.LoadAverage()}; median of {repeat}; go: {go}"));
        Console.WriteLine("| run (empty module cache each) | pre-warm step | of it: the feed (lookup, download, checks, extraction) | of it: the modules into the cache | pre-warm + go mod download | cold pre-warm / this (go alone: its whole run) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, list) in runs)
        {
            var prewarm = Stats.Median(list.Select(r => r.Prewarm));
            var alone = name.StartsWith("go ", StringComparison.Ordinal);
            var modules = Stats.Median(list.Select(r => r.Modules));
            Console.WriteLine($"| {name} | {(alone ? "-" : Stats.Ms(prewarm))} | {(alone || !name.Contains("feed", StringComparison.Ordinal) ? "-" : Stats.Ms(Stats.Median(list.Select(r => r.Prewarm - r.Modules))))} | {(alone ? "-" : Stats.Ms(modules))} | {Stats.Ms(Stats.Median(list.Select(r => r.Chain)))} | {Stats.Ratio(cold0 / prewarm)} |");
        }

        Console.WriteLine("GOPROXY=off go mod download and go mod verify pass on both feed-warmed caches; 0 proxy requests in every pull. Engine logs: " + Path.Combine(bench, "logs"));
        ProcessRunner.EmptyTrash(bench);
        ProcessRunner.EmptyTrash(work);
        return 0;
    }

    // One engine child: a pre-warm and go mod download into cache, with the module set variables given.
    private static (double Prewarm, double Chain, double Modules) Child(string go, string proxyUrl, string goMod, string cache, string bench, Dictionary<string, string> moduleSet)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        List<string> arguments = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(Program).Assembly.Location] : [];
        arguments.AddRange(["engine-child", proxyUrl, cache, goMod, "16", Path.Combine(bench, "reports"), go, "off", "prewarm", "download"]);
        var env = new Dictionary<string, string>(moduleSet, StringComparer.Ordinal)
        {
            ["GOENV"] = "off",
            ["GOTOOLCHAIN"] = "local",
            ["GOFLAGS"] = string.Empty,
            ["GOCACHE"] = Path.Combine(bench, "gocache"),
            ["GOPATH"] = Path.Combine(bench, "gopath"),
        };
        foreach (var name in new[] { SourceVariable, ConfigVariable, PushVariable })
        {
            env.TryAdd(name, string.Empty);
        }

        var run = ProcessRunner.Run(self, Path.GetDirectoryName(goMod)!, env, inheritEnvironment: true, [.. arguments]);
        var logs = Directory.CreateDirectory(Path.Combine(bench, "logs")).FullName;
        File.WriteAllText(Path.Combine(logs, $"engine-{++_runs:D2}-{(moduleSet.TryGetValue(SourceVariable, out var source) ? Path.GetFileName(source) : "cold")}.log"), run.StandardError);
        var line = run.StandardOutput.Split('\n').LastOrDefault(l => l.StartsWith(EngineChild.ResultMarker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"the engine child printed no result (exit {run.ExitCode}):\n{run.StandardError}");
        var report = JsonSerializer.Deserialize<ChildReport>(line[EngineChild.ResultMarker.Length..])!;
        if (run.ExitCode != 0 || report.Errors.Count > 0)
        {
            throw new InvalidOperationException("the engine child failed: " + string.Join("\n", report.Errors) + "\n" + run.StandardError);
        }

        // A feed warning (the set was refused or not found) means the run measured the mirrors, not the feed.
        if (moduleSet.ContainsKey(SourceVariable) && run.StandardError.Contains("GOMIRROR110", StringComparison.Ordinal) && !moduleSet.ContainsKey(PushVariable))
        {
            throw new InvalidOperationException("the feed did not serve the set:\n" + run.StandardError);
        }

        // The engine's summary line gives the module phase alone; the rest of the step is the feed (lookup, download, checks, extraction).
        var modules = ModulePhase().Match(run.StandardError);
        return (report.Steps.Where(s => s.Name == "prewarm").Sum(s => s.Milliseconds), report.Steps.Sum(s => s.Milliseconds),
            modules.Success ? double.Parse(modules.Groups["s"].Value, CultureInfo.InvariantCulture) * 1000 : double.NaN);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"GoMirror pre-warm: .*; (?<s>[0-9]+\.[0-9]+) s, up to")]
    private static partial System.Text.RegularExpressions.Regex ModulePhase();

    private static string Fresh(string bench, string name)
    {
        var path = Path.Combine(bench, name);
        ProcessRunner.SetAside(path);
        ProcessRunner.FlushWrites();
        return path;
    }
}
