using System.Text.Json;
using GoMirror.Core.ModuleCache;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.ModuleCache;

/// <summary>
/// Our version lock and Go's are one lock: each side waits for the other. No test sleeps and then looks: each waits
/// for what the waiting side does (the kernel lists go blocked on our lock; the proxy holds go's zip request, so go
/// keeps its lock until the test lets the answer go).
/// </summary>
public class CacheLockInteropTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Go_waits_while_we_hold_the_version_lock()
    {
        GoToolchain.Require();
        KernelLocks.Require();
        using var scenario = new GoCacheScenario();
        var module = scenario.Proxy.Add("example.com/locked", "v1.0.0");
        Assert.True(scenario.Cache.TryGetPaths(module.Path, module.Version, out var paths, out _));

        Task<GoRun> go;
        using (await GoModuleCache.LockVersionAsync(paths, TestContext.Current.CancellationToken))
        {
            go = Task.Run(() => GoToolchain.Run(scenario.Temp.Path, scenario.GoEnvironment(scenario.Proxy.FileUrl), "mod", "download", "-json", "example.com/locked@v1.0.0"), TestContext.Current.CancellationToken);

            // Go's flock on the .lock file blocks behind ours: the kernel lists it as a waiter. A go that did not
            // wait finishes instead, and the test fails at once rather than after a timeout.
            await GoCacheScenario.WaitUntilAsync(() => go.IsCompleted || KernelLocks.IsWaitedOn(paths.LockFile), "go blocks on our version lock");
            if (go.IsCompleted)
            {
                var early = await go;
                Assert.Fail("go finished while we held the lock:\n" + early.Stdout + early.Stderr);
            }
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

        // Go takes the version lock before it asks for the zip and keeps it until the zip is in: holding the
        // answer holds go's lock, for as long as the test needs and no longer.
        var heldZip = server.AddFault(TestProxyFault.Hold("*.zip"));
        var go = Task.Run(() => GoToolchain.Run(scenario.Temp.Path, scenario.GoEnvironment(server.Url), "mod", "download", "-json", "example.com/slow@v1.0.0"), TestContext.Current.CancellationToken);
        await GoCacheScenario.WaitUntilAsync(() => go.IsCompleted || heldZip.Hits > 0, "go requested the zip");
        Assert.False(go.IsCompleted, "go finished without asking for the zip");

        // Whenever the wait is cancelled, go still holds the lock: only a lock that is not Go's gets through.
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GoModuleCache.LockVersionAsync(paths, cancel.Token));
        }

        // A store that did not wait would download (and throw) now: the zip is not there while the answer is held.
        var ours = scenario.Cache.StoreZipAsync(module.Path, module.Version, (_, _) => throw new InvalidOperationException("go is fetching it; we must not download"), null, null, TestContext.Current.CancellationToken);
        Assert.False(ours.IsCompleted, "we went ahead while go held the lock");
        Assert.False(File.Exists(paths.ZipFile));
        heldZip.Release();

        var goRun = (await go.WaitAsync(Generous, TestContext.Current.CancellationToken)).AssertSuccess();
        var stored = await ours.WaitAsync(Generous, TestContext.Current.CancellationToken);
        Assert.True(stored.AlreadyCached);
        Assert.Equal(JsonDocument.Parse(goRun.Stdout).RootElement.GetProperty("Sum").GetString(), stored.Hash);
    }
}
