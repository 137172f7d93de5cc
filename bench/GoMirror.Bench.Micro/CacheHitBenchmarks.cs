using System.Text;
using BenchmarkDotNet.Attributes;
using GoMirror.Core.ModuleCache;

namespace GoMirror.Bench.Micro;

/// <summary>
/// The hit checks a warm pre-warm makes for each of 300 module versions (<see cref="GoModuleCache"/>) against
/// the floor: the same two <c>File.Exists</c> calls on paths computed beforehand. The ratio is what escaping,
/// version checks and path building add to the stat calls a hit needs anyway.
/// </summary>
[MemoryDiagnoser]
public class CacheHitBenchmarks
{
    private readonly (string Path, string Version)[] _modules = BenchData.ModuleVersions(300);
    private string _root = string.Empty;
    private GoModuleCache _cache = null!;
    private (string Zip, string ZipHash)[] _paths = [];

    /// <summary>Lays out a cache holding every module's .info, .mod, .zip and .ziphash.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("gomirror-bench-cache-").FullName;
        _cache = new GoModuleCache(_root);
        var paths = new List<(string, string)>();
        foreach (var (path, version) in _modules)
        {
            if (!_cache.TryGetPaths(path, version, out var p, out var error))
            {
                throw new InvalidOperationException(error.Message);
            }

            Directory.CreateDirectory(p.DownloadDirectory);
            File.WriteAllText(p.InfoFile, $"{{\"Version\":\"{version}\",\"Time\":\"2024-01-02T03:04:05Z\"}}");
            File.WriteAllText(p.ModFile, $"module {path}\n");
            File.WriteAllBytes(p.ZipFile, []);
            File.WriteAllText(p.ZipHashFile, "h1:" + Convert.ToBase64String(Encoding.UTF8.GetBytes(path.PadRight(32)[..32])));
            paths.Add((p.ZipFile, p.ZipHashFile));
        }

        _paths = [.. paths];

        // A benchmark of misses would measure the wrong thing: every module must be a hit.
        if (FileExistsOnPrecomputedPaths() != _modules.Length || ZipAndModCached() != _modules.Length || TryGetCachedZipHash() != _modules.Length)
        {
            throw new InvalidOperationException("the benchmark cache is not a complete hit for every module");
        }
    }

    /// <summary>Deletes the cache.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    /// <summary>Baseline: two existence checks per module on precomputed paths.</summary>
    [Benchmark(Baseline = true)]
    public int FileExistsOnPrecomputedPaths()
    {
        var hits = 0;
        foreach (var (zip, zipHash) in _paths)
        {
            if (File.Exists(zip) && File.Exists(zipHash))
            {
                hits++;
            }
        }

        return hits;
    }

    /// <summary>Go's no-lock zip hit check.</summary>
    [Benchmark]
    public int IsZipComplete()
    {
        var hits = 0;
        foreach (var (path, version) in _modules)
        {
            if (_cache.IsZipComplete(path, version))
            {
                hits++;
            }
        }

        return hits;
    }

    /// <summary>The zip and the .mod are both cached.</summary>
    [Benchmark]
    public int ZipAndModCached()
    {
        var hits = 0;
        foreach (var (path, version) in _modules)
        {
            if (_cache.IsZipComplete(path, version) && _cache.IsModCached(path, version))
            {
                hits++;
            }
        }

        return hits;
    }

    /// <summary>The cached zip hash read under a shared lock, to compare with go.sum.</summary>
    [Benchmark]
    public int TryGetCachedZipHash()
    {
        var hits = 0;
        foreach (var (path, version) in _modules)
        {
            if (_cache.TryGetCachedZipHash(path, version) is not null)
            {
                hits++;
            }
        }

        return hits;
    }
}
