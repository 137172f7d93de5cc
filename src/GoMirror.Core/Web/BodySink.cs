using System.Buffers;

namespace GoMirror.Core.Web;

/// <summary>
/// Where a response body goes: a caller's stream (a zip streamed to disk) or a bounded memory buffer
/// (list/info/mod, a checksum database tile). Each attempt starts from the same position, so a failed or
/// cut-short attempt never leaves its bytes in front of the next one.
/// </summary>
/// <param name="destination">A writable, seekable stream; attempts start from its position at construction.</param>
/// <param name="maxBytes">The largest body accepted.</param>
/// <param name="isModuleZip">Words an oversized body as Go does for a module zip.</param>
internal sealed class BodySink(Stream destination, long maxBytes, bool isModuleZip = false)
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

    /// <summary>The whole body as bytes, for a buffered (memory) sink.</summary>
    public byte[] ToArray() => ((MemoryStream)destination).ToArray();

    /// <summary>The failure of a body over <see cref="MaxBytes"/>, in Go's words.</summary>
    public FetchFailure TooLarge(string url) =>
        new(FailureKind.TooLarge, 200, isModuleZip
            ? $"reading {url}: downloaded zip file too large (over {maxBytes} bytes)"
            : $"reading {url}: response larger than the {maxBytes}-byte limit");

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
