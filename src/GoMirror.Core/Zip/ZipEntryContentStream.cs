namespace GoMirror.Core.Zip;

/// <summary>
/// The uncompressed content of one entry, checked as Go's <c>archive/zip</c> checks it: more bytes than
/// declared is an error raised before the extra bytes are handed out; at the end, fewer bytes than declared,
/// a CRC-32 mismatch (skipped when the CRC is 0 and there is no data descriptor, as in Go) or a data
/// descriptor whose CRC disagrees with the central directory is an error, and so is a deflate stream that stops
/// before its final block (Go's "unexpected EOF"), which .NET's inflater reports as a normal end.
/// </summary>
internal sealed class ZipEntryContentStream(ZipArchiveFile zip, ZipDirectoryEntry entry, Stream inner, ZipRangeStream raw, long dataOffset, long descriptorOffset) : Stream
{
    private ulong _read;
    private uint _crc;
    private bool _finished;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => (long)entry.UncompressedSize;

    /// <inheritdoc />
    public override long Position
    {
        get => (long)_read;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> destination)
    {
        if (_finished || destination.Length == 0)
        {
            return 0;
        }

        int n;
        try
        {
            n = inner.Read(destination);
        }
        catch (InvalidDataException e)
        {
            throw new ZipFormatException($"entry '{entry.Name}' has corrupt compressed data: {e.Message}");
        }

        if (n > 0)
        {
            if (_read + (ulong)n > entry.UncompressedSize)
            {
                throw new ZipEntryTooLargeException($"entry '{entry.Name}' holds more than its declared size of {entry.UncompressedSize} bytes");
            }

            _read += (ulong)n;
            _crc = Crc32.Append(_crc, destination[..n]);
            return n;
        }

        _finished = true;
        // .NET's inflater stops on the final block without reading further, so a stream that never ran out of
        // input ended properly; only one that did needs the block walk that tells "cut short" from "ended exactly".
        if (entry.Method == 8 && raw.RanOut && !zip.DeflateIsComplete(dataOffset, raw.Length))
        {
            throw new ZipFormatException($"entry '{entry.Name}' has a deflate stream that ends before its final block (unexpected EOF)");
        }

        if (_read != entry.UncompressedSize)
        {
            throw new ZipFormatException($"entry '{entry.Name}' holds {_read} bytes but declares {entry.UncompressedSize}");
        }

        if (entry.HasDataDescriptor)
        {
            if (zip.ReadDescriptorCrc(descriptorOffset, entry.Name) != entry.Crc32 || _crc != entry.Crc32)
            {
                throw new ZipFormatException($"entry '{entry.Name}' fails its CRC-32 check (zip: checksum error)");
            }
        }
        else if (entry.Crc32 != 0 && _crc != entry.Crc32)
        {
            throw new ZipFormatException($"entry '{entry.Name}' fails its CRC-32 check (zip: checksum error)");
        }

        return 0;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
