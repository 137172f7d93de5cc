using System.Diagnostics;
using System.IO.Compression;
using GoMirror.Core.Engine;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Prewarm;

/// <summary>Runs alone: the measurement counts every allocation of the process.</summary>
[CollectionDefinition(nameof(PrewarmMemoryCollection), DisableParallelization = true)]
public sealed class PrewarmMemoryCollection;

/// <summary>A 200 MiB module streams through the pre-warm (download, check, hash, extract) in bounded memory.</summary>
[Collection(nameof(PrewarmMemoryCollection))]
public class PrewarmMemoryTests
{
    private const int MiB = 1 << 20;

    [Fact]
    public async Task A_200_MiB_module_streams_through_in_bounded_memory()
    {
        GoToolchain.Require();
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PrewarmScenario.StartAsync();
        var module = scenario.Proxy.Add("example.com/huge", "v1.0.0");
        var size = WriteIncompressibleZip(module.ZipFile, "example.com/huge@v1.0.0/", 200L * MiB, files: 4);
        var goMod = scenario.Component("app", module);
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Proxy.FileUrl, goMod), log);
        Assert.True(engine.CheckPolicy().Succeeded, log.Text);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = Environment.WorkingSet;
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                await Task.Delay(5, CancellationToken.None);
            }
        }, CancellationToken.None);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var result = await engine.PrewarmAsync(ct);

        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await sampling.CancelAsync();
        await sampler;
        var growth = peak - baseline;
        TestContext.Current.SendDiagnosticMessage(
            $"pre-warm of a {size / MiB} MiB module zip: {clock.Elapsed.TotalMilliseconds:F0} ms, allocated {allocated / 1024} KiB, working set +{growth / MiB} MiB (peak {peak / MiB} MiB)");
        Assert.True(result.Succeeded, log.Text);
        Assert.True(allocated < 8 * MiB, $"the pre-warm allocated {allocated} bytes for a {size}-byte module");
        Assert.True(growth < 48 * MiB, $"the working set grew by {growth} bytes for a {size}-byte module");
        scenario.AssertGoAcceptsOffline(goMod);
    }

    private static long WriteIncompressibleZip(string path, string prefix, long totalBytes, int files)
    {
        var random = new Random(42);
        var chunk = new byte[4 * MiB];
        using var stream = File.Create(path);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create);
        using (var goMod = new StreamWriter(archive.CreateEntry(prefix + "go.mod").Open()))
        {
            goMod.Write("module example.com/huge\n\ngo 1.19\n");
        }

        for (var f = 0; f < files; f++)
        {
            using var output = archive.CreateEntry($"{prefix}blob{f}.bin", CompressionLevel.NoCompression).Open();
            for (long left = totalBytes / files; left > 0; left -= chunk.Length)
            {
                random.NextBytes(chunk);
                output.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
            }
        }

        return new FileInfo(path).Length;
    }
}
