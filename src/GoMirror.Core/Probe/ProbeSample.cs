using GoMirror.Core.GoMod;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.Policy;

namespace GoMirror.Core.Probe;

/// <summary>One module version the probe asks mirrors about, with the hashes go.sum records for it.</summary>
/// <param name="Path">The module path.</param>
/// <param name="Version">The version.</param>
/// <param name="ZipHash">The <c>h1:</c> of the zip, when go.sum has it.</param>
/// <param name="GoModHash">The <c>h1:</c> of the go.mod, when go.sum has it.</param>
/// <param name="CachedZipBytes">The zip's size in the local module cache, when it is there.</param>
internal sealed record ProbeSample(string Path, string Version, string? ZipHash, string? GoModHash, long? CachedZipBytes)
{
    public string Name => Path + "@" + Version;
}

/// <summary>Chooses the probe's samples from the components' go.sum files: a spread of versions for the small
/// requests, the largest zips for throughput. Private paths (GONOPROXY/GOPRIVATE) are never sampled: a probe
/// must not tell a mirror what a build keeps private.</summary>
internal static class ProbeSampler
{
    public static IReadOnlyList<ProbeSample> Collect(IEnumerable<GoComponent> components, GoMirrorPolicy policy, out int privateSkipped)
    {
        var cache = policy.ModCache.Value is { Length: > 0 } root && System.IO.Path.IsPathFullyQualified(root) ? new GoModuleCache(root) : null;
        var samples = new Dictionary<(string, string), ProbeSample>();
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in components)
        {
            foreach (var entry in component.Sums.SelectMany(s => s.Entries))
            {
                var module = entry.BareModule;
                if (policy.BypassesProxy(module.Path))
                {
                    skipped.Add(module.Path);
                    continue;
                }

                var key = (module.Path, module.Version);
                var sample = samples.TryGetValue(key, out var known) ? known : new ProbeSample(module.Path, module.Version, null, null, null);
                sample = entry.IsGoModHash
                    ? sample with { GoModHash = sample.GoModHash ?? entry.Hash }
                    : sample with { ZipHash = sample.ZipHash ?? entry.Hash };
                samples[key] = sample;
            }
        }

        privateSkipped = skipped.Count;
        return [.. samples.Values
            .Select(s => s with { CachedZipBytes = s.ZipHash is null ? null : CachedSize(cache, s) })
            .OrderBy(s => s.Path, StringComparer.Ordinal)
            .ThenBy(s => s.Version, StringComparer.Ordinal)];
    }

    /// <summary>Up to <paramref name="count"/> samples spread evenly over the sorted list, so one module's many
    /// versions do not crowd out the others.</summary>
    public static IReadOnlyList<ProbeSample> Spread(IReadOnlyList<ProbeSample> samples, int count)
    {
        if (count <= 0 || samples.Count == 0)
        {
            return [];
        }

        if (samples.Count <= count)
        {
            return samples;
        }

        return [.. Enumerable.Range(0, count).Select(i => samples[(int)((long)i * samples.Count / count)])];
    }

    /// <summary>Up to <paramref name="count"/> samples with a zip hash, the largest cached zips first.</summary>
    public static IReadOnlyList<ProbeSample> LargestZips(IReadOnlyList<ProbeSample> samples, int count) =>
        [.. samples.Where(s => s.ZipHash is not null)
            .OrderByDescending(s => s.CachedZipBytes ?? -1)
            .ThenBy(s => s.Path, StringComparer.Ordinal)
            .ThenBy(s => s.Version, StringComparer.Ordinal)
            .Take(Math.Max(count, 0))];

    private static long? CachedSize(GoModuleCache? cache, ProbeSample sample)
    {
        if (cache is null || !cache.TryGetPaths(sample.Path, sample.Version, out var paths, out _))
        {
            return null;
        }

        var zip = new FileInfo(paths.ZipFile);
        return zip.Exists ? zip.Length : null;
    }
}
