using System.Globalization;
using System.Text;
using System.Text.Json;
using GoMirror.Testing;

namespace GoMirror.Bench.EndToEnd;

/// <summary>One module version of the corpus.</summary>
/// <param name="Path">The module path.</param>
/// <param name="Version">The version.</param>
/// <param name="ZipBytes">Size of its zip as served.</param>
public sealed record CorpusModule(string Path, string Version, long ZipBytes);

/// <summary>
/// A deterministic corpus of module versions in a proxy folder: <c>count</c> modules whose zips range from
/// 5 KB to 5 MB on a skewed log scale (many small, a few large, as in real dependency graphs) adding up to
/// about the target size. Each zip holds a go.mod, a Go package, a text file and incompressible testdata,
/// so its served size is close to its planned size. Every fifth path has upper-case letters, so escaping
/// is exercised. The same inputs give the same bytes; an existing corpus with the same stamp is reused.
/// </summary>
public sealed class Corpus
{
    private const int GeneratorVersion = 1;
    private const long MinBytes = 5 * 1024;
    private const long MaxBytes = 5 * 1024 * 1024;

    private Corpus(string proxyRoot, IReadOnlyList<CorpusModule> modules)
    {
        ProxyRoot = proxyRoot;
        Modules = modules;
    }

    /// <summary>The proxy folder.</summary>
    public string ProxyRoot { get; }

    /// <summary>The module versions, in path order.</summary>
    public IReadOnlyList<CorpusModule> Modules { get; }

    /// <summary>Total bytes of the zips.</summary>
    public long TotalZipBytes => Modules.Sum(m => m.ZipBytes);

    /// <summary>Creates (or reuses) the corpus under <paramref name="directory"/>; no zip is planned above
    /// <paramref name="maxBytes"/> (5 MB by default; a single module of that size when <paramref name="count"/> is 1).</summary>
    public static Corpus Create(string directory, int count, long targetBytes, long maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var stampFile = Path.Combine(directory, "corpus.json");
        var stamp = $"v{GeneratorVersion};{count};{targetBytes}" + (maxBytes == MaxBytes ? string.Empty : $";max {maxBytes}");
        if (File.Exists(stampFile))
        {
            var saved = JsonSerializer.Deserialize<SavedCorpus>(File.ReadAllText(stampFile));
            if (saved is not null && saved.Stamp == stamp && Directory.Exists(Path.Combine(directory, "proxy")))
            {
                return new Corpus(Path.Combine(directory, "proxy"), saved.Modules);
            }
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var proxy = new ModuleProxyFolder(Path.Combine(directory, "proxy"));
        var sizes = PlanSizes(count, targetBytes, maxBytes);
        var random = new Random(1729);
        var modules = new List<CorpusModule>(count);
        for (var i = 0; i < count; i++)
        {
            var path = i % 5 == 4
                ? $"bench.example.com/Team{i % 7}/Lib{i:D3}"
                : $"bench.example.com/mod{i:D3}";
            var version = $"v1.{i % 9}.{i % 4}";
            var written = proxy.Add(path, version, Files(random, path, i, sizes[i]));
            modules.Add(new CorpusModule(path, version, new FileInfo(written.ZipFile).Length));
        }

        modules.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        File.WriteAllText(stampFile, JsonSerializer.Serialize(new SavedCorpus(stamp, modules)));
        return new Corpus(proxy.Root, modules);
    }

    // Sizes MinBytes * (MaxBytes/MinBytes)^(x^p) for x evenly spaced in [0, 1]; p is chosen so the sum is the target
    // (p > 1 skews towards small modules). The sizes are then shuffled so size does not follow the path order.
    private static long[] PlanSizes(int count, long targetBytes, long maxBytes)
    {
        double Total(double p) => Enumerable.Range(0, count).Sum(i => Size(count == 1 ? 1 : (double)i / (count - 1), p));
        double Size(double x, double p) => MinBytes * Math.Pow((double)maxBytes / MinBytes, Math.Pow(x, p));
        double low = 0.05, high = 50;
        for (var step = 0; step < 60; step++)
        {
            var mid = (low + high) / 2;
            if (Total(mid) > targetBytes)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        var sizes = Enumerable.Range(0, count).Select(i => (long)Size(count == 1 ? 1 : (double)i / (count - 1), (low + high) / 2)).ToArray();
        new Random(42).Shuffle(sizes);
        return sizes;
    }

    private static Dictionary<string, byte[]> Files(Random random, string path, int index, long size)
    {
        var name = "lib" + index.ToString("D3", CultureInfo.InvariantCulture);
        var source = $"// Package {name} is generated benchmark content.\npackage {name}\n\n// Name is the module path.\nconst Name = \"{path}\"\n";
        var text = new StringBuilder();
        while (text.Length < size / 10)
        {
            text.Append(CultureInfo.InvariantCulture, $"line {text.Length} of {path}: the quick brown fox jumps over the lazy dog {random.Next()}\n");
        }

        // Random bytes do not compress, so the zip is about as large as planned.
        var blob = new byte[Math.Max(0, size - 1024 - (text.Length / 5))];
        random.NextBytes(blob);
        return new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [name + ".go"] = Encoding.UTF8.GetBytes(source),
            ["README.txt"] = Encoding.UTF8.GetBytes(text.ToString()),
            ["testdata/blob.bin"] = blob,
        };
    }

    private sealed record SavedCorpus(string Stamp, List<CorpusModule> Modules);
}
