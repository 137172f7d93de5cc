using System.Diagnostics;
using System.Globalization;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Core.Toolchain;
using GoMirror.Testing;
using GoMirror.Testing.SumDb;
using GoMirror.Testing.Toolchain;

namespace GoMirror.Bench.EndToEnd;

/// <summary>
/// <c>toolchain [latency-ms] [bytes-per-second]</c>: a cold toolchain pre-warm (the full go1.23.5 linux-amd64 module
/// built from the installed Go 1.23, served on 127.0.0.1 with a latency and a bandwidth cap, proved in Go's own
/// checksum database with the same latency) against Go 1.21's own switch to it (<c>go version</c> in a folder with
/// <c>toolchain go1.23.5</c>), each into an empty module cache. Prints one line per run.
/// </summary>
internal static class ToolchainBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var latency = TimeSpan.FromMilliseconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50);
        long? cap = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 20L << 20;
        var go121 = GoVersions.Find("1.21") ?? throw new InvalidOperationException("Go 1.21 is not installed");
        using var temp = new TempDirectory("gomirror-bench-toolchain");
        var folder = new ModuleProxyFolder(temp.Combine("proxy"));
        var module = ToolchainModuleFixture.Add(folder, ToolchainModuleFixture.GoRoot123, full: true);
        var toolchain = ToolchainModuleFixture.ToolchainOf(ToolchainModuleFixture.GoRoot123);
        using var database = new SumDbTestServer(new SumDbServerOptions { ModuleFolder = folder.Root, Latency = latency });
        await using var proxy = await TestProxyServer.StartAsync(folder);
        proxy.Latency = latency;
        proxy.BytesPerSecond = cap;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"toolchain {module.Path}@{module.Version}: {new FileInfo(module.ZipFile).Length} bytes; latency {latency.TotalMilliseconds} ms, cap {cap} B/s"));

        for (var run = 0; run < 2; run++)
        {
            var ours = temp.Combine($"ours-{run}");
            var variables = new Dictionary<string, string>
            {
                ["GOPROXY"] = proxy.Url, ["GOSUMDB"] = database.GoSumDbDirect, ["GOPATH"] = ours,
                ["GOMODCACHE"] = Path.Combine(ours, "pkg", "mod"), ["HOME"] = temp.Path, ["GOENV"] = "off",
            };
            var policy = GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, variables));
            using var client = new GoProxyClient();
            var clock = Stopwatch.StartNew();
            var result = await new ToolchainPrewarmer(policy, new GoModuleCache(Path.Combine(ours, "pkg", "mod")), client, _ => { })
                .FetchAsync(toolchain, ToolchainFetchPlatform.Host).ConfigureAwait(false);
            var oursTime = clock.Elapsed;
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
            }

            var theirs = temp.Combine($"go-{run}");
            var component = temp.Combine($"component-{run}");
            Directory.CreateDirectory(component);
            File.WriteAllText(Path.Combine(component, "go.mod"), $"module example.com/agent\n\ngo 1.21\n\ntoolchain {toolchain}\n");
            clock.Restart();
            var switched = GoToolchain.RunGo(go121, component, new Dictionary<string, string>
            {
                ["GOPROXY"] = proxy.Url, ["GOSUMDB"] = database.GoSumDbDirect, ["GOPATH"] = theirs,
                ["GOMODCACHE"] = Path.Combine(theirs, "pkg", "mod"), ["GOCACHE"] = temp.Combine("gocache"),
                ["GOTOOLCHAIN"] = "auto", ["GOENV"] = "off", ["HOME"] = temp.Path, ["GOFLAGS"] = string.Empty,
            }, "version");
            var goTime = clock.Elapsed;
            switched.AssertSuccess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1}: GoMirror cold toolchain pre-warm {oursTime.TotalSeconds:0.00} s; Go 1.21's own switch (download, verify, extract, run go version) {goTime.TotalSeconds:0.00} s"));
        }

        return 0;
    }
}
