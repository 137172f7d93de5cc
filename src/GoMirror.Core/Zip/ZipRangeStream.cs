using Microsoft.Win32.SafeHandles;

namespace GoMirror.Core.Zip;

/// <summary>
/// A read-only window <c>[offset, offset+length)</c> of the zip file, read with positional reads (so
/// several windows can share one handle) through a caller-owned buffer that is reused across entries.
/// </summary>
internal sealed class ZipRangeStream(SafeFileHandle handle, long offset, long length, byte[] buffer) : Stream
{
    private long _position;
    private int _bufferStart;
    private int _bufferEnd;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => length;

    /// <summary>True once a read asked for bytes past the window's end. An inflater that stops on its final
    /// block never asks; one whose stream is cut short does, which is why <see cref="ZipEntryContentStream"/>
    /// walks the deflate blocks only then.</summary>
    public bool RanOut { get; private set; }

    /// <inheritdoc />
    public override long Position
    {
        get => _position - (_bufferEnd - _bufferStart);
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> destination)
    {
        if (_bufferStart < _bufferEnd)
        {
            var n = Math.Min(destination.Length, _bufferEnd - _bufferStart);
            buffer.AsSpan(_bufferStart, n).CopyTo(destination);
            _bufferStart += n;
            return n;
        }

        if (destination.Length == 0)
        {
            return 0;
        }

        var remaining = length - _position;
        if (remaining <= 0)
        {
            RanOut = true;
            return 0;
        }

        // Large reads (stored entries hashed straight from the file) skip the copy through our buffer.
        if (destination.Length >= buffer.Length)
        {
            var direct = RandomAccess.Read(handle, destination[..(int)Math.Min(destination.Length, remaining)], offset + _position);
            _position += direct;
            return direct == 0 ? throw new ZipFormatException("the zip ends inside an entry's data") : direct;
        }

        var got = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, remaining)), offset + _position);
        if (got == 0)
        {
            throw new ZipFormatException("the zip ends inside an entry's data");
        }

        _position += got;
        _bufferStart = 0;
        _bufferEnd = got;
        return Read(destination);
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
}
