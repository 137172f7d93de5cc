using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.ModuleCache;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.ModuleCache;

/// <summary>
/// Zips, go.mod files and extraction written by our writer, judged by Go: offline <c>go mod download</c>,
/// <c>go mod verify</c> and <c>go clean -modcache</c> on the result; wrong hashes, concurrent writers and
/// killed writers never leave anything Go would trust.
/// </summary>
public class CacheZipStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [EveryGo]
    public async Task Go_accepts_our_cache_offline_verifies_it_and_cleans_it(string go)
    {
        using var selected = GoVersions.Use(go);
        using var scenario = new GoCacheScenario();
        var modules = new[]
        {
            scenario.Proxy.Add("example.com/Upper/Lib", "v1.2.3", Files(("lib.go", "package lib\n"), ("sub/dir/x.go", "package dir\n"), ("LICENSE", "MIT\n"))),
            scenario.Proxy.Add("example.com/plain", "v0.1.0-rc.1", Files(("p.go", "package plain\n"))),
        };
        var expected = GoSums(scenario, modules);

        foreach (var module in modules)
        {
            var result = await StoreAllAsync(scenario, module, expected[module.Path]);
            Assert.Equal(expected[module.Path], result.Hash);
        }

        Assert.False(scenario.Cache.TryGetPaths(modules[0].Path, modules[0].Version, out var paths, out _) && Directory.EnumerateFiles(paths.DownloadDirectory, "*.tmp").Any());
        AssertGoAcceptsOffline(scenario, modules);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(0, (int)(File.GetUnixFileMode(paths!.SourceDirectory) & UnixFileMode.UserWrite));
            Assert.Equal(0, (int)(File.GetUnixFileMode(Path.Combine(paths.SourceDirectory, "lib.go")) & UnixFileMode.UserWrite));
        }

        GoToolchain.Run(scenario.Temp.Path, scenario.GoEnvironment(), "clean", "-modcache").AssertSuccess();
        Assert.False(Directory.Exists(scenario.CacheRoot) && Directory.EnumerateFileSystemEntries(scenario.CacheRoot).Any());
    }

    [Fact]
    public async Task A_second_store_is_a_hit_that_neither_downloads_nor_hashes()
    {
        using var scenario = new GoCacheScenario();
        var module = scenario.Proxy.Add("example.com/hit", "v1.0.0");
        var first = await StoreAllAsync(scenario, module, expectedHash: null);
        var downloads = 0;
        var second = await scenario.Cache.StoreZipAsync(module.Path, module.Version, (_, _) => { downloads++; return Task.FromResult(true); }, first.Hash, null, Ct);
        Assert.True(second.AlreadyCached);
        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(0, downloads);
        Assert.True((await scenario.Cache.ExtractAsync(module.Path, module.Version, Ct)).AlreadyCached);
    }

    [Fact]
    public async Task A_zip_with_the_wrong_hash_never_lands_and_the_diagnostic_names_everything()
    {
        using var scenario = new GoCacheScenario();
        var module = scenario.Proxy.Add("example.com/tampered", "v1.0.0");
        const string goSumHash = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        var goSum = SourceLocation.InFile(scenario.Temp.Combine("main", "go.sum"), 7);
        var result = await scenario.Cache.StoreZipAsync(module.Path, module.Version, CopyFrom(module.ZipFile), goSumHash, goSum, Ct);

        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ModuleCacheDiagnostics.ZipChecksumMismatch, diagnostic.Descriptor);
        Assert.Equal(goSum, diagnostic.Location);
        Assert.Contains("example.com/tampered@v1.0.0", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(goSumHash, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(GoModuleHashOf(scenario, module), diagnostic.Message, StringComparison.Ordinal);
        var paths = result.Paths!;
        Assert.False(File.Exists(paths.ZipFile));
        Assert.False(File.Exists(paths.ZipHashFile));
        Assert.Empty(Directory.EnumerateFiles(paths.DownloadDirectory, "*.tmp"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => scenario.Cache.ExtractAsync(module.Path, module.Version, Ct));
        Assert.False(Directory.Exists(paths.SourceDirectory));
    }

    [Fact]
    public async Task A_zip_that_breaks_Go_zip_rules_never_lands()
    {
        using var scenario = new GoCacheScenario();
        var bad = scenario.Temp.Combine("bad.zip");
        ModuleProxyFolder.WriteRawZip(bad, [
            new("example.com/bad@v1.0.0/go.mod", Encoding.UTF8.GetBytes("module example.com/bad\n")),
            new("example.com/other@v1.0.0/x.go", Encoding.UTF8.GetBytes("package x\n")),
        ]);
        var result = await scenario.Cache.StoreZipAsync("example.com/bad", "v1.0.0", CopyFrom(bad), null, null, Ct);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Message.Contains("example.com/other@v1.0.0/x.go", StringComparison.Ordinal));
        Assert.False(File.Exists(result.Paths!.ZipFile));
        Assert.False(File.Exists(result.Paths.ZipHashFile));
        Assert.Empty(Directory.EnumerateFiles(result.Paths.DownloadDirectory, "*.tmp"));
    }

    [Fact]
    public async Task A_zip_no_source_served_fails_without_diagnostics_and_leaves_no_temp_file()
    {
        using var scenario = new GoCacheScenario();
        var result = await scenario.Cache.StoreZipAsync("example.com/absent", "v1.0.0", async (stream, ct) =>
        {
            // A partial body, then "not served": what a proxy walk that gave up mid-way leaves behind.
            await stream.WriteAsync(new byte[100], ct);
            return false;
        }, null, null, Ct);
        Assert.False(result.Succeeded);
        Assert.Empty(result.Diagnostics);
        Assert.False(File.Exists(result.Paths!.ZipFile));
        Assert.False(File.Exists(result.Paths.ZipHashFile));
        Assert.Empty(Directory.EnumerateFiles(result.Paths.DownloadDirectory, "*.tmp"));
    }

    [Fact]
    public async Task A_failing_download_propagates_its_own_exception_and_leaves_no_temp_file()
    {
        using var scenario = new GoCacheScenario();
        var failure = await Assert.ThrowsAsync<IOException>(() => scenario.Cache.StoreZipAsync("example.com/flaky", "v1.0.0", async (stream, ct) =>
        {
            await stream.WriteAsync(new byte[1000], ct);
            throw new IOException("connection reset by proxy");
        }, null, null, Ct));
        Assert.Equal("connection reset by proxy", failure.Message);
        Assert.True(scenario.Cache.TryGetPaths("example.com/flaky", "v1.0.0", out var paths, out _));
        Assert.Empty(Directory.EnumerateFiles(paths.DownloadDirectory, "*.tmp"));
        Assert.False(File.Exists(paths.ZipFile));
    }

    [Fact]
    public async Task A_cached_zip_or_go_mod_with_another_hash_is_reported_and_kept()
    {
        using var scenario = new GoCacheScenario();
        var module = scenario.Proxy.Add("example.com/changed", "v1.0.0");
        await StoreAllAsync(scenario, module, expectedHash: null);
        const string other = "h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";
        var goSum = SourceLocation.InFile("/repo/go.sum", 3);

        var zip = await scenario.Cache.StoreZipAsync(module.Path, module.Version, (_, _) => throw new InvalidOperationException("must not download"), other, goSum, Ct);
        Assert.Equal(ModuleCacheDiagnostics.CachedHashDiffers, Assert.Single(zip.Diagnostics).Descriptor);
        Assert.Equal(goSum, zip.Diagnostics[0].Location);
        var mod = await scenario.Cache.StoreModAsync(module.Path, module.Version, (_, _) => throw new InvalidOperationException("must not download"), other, goSum, Ct);
        Assert.Equal(ModuleCacheDiagnostics.CachedHashDiffers, Assert.Single(mod.Diagnostics).Descriptor);
        Assert.True(scenario.Cache.IsZipComplete(module.Path, module.Version));
    }

    [Fact]
    public async Task A_go_mod_with_the_wrong_hash_is_not_written_and_the_list_stays_unchanged()
    {
        using var scenario = new GoCacheScenario();
        var goSum = SourceLocation.InFile("/repo/go.sum", 4);
        var result = await scenario.Cache.StoreModAsync("example.com/m", "v1.0.0", Encoding.UTF8.GetBytes("module example.com/m\n"), "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=", goSum, Ct);
        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ModuleCacheDiagnostics.GoModChecksumMismatch, diagnostic.Descriptor);
        Assert.Equal(goSum, diagnostic.Location);
        Assert.False(File.Exists(result.Paths!.ModFile));
        Assert.False(File.Exists(result.Paths.ListFile));

        // The same go.mod with its real hash lands (the empty go.mod hash above is Go's own test vector).
        var empty = await scenario.Cache.StoreModAsync("example.com/m", "v1.0.1", ReadOnlyMemory<byte>.Empty, "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=", goSum, Ct);
        Assert.True(empty.Succeeded);
        Assert.Equal("v1.0.1\n", File.ReadAllText(empty.Paths!.ListFile));
    }

    [Fact]
    public async Task Concurrent_writers_in_threads_and_processes_end_with_a_cache_Go_verifies()
    {
        GoToolchain.Require();
        using var scenario = new GoCacheScenario();
        var module = scenario.Proxy.Add("example.com/Race", "v3.1.4+incompatible", Files(("r.go", "package race\n")), goMod: "module example.com/Race\n");
        var processes = Enumerable.Range(0, 2).Select(_ => CacheWriterProcess.Start(scenario.CacheRoot, scenario.Proxy.Root, module.Path, module.Version)).ToList();
        var threads = Enumerable.Range(0, 4).Select(_ => Task.Run(() => StoreAllAsync(scenario, module, expectedHash: null), Ct)).ToList();

        var results = await Task.WhenAll(threads);
        foreach (var process in processes)
        {
            using (process)
            {
                await CacheWriterProcess.AssertSucceedsAsync(process, Ct);
            }
        }

        Assert.Single(results.Select(r => r.Hash).Distinct());
        AssertGoAcceptsOffline(scenario, module);
    }

    [Fact]
    public async Task A_writer_killed_mid_download_leaves_nothing_trusted_and_the_next_writer_recovers()
    {
        GoToolchain.Require();
        using var scenario = new GoCacheScenario();
        var module = scenario.Proxy.Add("example.com/killed", "v1.0.0", Files(("k.go", "package killed\n"), ("big.txt", new string('x', 200_000))));
        var marker = scenario.Temp.Combine("stalled");
        using (var writer = CacheWriterProcess.Start(scenario.CacheRoot, scenario.Proxy.Root, module.Path, module.Version, marker))
        {
            var deadline = Stopwatch.StartNew();
            while (!File.Exists(marker) && !writer.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20, Ct);
            }

            Assert.True(File.Exists(marker), "the writer process never started writing: " + (writer.HasExited ? await writer.StandardOutput.ReadToEndAsync(Ct) : "still running"));
            writer.Kill(entireProcessTree: true);
            await writer.WaitForExitAsync(Ct);
        }

        Assert.True(scenario.Cache.TryGetPaths(module.Path, module.Version, out var paths, out _));
        Assert.Single(Directory.EnumerateFiles(paths.DownloadDirectory, "v1.0.0.zip*.tmp"));
        Assert.False(File.Exists(paths.ZipFile));
        Assert.False(scenario.Cache.IsZipComplete(module.Path, module.Version));

        await StoreAllAsync(scenario, module, expectedHash: null);
        Assert.Empty(Directory.EnumerateFiles(paths.DownloadDirectory, "*.tmp"));
        AssertGoAcceptsOffline(scenario, module);
    }

    [Fact]
    public async Task Go_killed_mid_download_leaves_a_temp_file_we_clean_up()
    {
        GoToolchain.Require();
        using var scenario = new GoCacheScenario();
        var module = scenario.Proxy.Add("example.com/gokilled", "v1.0.0");
        Assert.True(scenario.Cache.TryGetPaths(module.Path, module.Version, out var paths, out _));
        await using (var server = await TestProxyServer.StartAsync(scenario.Proxy, cancellationToken: Ct))
        {
            var hangingZip = server.AddFault(TestProxyFault.Hang("*.zip"));
            using var go = StartGo(scenario, server.Url, "mod", "download", module.Path + "@" + module.Version);
            await GoCacheScenario.WaitUntilAsync(() => hangingZip.Hits > 0, "go requested the zip");
            go.Kill(entireProcessTree: true);
            await go.WaitForExitAsync(Ct);
        }

        Assert.NotEmpty(Directory.EnumerateFiles(paths.DownloadDirectory, "v1.0.0.zip*.tmp"));
        await StoreAllAsync(scenario, module, expectedHash: null);
        Assert.Empty(Directory.EnumerateFiles(paths.DownloadDirectory, "*.tmp"));
        AssertGoAcceptsOffline(scenario, module);
    }

    [Fact]
    public async Task A_half_extracted_folder_is_removed_and_extracted_again()
    {
        GoToolchain.Require();
        using var scenario = new GoCacheScenario();
        var module = scenario.Proxy.Add("example.com/half", "v1.0.0", Files(("a.go", "package half\n"), ("b/b.go", "package b\n")));
        await StoreAllAsync(scenario, module, expectedHash: null);
        Assert.True(scenario.Cache.TryGetPaths(module.Path, module.Version, out var paths, out _));

        // What a writer killed mid-extraction leaves: the .partial marker, a folder missing files plus a
        // stray one, and an old-style (before Go 1.16) temp folder.
        TempDirectory.MakeWritable(paths.SourceDirectory);
        File.Delete(Path.Combine(paths.SourceDirectory, "b", "b.go"));
        File.WriteAllText(Path.Combine(paths.SourceDirectory, "stray.go"), "package half\n");
        File.WriteAllBytes(paths.PartialFile, []);
        var oldTemp = paths.SourceDirectory + ".tmp-12345";
        Directory.CreateDirectory(oldTemp);
        Assert.False(scenario.Cache.IsExtracted(module.Path, module.Version));

        var again = await scenario.Cache.ExtractAsync(module.Path, module.Version, Ct);
        Assert.True(again.Succeeded && !again.AlreadyCached);
        Assert.False(File.Exists(paths.PartialFile));
        Assert.False(Directory.Exists(oldTemp));
        Assert.False(File.Exists(Path.Combine(paths.SourceDirectory, "stray.go")));
        AssertGoAcceptsOffline(scenario, module);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_writable_cache_leaves_folders_writable_as_modcacherw_does()
    {
        using var scenario = new GoCacheScenario();
        var module = scenario.Proxy.Add("example.com/rw", "v1.0.0", Files(("d/x.go", "package d\n")));
        var cache = new GoModuleCache(scenario.CacheRoot, writableSourceDirectories: true);
        Assert.True((await cache.StoreZipAsync(module.Path, module.Version, CopyFrom(module.ZipFile), null, null, Ct)).Succeeded);
        var result = await cache.ExtractAsync(module.Path, module.Version, Ct);
        Assert.NotEqual(0, (int)(File.GetUnixFileMode(Path.Combine(result.Paths!.SourceDirectory, "d")) & UnixFileMode.UserWrite));
        Assert.Equal(0, (int)(File.GetUnixFileMode(Path.Combine(result.Paths.SourceDirectory, "d", "x.go")) & UnixFileMode.UserWrite));
    }

    [Fact]
    public async Task Hit_checks_cost_a_few_stat_calls()
    {
        using var scenario = new GoCacheScenario();
        ThreadReads.Require();
        // Incompressible, so reading the zip even once would show in the count.
        var payload = new byte[1 << 20];
        new Random(17).NextBytes(payload);
        var module = scenario.Proxy.Add("example.com/hot", "v1.0.0", new Dictionary<string, byte[]> { ["blob.bin"] = payload });
        Assert.True((await scenario.Cache.StoreZipAsync(module.Path, module.Version, CopyFrom(module.ZipFile), null, null, Ct)).Succeeded);
        const int rounds = 500;
        var before = ThreadReads.Now();
        for (var i = 0; i < rounds; i++)
        {
            Assert.True(scenario.Cache.IsZipComplete(module.Path, module.Version));
            Assert.NotNull(scenario.Cache.TryGetCachedZipHash(module.Path, module.Version));
        }

        // Stat calls and the one-line .ziphash: never the zip, whose size alone exceeds this.
        var read = ThreadReads.Now() - before;
        Assert.True(read < new FileInfo(module.ZipFile).Length, $"{rounds} hit checks read {read} bytes");
    }

    private static async Task<CacheStoreResult> StoreAllAsync(GoCacheScenario scenario, ProxiedModule module, string? expectedHash)
    {
        var cache = scenario.Cache;
        var zip = await cache.StoreZipAsync(module.Path, module.Version, CopyFrom(module.ZipFile), expectedHash, null, Ct);
        Assert.True(zip.Succeeded, string.Join("\n", zip.Diagnostics));
        Assert.True((await cache.StoreModAsync(module.Path, module.Version, scenario.ProxyFile(module, "mod"), cancellationToken: Ct)).Succeeded);
        Assert.True((await cache.StoreInfoAsync(module.Path, module.Version, scenario.ProxyFile(module, "info"), Ct)).Succeeded);
        var extracted = await cache.ExtractAsync(module.Path, module.Version, Ct);
        Assert.True(extracted.Succeeded, string.Join("\n", extracted.Diagnostics));
        return zip;
    }

    private static Func<Stream, CancellationToken, Task<bool>> CopyFrom(string file) => async (stream, ct) =>
    {
        await using var source = File.OpenRead(file);
        await source.CopyToAsync(stream, ct);
        return true;
    };

    // Go's own hashes for the proxy's modules, from a separate cache Go fills itself.
    private static Dictionary<string, string> GoSums(GoCacheScenario scenario, params ProxiedModule[] modules) =>
        modules.ToDictionary(m => m.Path, m =>
        {
            var run = GoToolchain.Run(scenario.Temp.Path, scenario.GoEnvironment(scenario.Proxy.FileUrl, scenario.Temp.Combine("go-cache")), "mod", "download", "-json", m.Path + "@" + m.Version).AssertSuccess();
            using var json = JsonDocument.Parse(run.Stdout);
            return json.RootElement.GetProperty("Sum").GetString()!;
        });

    private static string GoModuleHashOf(GoCacheScenario scenario, ProxiedModule module) => GoSums(scenario, module)[module.Path];

    private static void AssertGoAcceptsOffline(GoCacheScenario scenario, params ProxiedModule[] modules)
    {
        var main = scenario.MainModule(modules);
        GoToolchain.Run(main, scenario.GoEnvironment(), "mod", "download").AssertSuccess();
        var verify = GoToolchain.Run(main, scenario.GoEnvironment(), "mod", "verify").AssertSuccess();
        Assert.Contains("all modules verified", verify.Stdout, StringComparison.Ordinal);
    }

    private static Process StartGo(GoCacheScenario scenario, string goProxy, params string[] arguments)
    {
        var start = new ProcessStartInfo(GoToolchain.Require()) { WorkingDirectory = scenario.Temp.Path, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        start.Environment["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? scenario.Temp.Path;
        start.Environment["GOENV"] = "off";
        foreach (var (key, value) in scenario.GoEnvironment(goProxy))
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start go");
    }

    private static Dictionary<string, byte[]> Files(params (string Name, string Content)[] files) =>
        files.ToDictionary(f => f.Name, f => Encoding.UTF8.GetBytes(f.Content));
}
