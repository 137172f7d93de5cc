using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using GoMirror.Core.Modules;

namespace GoMirror.Bench.EndToEnd;

/// <summary>
/// The floor: the least any client could do to get the same files. A plain parallel HTTP fetch of every
/// module's <c>.info</c>, <c>.mod</c> and <c>.zip</c> at the same concurrency as our pre-warm, each body
/// streamed to a file, with no checks, hashing, locking or cache layout. Our chain is judged against it. It
/// asks for HTTP/2 where the server offers it, as the engine does; over HTTP/1.1 it opens one connection per
/// request in flight.
/// </summary>
public static class FloorFetcher
{
    /// <summary>Fetches everything into <paramref name="directory"/> and returns the wall time.</summary>
    /// <param name="proxyUrl">The GOPROXY URL.</param>
    /// <param name="modules">The module versions to fetch.</param>
    /// <param name="maxParallel">Requests in flight at once; 0 or less for all of them at once.</param>
    /// <param name="directory">Where the bodies go.</param>
    /// <param name="trustedRoot">The CA of an https server, or null.</param>
    public static async Task<TimeSpan> FetchAsync(string proxyUrl, IReadOnlyList<CorpusModule> modules, int maxParallel, string directory, X509Certificate2? trustedRoot)
    {
        ArgumentNullException.ThrowIfNull(modules);
        Directory.CreateDirectory(directory);
        maxParallel = maxParallel > 0 ? maxParallel : modules.Count * 3;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = maxParallel, UseProxy = false, EnableMultipleHttp2Connections = true };
        if (trustedRoot is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None || IsIssuedBy(certificate, trustedRoot);
        }

        using var client = new HttpClient(handler)
        {
            Timeout = TimeSpan.FromMinutes(5),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
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

    private static bool IsIssuedBy(X509Certificate? certificate, X509Certificate2 root)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
