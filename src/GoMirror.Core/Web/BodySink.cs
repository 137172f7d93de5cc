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

    /// <summary>A sink of the same kind and limit over a stream of its own, for a hedged request racing this one:
    /// memory for a buffered sink, a temporary file (deleted on dispose) for a streamed one.</summary>
    public BodySinkFork Fork()
    {
        Stream stream = destination is MemoryStream
            ? new MemoryStream()
            : new FileStream(Path.Combine(Path.GetTempPath(), "gomirror-hedge-" + Guid.NewGuid().ToString("N") + ".tmp"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        return new BodySinkFork(new BodySink(stream, maxBytes, isModuleZip));
    }

    /// <summary>Replaces what this sink holds with the whole body <paramref name="source"/> holds.</summary>
    public async Task CopyFromAsync(BodySink source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        Reset();
        source.Destination.Position = source._start;
        await source.Destination.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
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

/// <summary>A <see cref="BodySink"/> made by <see cref="BodySink.Fork"/>, which owns its stream.</summary>
internal sealed class BodySinkFork(BodySink sink) : IAsyncDisposable
{
    /// <summary>The forked sink.</summary>
    public BodySink Sink => sink;

    /// <summary>Moves the forked body into <paramref name="target"/>, replacing what it held.</summary>
    public Task CopyToAsync(BodySink target, CancellationToken cancellationToken) =>
        (target ?? throw new ArgumentNullException(nameof(target))).CopyFromAsync(sink, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => sink.Destination.DisposeAsync();
}
