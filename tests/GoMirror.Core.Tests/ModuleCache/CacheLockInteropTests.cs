using System.Text.Json;
using GoMirror.Core.ModuleCache;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.ModuleCache;

/// <summary>Our version lock and Go's are one lock: each side waits for the other.</summary>
public class CacheLockInteropTests
{
    private static readonly TimeSpan StillWaiting = TimeSpan.FromMilliseconds(1500);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Go_waits_while_we_hold_the_version_lock()
    {
        GoToolchain.Require();
        using var scenario = new GoCacheScenario();
        var module = scenario.Proxy.Add("example.com/locked", "v1.0.0");
        Assert.True(scenario.Cache.TryGetPaths(module.Path, module.Version, out var paths, out _));

        Task<GoRun> go;
        using (await GoModuleCache.LockVersionAsync(paths, TestContext.Current.CancellationToken))
        {
            go = Task.Run(() => GoToolchain.Run(scenario.Temp.Path, scenario.GoEnvironment(scenario.Proxy.FileUrl), "mod", "download", "-json", "example.com/locked@v1.0.0"), TestContext.Current.CancellationToken);
            await Task.Delay(StillWaiting, TestContext.Current.CancellationToken);
            Assert.False(go.IsCompleted, "go finished while we held the lock");
            Assert.False(File.Exists(paths.ZipFile));
        }

        (await go.WaitAsync(Generous, TestContext.Current.CancellationToken)).AssertSuccess();
        Assert.True(File.Exists(paths.ZipFile));
        Assert.True(File.Exists(paths.LockFile), "lock files are never deleted");
    }

    [Fact]
    public async Task Writers_racing_to_create_a_lock_file_still_exclude_each_other()
    {
        using var scenario = new GoCacheScenario();
        for (var round = 0; round < 10; round++)
        {
            // A fresh version each round, so every locker races to create its .lock file first.
            Assert.True(scenario.Cache.TryGetPaths("example.com/race", $"v1.0.{round}", out var paths, out _));
            var inside = 0;
            var overlaps = 0;
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var lockers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                await start.Task;
                using (await GoModuleCache.LockVersionAsync(paths, TestContext.Current.CancellationToken))
                {
                    if (Interlocked.Increment(ref inside) != 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    await Task.Delay(2, TestContext.Current.CancellationToken);
                    Interlocked.Decrement(ref inside);
                }
            }, TestContext.Current.CancellationToken)).ToList();
            start.SetResult();
            await Task.WhenAll(lockers);
            Assert.Equal(0, overlaps);
            Assert.Equal(["v1.0." + round + ".lock"], Directory.EnumerateFiles(paths.DownloadDirectory).Select(Path.GetFileName).Where(n => n!.StartsWith("v1.0." + round + ".", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task We_wait_while_Go_holds_the_version_lock_then_find_its_zip_and_can_cancel_the_wait()
    {
        GoToolchain.Require();
        using var scenario = new GoCacheScenario();
        var module = scenario.Proxy.Add("example.com/slow", "v1.0.0");
        Assert.True(scenario.Cache.TryGetPaths(module.Path, module.Version, out var paths, out _));
        await using var server = await TestProxyServer.StartAsync(scenario.Proxy, cancellationToken: TestContext.Current.CancellationToken);

        // Go holds the version lock for as long as its zip download takes.
        var slowZip = server.AddFault(TestProxyFault.Slow("*.zip", TimeSpan.FromSeconds(3)));
        var go = Task.Run(() => GoToolchain.Run(scenario.Temp.Path, scenario.GoEnvironment(server.Url), "mod", "download", "-json", "example.com/slow@v1.0.0"), TestContext.Current.CancellationToken);
        await GoCacheScenario.WaitUntilAsync(() => slowZip.Hits > 0, "go requested the zip");

        using (var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GoModuleCache.LockVersionAsync(paths, timeout.Token));
        }

        var ours = scenario.Cache.StoreZipAsync(module.Path, module.Version, (_, _) => throw new InvalidOperationException("go is fetching it; we must not download"), null, null, TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(800), TestContext.Current.CancellationToken);
        Assert.False(ours.IsCompleted, "we went ahead while go held the lock");

        var goRun = (await go.WaitAsync(Generous, TestContext.Current.CancellationToken)).AssertSuccess();
        var stored = await ours.WaitAsync(Generous, TestContext.Current.CancellationToken);
        Assert.True(stored.AlreadyCached);
        Assert.Equal(JsonDocument.Parse(goRun.Stdout).RootElement.GetProperty("Sum").GetString(), stored.Hash);
    }
}
