using System.Diagnostics;
using GoMirror.Core.Modules;

namespace GoMirror.Bench.EndToEnd;

/// <summary>
/// The floor: the least any client could do to get the same files. A plain parallel HTTP fetch of every
/// module's <c>.info</c>, <c>.mod</c> and <c>.zip</c> at the same concurrency as our pre-warm, each body
/// streamed to a file, with no checks, hashing, locking or cache layout. Our chain is judged against it.
/// </summary>
public static class FloorFetcher
{
    /// <summary>Fetches everything into <paramref name="directory"/> and returns the wall time.</summary>
    public static async Task<TimeSpan> FetchAsync(string proxyUrl, IReadOnlyList<CorpusModule> modules, int maxParallel, string directory)
    {
        ArgumentNullException.ThrowIfNull(modules);
        Directory.CreateDirectory(directory);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = maxParallel, UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
        var requests = modules
            .SelectMany((m, i) => new[] { ".info", ".mod", ".zip" }.Select(ext => (
                Url: $"{proxyUrl}/{ModuleEscaping.Escape(m.Path)}/@v/{ModuleEscaping.Escape(m.Version)}{ext}",
                File: Path.Combine(directory, $"{i:D4}{ext}"))))
            .ToArray();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = maxParallel }, async (request, token) =>
        {
            using var response = await client.GetAsync(new Uri(request.Url), HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var file = new FileStream(request.File, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    await body.CopyToAsync(file, token).ConfigureAwait(false);
                }
            }
        }).ConfigureAwait(false);
        clock.Stop();
        return clock.Elapsed;
    }
}
