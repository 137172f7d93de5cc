using GoMirror.Core.Hashing;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;

namespace GoMirror.Core.Probe;

/// <summary>
/// Measures one mirror: <c>.info</c> and <c>.mod</c> of the small samples one after another (so the figures are the
/// mirror's latency, not our own queueing), then the zip samples into temporary files, each hashed against go.sum,
/// then the checksum database's <c>supported</c> endpoint. Nothing fetched is kept.
/// </summary>
internal sealed class MirrorProber(GoProxyClient client, ProxyEntry mirror, MirrorMeasurement measurement, string tempDirectory, Action requestDone)
{
    public async Task RunAsync(IReadOnlyList<ProbeSample> small, IReadOnlyList<ProbeSample> zips, CancellationToken cancellationToken)
    {
        IReadOnlyList<ProxyEntry> only = [mirror with { FallBackOnAnyError = false }];
        foreach (var sample in small)
        {
            var info = await client.FetchInfoAsync(sample.Path, sample.Version, only, cancellationToken).ConfigureAwait(false);
            Count(info, sample.Name, timed: true);
            requestDone();
            var mod = await client.FetchModAsync(sample.Path, sample.Version, only, cancellationToken).ConfigureAwait(false);
            Count(mod, sample.Name, timed: true);
            if (mod.Succeeded && mod.Value is { } goMod)
            {
                Compare(sample.Name + "/go.mod", ModuleHash.HashGoMod(goMod), sample.GoModHash);
            }

            requestDone();
        }

        // Staleness beyond go.sum: the newest version of each sampled module, compared across mirrors afterwards.
        foreach (var path in small.Select(s => s.Path).Distinct(StringComparer.Ordinal))
        {
            var list = await client.FetchListAsync(path, only, cancellationToken).ConfigureAwait(false);
            Count(list, path + "/@v/list", timed: true, missingCounts: false);
            if (list.Succeeded && list.Value is { } versions && Newest(versions.Versions) is { } newest)
            {
                measurement.Locked(() => measurement.Latest[path] = newest);
            }

            requestDone();
        }

        foreach (var sample in zips)
        {
            var file = Path.Combine(tempDirectory, Guid.NewGuid().ToString("N") + ".zip");
            try
            {
                var zip = await client.FetchZipToFileAsync(sample.Path, sample.Version, only, file, cancellationToken).ConfigureAwait(false);
                Count(zip, sample.Name, timed: false);
                if (zip.Succeeded)
                {
                    measurement.Locked(() =>
                    {
                        measurement.ZipBytes += zip.Bytes;
                        measurement.ZipSeconds += zip.Duration.TotalSeconds;
                    });
                    Compare(sample.Name, HashOrNull(file, cancellationToken), sample.ZipHash);
                }
            }
            finally
            {
                File.Delete(file);
            }

            requestDone();
        }
    }

    private static string? HashOrNull(string zipFile, CancellationToken cancellationToken)
    {
        try
        {
            return ModuleHash.HashZip(zipFile, cancellationToken);
        }
        catch (ModuleHashException)
        {
            // Not a zip Go could hash: it is not the bytes go.sum records either.
            return null;
        }
    }

    /// <summary>The version Go's <c>@latest</c> takes from a list: the highest release, else the highest pre-release.</summary>
    internal static string? Newest(IEnumerable<string> versions)
    {
        var valid = versions.Where(Modules.Semver.IsValid).ToList();
        var releases = valid.Where(v => Modules.Semver.Prerelease(v).Length == 0).ToList();
        return (releases.Count > 0 ? releases : valid).OrderBy(v => v, Modules.Semver.Comparer).LastOrDefault();
    }

    private void Count(ProxyFetchResult result, string name, bool timed, bool missingCounts = true) => measurement.Locked(() =>
    {
        measurement.Requests += Math.Max(result.Attempts, 1);
        switch (result.Outcome)
        {
            case ProxyFetchOutcome.Succeeded:
                if (timed)
                {
                    measurement.LatenciesMs.Add(result.Duration.TotalMilliseconds);
                }

                break;
            case ProxyFetchOutcome.NotFound:
                // A 404/410 is an answer: it counts for latency too, and the version is missing here.
                if (timed)
                {
                    measurement.LatenciesMs.Add(result.Duration.TotalMilliseconds);
                }

                if (missingCounts)
                {
                    measurement.Missing.Add(name);
                }

                break;
            default:
                measurement.Failures += Math.Max(result.Attempts, 1);
                break;
        }
    });

    private void Compare(string item, string? served, string? expected) => measurement.Locked(() =>
    {
        measurement.Served[item] = served ?? "(not a module zip)";
        if (expected is not null && !string.Equals(served, expected, StringComparison.Ordinal))
        {
            measurement.Inconsistent.Add(item);
        }
    });
}
