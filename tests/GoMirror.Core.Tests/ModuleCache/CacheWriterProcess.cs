using System.Diagnostics;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.Modules;

namespace GoMirror.Core.Tests.ModuleCache;

/// <summary>
/// A second writer in another process: the test executable started again to run only
/// <see cref="Store_the_module_the_parent_names"/>, which stores one module version from a proxy folder
/// into a cache, as the parent test says through environment variables. Explicit, so it never runs in a
/// normal test run; the exit code tells the parent whether every store succeeded.
/// </summary>
public class CacheWriterProcess
{
    private const string CacheVariable = "GOMIRROR_TEST_WRITER_CACHE";
    private const string ProxyVariable = "GOMIRROR_TEST_WRITER_PROXY";
    private const string ModuleVariable = "GOMIRROR_TEST_WRITER_MODULE";
    private const string VersionVariable = "GOMIRROR_TEST_WRITER_VERSION";
    private const string StallMarkerVariable = "GOMIRROR_TEST_WRITER_STALL_MARKER";

    /// <summary>Starts a writer process. With <paramref name="stallMarker"/>, it writes half the zip, creates that file and hangs.</summary>
    internal static Process Start(string cacheRoot, string proxyRoot, string module, string version, string? stallMarker = null)
    {
        var assembly = typeof(CacheWriterProcess).Assembly.Location;
        var start = new ProcessStartInfo(Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-method", typeof(CacheWriterProcess).FullName + "." + nameof(Store_the_module_the_parent_names), "-explicit", "only", "-noLogo", "-noColor", "-parallel", "none" })
        {
            start.ArgumentList.Add(argument);
        }

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
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
        Assert.True(process.ExitCode == 0, $"writer process exited {process.ExitCode}\n{await stdout}\n{await stderr}");
    }

    [Fact(Explicit = true)]
    public async Task Store_the_module_the_parent_names()
    {
        var root = Environment.GetEnvironmentVariable(CacheVariable);
        if (string.IsNullOrEmpty(root))
        {
            Assert.Skip("runs only as a writer process started by the module cache tests");
        }

        var proxy = new Testing.ModuleProxyFolder(Environment.GetEnvironmentVariable(ProxyVariable)!);
        var module = Environment.GetEnvironmentVariable(ModuleVariable)!;
        var version = Environment.GetEnvironmentVariable(VersionVariable)!;
        var stallMarker = Environment.GetEnvironmentVariable(StallMarkerVariable);
        var files = Path.Combine(proxy.VersionDirectory(module), ModuleEscaping.Escape(version));
        var cache = new GoModuleCache(root);
        var ct = TestContext.Current.CancellationToken;

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
