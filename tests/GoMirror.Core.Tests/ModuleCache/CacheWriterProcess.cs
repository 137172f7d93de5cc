using System.Diagnostics;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.Modules;
using GoMirror.Core.Tests.Children;

namespace GoMirror.Core.Tests.ModuleCache;

/// <summary>
/// A second writer in another process: the test executable started again as a <see cref="TestChild"/>, which
/// stores one module version from a proxy folder into a cache, as the parent test says through environment
/// variables; the exit code tells the parent whether every store succeeded.
/// </summary>
internal static class CacheWriterProcess
{
    private const string CacheVariable = "GOMIRROR_TEST_WRITER_CACHE";
    private const string ProxyVariable = "GOMIRROR_TEST_WRITER_PROXY";
    private const string ModuleVariable = "GOMIRROR_TEST_WRITER_MODULE";
    private const string VersionVariable = "GOMIRROR_TEST_WRITER_VERSION";
    private const string StallMarkerVariable = "GOMIRROR_TEST_WRITER_STALL_MARKER";

    /// <summary>Starts a writer process. With <paramref name="stallMarker"/>, it writes half the zip, creates that file and hangs.</summary>
    internal static Process Start(string cacheRoot, string proxyRoot, string module, string version, string? stallMarker = null)
    {
        var start = TestChild.StartInfo(nameof(CacheWriterProcess));
        start.Environment[CacheVariable] = cacheRoot;
        start.Environment[ProxyVariable] = proxyRoot;
        start.Environment[ModuleVariable] = module;
        start.Environment[VersionVariable] = version;
        start.Environment[StallMarkerVariable] = stallMarker ?? string.Empty;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
    }

    /// <summary>Waits for a writer started with <see cref="Start"/> and fails with its output unless it succeeded.</summary>
    internal static async Task AssertSucceedsAsync(Process process, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await TestChild.WaitAsync(process, cancellationToken);
        Assert.True(exitCode == 0, $"writer process exited {exitCode}\n{output}");
    }

    /// <summary>The child's body: stores the module version the parent named.</summary>
    internal static async Task RunAsync(CancellationToken ct)
    {
        var root = Environment.GetEnvironmentVariable(CacheVariable)!;
        var proxy = new Testing.ModuleProxyFolder(Environment.GetEnvironmentVariable(ProxyVariable)!);
        var module = Environment.GetEnvironmentVariable(ModuleVariable)!;
        var version = Environment.GetEnvironmentVariable(VersionVariable)!;
        var stallMarker = Environment.GetEnvironmentVariable(StallMarkerVariable);
        var files = Path.Combine(proxy.VersionDirectory(module), ModuleEscaping.Escape(version));
        var cache = new GoModuleCache(root);

        var zip = await cache.StoreZipAsync(module, version, async (stream, token) =>
        {
            var bytes = await File.ReadAllBytesAsync(files + ".zip", token);
            if (!string.IsNullOrEmpty(stallMarker))
            {
                await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), token);
                await stream.FlushAsync(token);
                await File.WriteAllTextAsync(stallMarker, "writing", token);
                await Task.Delay(Timeout.Infinite, token);
            }

            await stream.WriteAsync(bytes, token);
            return true;
        }, expectedHash: null, cancellationToken: ct);
        Assert.True(zip.Succeeded, string.Join("\n", zip.Diagnostics));
        Assert.True((await cache.StoreModAsync(module, version, await File.ReadAllBytesAsync(files + ".mod", ct), cancellationToken: ct)).Succeeded);
        Assert.True((await cache.StoreInfoAsync(module, version, await File.ReadAllBytesAsync(files + ".info", ct), ct)).Succeeded);
        Assert.True((await cache.ExtractAsync(module, version, ct)).Succeeded);
    }
}
