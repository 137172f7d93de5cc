using GoMirror.Core.Proxy;

namespace GoMirror.Core.Web;

/// <summary>
/// Reads a <c>file://</c> resource into a sink, as Go's web.getFile does: a missing file is a 404 (so a GOPROXY
/// ',' falls through as for an HTTP proxy), a denied one a 403, and a stalled read times out like a request.
/// </summary>
internal sealed class FileReader(GoProxyClientOptions options, WebRetry retry)
{
    /// <summary>Reads <paramref name="path"/>, named <paramref name="url"/> in messages, with the same retries as a GET.</summary>
    public Task<WebResult> ReadAsync(string path, string url, BodySink sink, CancellationToken cancellationToken) =>
        retry.RunAsync(sink, token => ReadOnceAsync(path, url, sink, token), null, cancellationToken);

    private async Task<WebResult> ReadOnceAsync(string path, string url, BodySink sink, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(options.IdleTimeout);
                var count = await sink.CopyAsync(stream, idle, options.IdleTimeout).ConfigureAwait(false);
                return count < 0 ? WebResult.Failed(sink.TooLarge(url)) : WebResult.Received(count);
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return WebResult.Failed(new FetchFailure(FailureKind.NotFound, 404, $"reading {url}: no such file or directory"));
        }
        catch (UnauthorizedAccessException)
        {
            return WebResult.Failed(new FetchFailure(FailureKind.AccessDenied, 403, $"reading {url}: permission denied"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WebResult.Failed(new FetchFailure(FailureKind.BodyStalled, null, $"reading {url}: timeout: no data for {HttpTransport.Seconds(options.IdleTimeout)}"));
        }
        catch (IOException e)
        {
            return WebResult.Failed(new FetchFailure(FailureKind.Unreachable, null, $"reading {url}: {options.Redactor.Redact(e.Message)}"));
        }
    }
}
