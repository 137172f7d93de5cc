using System.IO.Compression;
using GoMirror.Core.Zip;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Zip;

/// <summary>
/// The premise of reading a deflate entry once: .NET's inflater stops on the final block without asking its input
/// for more, so <see cref="ZipRangeStream.RanOut"/> stays false for every whole stream and the block walk of
/// <see cref="DeflateEndCheck"/> runs only for a stream cut short. (Correctness does not rest on it: a stream that
/// runs out is walked. The differential zip tests against Go catch a missing walk.)
/// </summary>
public sealed class ZipRangeStreamTests
{
    [Fact]
    public void A_whole_deflate_stream_read_to_its_end_never_runs_out_of_input_and_a_cut_one_does()
    {
        using var temp = new TempDirectory("gomirror-range");
        foreach (var level in new[] { CompressionLevel.Optimal, CompressionLevel.Fastest, CompressionLevel.NoCompression, CompressionLevel.SmallestSize })
        {
            foreach (var size in new[] { 1, 100, 8191, 8192, 65_536, 200_000, 1 << 20 })
            {
                var compressed = Deflate(size, level);
                var file = temp.Combine($"{level}-{size}.deflate");
                File.WriteAllBytes(file, compressed);
                foreach (var readSize in new[] { 1, 4096, 8192, 65_536 })
                {
                    Assert.False(ReadAll(file, compressed.Length, readSize, size), $"{level}, {size} bytes, reads of {readSize}: a whole stream ran out of input");
                    Assert.True(ReadAll(file, compressed.Length - 1, readSize, -1), $"{level}, {size} bytes, reads of {readSize}: a stream one byte short did not run out");
                }
            }
        }
    }

    private static bool ReadAll(string file, long length, int readSize, int expected)
    {
        using var handle = File.OpenHandle(file);
        var raw = new ZipRangeStream(handle, 0, length, new byte[8192]);
        using var inflate = new DeflateStream(raw, CompressionMode.Decompress);
        var buffer = new byte[readSize];
        long total = 0;
        int n;
        while ((n = inflate.Read(buffer)) > 0)
        {
            total += n;
        }

        if (expected >= 0)
        {
            Assert.Equal(expected, total);
        }

        return raw.RanOut;
    }

    // Half repetitive (compressible), half random (stored blocks at most levels).
    private static byte[] Deflate(int size, CompressionLevel level)
    {
        var data = new byte[size];
        new Random(size).NextBytes(data.AsSpan(size / 2));
        for (var i = 0; i < size / 2; i++)
        {
            data[i] = (byte)(i % 7);
        }

        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, level, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }
}
