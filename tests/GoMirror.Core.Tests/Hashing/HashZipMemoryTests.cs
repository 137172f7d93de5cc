using System.Diagnostics;
using System.IO.Compression;
using GoMirror.Core.Hashing;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Hashing;

/// <summary>HashZip streams: hashing a 200 MiB zip allocates a bounded amount, whatever the zip's size.</summary>
public class HashZipMemoryTests
{
    private const int MiB = 1 << 20;

    [Fact]
    public void Hashing_a_200_MiB_zip_allocates_under_2_MiB()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("big.zip");
        var written = WriteIncompressibleZip(zip, totalBytes: 200L * MiB, files: 4);

        ModuleHash.HashZip(zip, TestContext.Current.CancellationToken); // warm up JIT and pools
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var hash = ModuleHash.HashZip(zip, TestContext.Current.CancellationToken);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        TestContext.Current.SendDiagnosticMessage(
            $"HashZip over {written / MiB} MiB: {clock.Elapsed.TotalMilliseconds:F0} ms, {written / MiB / clock.Elapsed.TotalSeconds:F0} MiB/s, allocated {allocated / 1024} KiB");
        Assert.StartsWith("h1:", hash, StringComparison.Ordinal);
        Assert.True(allocated < 2 * MiB, $"HashZip allocated {allocated} bytes for a {written}-byte zip");
    }

    private static long WriteIncompressibleZip(string path, long totalBytes, int files)
    {
        var random = new Random(42);
        var chunk = new byte[4 * MiB];
        using var stream = File.Create(path);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create);
        for (var f = 0; f < files; f++)
        {
            var entry = archive.CreateEntry($"example.com/big@v1.0.0/blob{f}.bin", CompressionLevel.NoCompression);
            using var output = entry.Open();
            for (long left = totalBytes / files; left > 0; left -= chunk.Length)
            {
                random.NextBytes(chunk);
                output.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
            }
        }

        return totalBytes;
    }
}
