using System.Buffers;

namespace GoMirror.Core.Proxy;

/// <summary>
/// Where a response body goes: a caller's stream (a zip streamed to disk) or a bounded memory buffer
/// (list/info/mod). Each attempt starts from the same position, so a failed or cut-short attempt never
/// leaves its bytes in front of the next one.
/// </summary>
internal sealed class BodySink(Stream destination, long maxBytes)
{
    private readonly long _start = destination.Position;

    public Stream Destination => destination;

    public long MaxBytes => maxBytes;

    /// <summary>Discards whatever an earlier attempt wrote.</summary>
    public void Reset()
    {
        destination.SetLength(_start);
        destination.Position = _start;
    }

    /// <summary>Copies <paramref name="body"/>; re-arms <paramref name="idle"/> after each chunk so only a stall times out.
    /// Returns the byte count, or -1 as soon as the body exceeds <see cref="MaxBytes"/>.</summary>
    public async Task<long> CopyAsync(Stream body, CancellationTokenSource idle, TimeSpan idleTimeout)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, idle.Token).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    return -1;
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), idle.Token).ConfigureAwait(false);
                idle.CancelAfter(idleTimeout);
            }

            await destination.FlushAsync(idle.Token).ConfigureAwait(false);
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
