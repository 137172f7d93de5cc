using System.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Tests.Children;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Prewarm;

/// <summary>
/// Pre-warms sharing one cache with each other and with the go command, and a pre-warm killed mid-download,
/// all end with a cache Go verifies offline.
/// </summary>
public class PrewarmConcurrencyTests
{
    [Fact]
    public async Task Two_prewarms_of_the_same_set_in_parallel_threads_leave_a_cache_Go_verifies()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", [.. Enumerable.Range(0, 12).Select(i => scenario.Module($"example.com/shared{i}"))]);
        scenario.Server.Latency = TimeSpan.FromMilliseconds(30);
        var logs = new[] { new RecordingLog(), new RecordingLog() };

        var results = await Task.WhenAll(logs.Select(log => Task.Run(async () =>
        {
            using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, goMod), log);
            return await engine.PrewarmAsync(TestContext.Current.CancellationToken);
        }, TestContext.Current.CancellationToken)));

        Assert.All(results, (r, i) => Assert.True(r.Succeeded, logs[i].Text));
        scenario.AssertGoAcceptsOffline(goMod);
    }

    [Fact]
    public async Task A_versions_zip_is_requested_with_its_mod_and_info_not_after_them_and_lands_only_once_they_passed()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var slow = scenario.Module("example.com/slowmod");
        var goMod = scenario.Component("app", slow);
        scenario.Server.ClearRequests();
        var heldMod = scenario.Server.AddFault(TestProxyFault.Hold(TestProxyFault.ForModule(slow.Path, slow.Version, ".mod")));
        var zipPattern = TestProxyFault.ForModule(slow.Path, slow.Version, ".zip");
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, goMod), log);

        var prewarm = engine.PrewarmAsync(TestContext.Current.CancellationToken);

        // The proxy holds the .mod's answer until the test lets it go: in turns, the zip would never be asked for
        // meanwhile. Asked together, it is, and it must not land before the .mod passed its check.
        await ModuleCache.GoCacheScenario.WaitUntilAsync(() => prewarm.IsCompleted || scenario.Server.RequestsMatching(zipPattern).Count > 0, "the zip is requested while the .mod's answer is held");
        Assert.False(prewarm.IsCompleted, "the pre-warm ended while the .mod's answer was held:\n" + log.Text);
        Assert.Equal(1, heldMod.Hits);
        Assert.True(scenario.Cache.TryGetPaths(slow.Path, slow.Version, out var paths, out _));
        Assert.False(File.Exists(paths.ZipFile), "the zip landed before the .mod was checked");
        heldMod.Release();

        var result = await prewarm;
        Assert.True(result.Succeeded, log.Text);
        Assert.Single(scenario.Server.RequestsMatching(TestProxyFault.ForModule(slow.Path, slow.Version, ".mod")));
        Assert.Single(scenario.Server.RequestsMatching(zipPattern));
        scenario.AssertGoAcceptsOffline(goMod);
    }

    [Fact]
    public async Task Two_prewarm_processes_on_one_cache_leave_a_cache_Go_verifies()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", [.. Enumerable.Range(0, 8).Select(i => scenario.Module($"example.com/proc{i}"))]);
        scenario.Server.Latency = TimeSpan.FromMilliseconds(30);

        using var first = PrewarmProcess.Start(scenario, scenario.Server.Url, goMod);
        using var second = PrewarmProcess.Start(scenario, scenario.Server.Url, goMod);
        await Task.WhenAll(PrewarmProcess.AssertSucceedsAsync(first), PrewarmProcess.AssertSucceedsAsync(second));

        scenario.AssertGoAcceptsOffline(goMod);
    }

    [Fact]
    public async Task Go_mod_download_beside_a_prewarm_leaves_a_cache_Go_verifies()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", [.. Enumerable.Range(0, 12).Select(i => scenario.Module($"example.com/beside{i}"))]);
        scenario.Server.Latency = TimeSpan.FromMilliseconds(20);
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, goMod), log);

        var go = Task.Run(() => GoToolchain.Run(Path.GetDirectoryName(goMod)!, scenario.GoEnvironment(scenario.Server.Url), "mod", "download"), TestContext.Current.CancellationToken);
        var prewarm = engine.PrewarmAsync(TestContext.Current.CancellationToken);
        var result = await prewarm;
        (await go).AssertSuccess();

        Assert.True(result.Succeeded, log.Text);
        scenario.AssertGoAcceptsOffline(goMod);
    }

    [Fact]
    public async Task A_prewarm_process_killed_mid_download_then_run_again_leaves_a_cache_Go_verifies()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var random = new Random(7);
        var payload = new byte[1_500_000];
        random.NextBytes(payload);
        var big = scenario.Proxy.Add("example.com/big", "v1.0.0", new Dictionary<string, byte[]> { ["blob.bin"] = payload });
        var small = scenario.Module("example.com/small");
        var goMod = scenario.Component("app", big, small);
        // 1.5 MB at 100 kB/s keeps the child busy for 15 s. No module is made to time out: a failed module
        // ended the child's run before its zip had grown when a loaded machine started the child slowly.
        scenario.Server.BytesPerSecond = 100_000;
        var downloads = Path.Combine(scenario.CacheRoot, "cache", "download", "example.com", "big", "@v");

        using var child = PrewarmProcess.Start(scenario, scenario.Server.Url, goMod);
        var clock = Stopwatch.StartNew();
        while (!Directory.Exists(downloads) || !Directory.EnumerateFiles(downloads, "*.zip*.tmp").Any(f => new FileInfo(f).Length > 100_000))
        {
            if (child.HasExited)
            {
                var (exitCode, output) = await TestChild.WaitAsync(child, TestContext.Current.CancellationToken);
                Assert.Fail($"the child exited {exitCode} before its zip had grown:\n{output}");
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the child never started writing the zip");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync(TestContext.Current.CancellationToken);

        // Killed mid-zip: a temp file is left, and nothing Go would trust.
        Assert.NotEmpty(Directory.EnumerateFiles(downloads, "*.zip*.tmp"));
        Assert.False(scenario.Cache.IsZipComplete(big.Path, big.Version));
        Assert.False(scenario.GoFindsOffline(big));

        scenario.Server.BytesPerSecond = null;
        scenario.Server.ClearFaults();
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, goMod), log);
        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, log.Text);
        Assert.Empty(Directory.EnumerateFiles(downloads, "*.tmp"));
        scenario.AssertGoAcceptsOffline(goMod);
    }
}
