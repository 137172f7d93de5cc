using System.IO.Compression;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using GoMirror.Core.Hashing;

namespace GoMirror.Bench.Micro;

/// <summary>
/// The <c>h1:</c> hash of a module zip of a few MB (<see cref="ModuleHash.HashZip"/>) against the floor for the
/// same file: one plain SHA-256 over its bytes, read from disk the same way. The ratio is the price of Go's
/// hash over "just hash the download". The deflated variant also pays for inflating every entry, which a
/// plain SHA-256 of the compressed bytes does not; <see cref="InflateAndSha256EachEntry"/> is the least any
/// reader must do there (the BCL's zip reader, one SHA-256 per entry, no checks), so both floors are shown.
/// </summary>
[MemoryDiagnoser]
public class HashZipBenchmarks
{
    private string _directory = string.Empty;
    private string _zip = string.Empty;

    /// <summary>How the zip's entries are stored.</summary>
    [Params("stored", "deflated")]
    public string Entries { get; set; } = "stored";

    /// <summary>Writes the zip once per parameter set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("gomirror-bench-hash-").FullName;
        _zip = Path.Combine(_directory, "v1.4.2.zip");
        BenchData.WriteModuleZip(_zip, Entries == "stored" ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
        Console.WriteLine($"// zip: {Entries}, {new FileInfo(_zip).Length} bytes");
    }

    /// <summary>Deletes the zip.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>Baseline: SHA-256 of the zip file's bytes.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Sha256OfZipBytes()
    {
        using var file = new FileStream(_zip, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        return SHA256.HashData(file);
    }

    /// <summary>Each entry's content through the BCL's zip reader into SHA-256: the work any h1 must do at least.</summary>
    [Benchmark]
    public int InflateAndSha256EachEntry()
    {
        using var zip = ZipFile.OpenRead(_zip);
        var total = 0;
        foreach (var entry in zip.Entries)
        {
            using var content = entry.Open();
            total += SHA256.HashData(content)[0];
        }

        return total;
    }

    /// <summary>Go's <c>h1:</c> of the same zip.</summary>
    [Benchmark]
    public string H1OfZip() => ModuleHash.HashZip(_zip);
}
