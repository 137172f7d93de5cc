using System.Globalization;
using GoMirror.Testing;

namespace GoMirror.Bench.EndToEnd;

/// <summary>
/// <c>serve [latency-ms] [quick|full] [work-folder]</c>: builds (or reuses) the corpus and its Go component, serves the
/// corpus on 127.0.0.1 with the latency, prints the proxy URL and the component's go.mod, and serves until stdin
/// closes. For profiling one engine child or one <c>go mod download</c> by hand (perf, dotnet-trace, strace)
/// against the proxy the harness measures with.
/// </summary>
internal static class ServeBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var latency = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var mode = args.Length > 1 ? args[1] : "quick";
        var work = Path.GetFullPath(args.Length > 2 ? args[2] : Path.Combine(RepositoryRoot.Path, "artifacts", "bench", "work"));
        var options = BenchOptions.Parse(["--mode", mode, "--work", work], RepositoryRoot.Path);
        var corpus = Corpus.Create(Path.Combine(work, "corpus-" + mode), options.Modules, options.CorpusBytes);
        var goMod = GoComponent.Create(Path.Combine(work, "component-" + mode), corpus, options.Go, Path.Combine(work, "scratch"));
        await using var proxy = await TestProxyServer.StartAsync(new ModuleProxyFolder(corpus.ProxyRoot), "/proxy").ConfigureAwait(false);
        proxy.Latency = TimeSpan.FromMilliseconds(latency);
        Console.WriteLine($"proxy {proxy.Url}");
        Console.WriteLine($"go.mod {goMod}");
        Console.WriteLine($"{corpus.Modules.Count} modules, {corpus.TotalZipBytes} bytes of zips, {latency} ms per request; serving until stdin closes");
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        Console.WriteLine($"{proxy.Requests.Count} requests served");
        return 0;
    }
}
