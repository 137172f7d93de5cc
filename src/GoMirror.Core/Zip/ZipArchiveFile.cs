using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace GoMirror.Core.Zip;

/// <summary>
/// A zip file on disk read the way Go's <c>archive/zip</c> reads it: only the central directory is loaded
/// (never the content), names are kept as raw bytes, and each entry's content is streamed on demand with
/// Go's checks (exact declared size, CRC-32, data descriptor). <see cref="System.IO.Compression.ZipArchive"/>
/// is not used because it silently truncates an entry to its declared size and checks no CRC, so it
/// would accept zips that Go rejects.
/// </summary>
internal sealed class ZipArchiveFile : IDisposable
{
    private const uint EndSignature = 0x06054b50;
    private const uint End64LocatorSignature = 0x07064b50;
    private const uint End64Signature = 0x06064b50;
    private const uint DirectoryHeaderSignature = 0x02014b50;
    private const uint LocalHeaderSignature = 0x04034b50;
    private const int EndLength = 22;
    private const int End64LocatorLength = 20;
    private const int End64Length = 56;
    private const int DirectoryHeaderLength = 46;
    private const int LocalHeaderLength = 30;
    private const ushort Zip64ExtraId = 0x0001;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SafeFileHandle _handle;

    private ZipArchiveFile(SafeFileHandle handle, long length, IReadOnlyList<ZipDirectoryEntry> entries)
    {
        _handle = handle;
        Length = length;
        Entries = entries;
    }

    /// <summary>Size of the zip file in bytes.</summary>
    public long Length { get; }

    /// <summary>The central directory, in stored order.</summary>
    public IReadOnlyList<ZipDirectoryEntry> Entries { get; }

    /// <summary>
    /// Opens <paramref name="path"/> and reads its central directory. A file longer than
    /// <paramref name="maxLength"/> is not parsed at all: the result is null and <paramref name="length"/> says why.
    /// </summary>
    /// <exception cref="ZipFormatException">The file is not a readable zip.</exception>
    public static ZipArchiveFile? Open(string path, long maxLength, out long length)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            length = RandomAccess.GetLength(handle);
            if (length > maxLength)
            {
                handle.Dispose();
                return null;
            }

            var entries = ReadDirectory(handle, length);
            return new ZipArchiveFile(handle, length, entries);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/> whatever its size.</summary>
    public static ZipArchiveFile Open(string path) => Open(path, long.MaxValue, out _)!;

    /// <summary>
    /// Streams the content of <paramref name="entry"/>, enforcing Go's checks as it goes.
    /// <paramref name="buffer"/> is scratch space for compressed data that the caller reuses across entries.
    /// </summary>
    public Stream OpenEntry(ZipDirectoryEntry entry, byte[] buffer)
    {
        var header = new byte[LocalHeaderLength];
        if (entry.LocalHeaderOffset < 0)
        {
            throw new ZipFormatException($"entry '{entry.Name}' has its local file header at a negative offset");
        }

        ReadExactly(entry.LocalHeaderOffset, header, "local file header of " + entry.Name);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != LocalHeaderSignature)
        {
            throw new ZipFormatException($"entry '{entry.Name}' has no local file header at offset {entry.LocalHeaderOffset} (zip: not a valid zip file)");
        }

        // Go 1.21 and later never read a directory's data and refuse one that declares content; Go 1.19 reads it
        // as a file (size and CRC checked). A module cache serves every release, so both rules apply.
        if (entry.Name.EndsWith('/') && entry.UncompressedSize != 0)
        {
            throw new ZipFormatException($"directory entry '{entry.Name}' declares {entry.UncompressedSize} bytes of content (zip: not a valid zip file)");
        }

        var dataOffset = entry.LocalHeaderOffset + LocalHeaderLength
            + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(26))
            + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));

        // As Go's section reader: data declared past the end of the file reads as far as the file goes.
        var available = Math.Max(0, Length - dataOffset);
        var raw = new ZipRangeStream(_handle, dataOffset, (long)Math.Min(entry.CompressedSize, (ulong)available), buffer);
        Stream content = entry.Method switch
        {
            0 => raw,
            8 => new System.IO.Compression.DeflateStream(raw, System.IO.Compression.CompressionMode.Decompress),
            _ => throw new ZipFormatException($"entry '{entry.Name}' uses compression method {entry.Method}; Go reads only stored (0) and deflate (8) (zip: unsupported compression algorithm)"),
        };
        return new ZipEntryContentStream(this, entry, content, raw, dataOffset, entry.CompressedSize > (ulong)available ? -1 : dataOffset + (long)entry.CompressedSize);
    }

    /// <summary>True when the deflate data at <paramref name="offset"/> ends with its final block (<see cref="DeflateEndCheck"/>).</summary>
    internal bool DeflateIsComplete(long offset, long length) =>
        DeflateEndCheck.IsComplete(new ZipRangeStream(_handle, offset, length, new byte[8192]));

    /// <summary>Reads the CRC-32 from the data descriptor at <paramref name="offset"/> (with or without its signature).</summary>
    internal uint ReadDescriptorCrc(long offset, string name)
    {
        Span<byte> d = stackalloc byte[8];
        if (offset < 0)
        {
            throw new ZipFormatException($"the zip ends inside the data descriptor of {name}");
        }

        ReadExactly(offset, d, "data descriptor of " + name);
        return BinaryPrimitives.ReadUInt32LittleEndian(d) == 0x08074b50
            ? BinaryPrimitives.ReadUInt32LittleEndian(d[4..])
            : BinaryPrimitives.ReadUInt32LittleEndian(d);
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private void ReadExactly(long offset, Span<byte> into, string what)
    {
        if (RandomAccess.Read(_handle, into, offset) != into.Length)
        {
            throw new ZipFormatException($"the zip ends inside the {what}");
        }
    }

    private static List<ZipDirectoryEntry> ReadDirectory(SafeFileHandle handle, long length)
    {
        // As Go's readDirectoryEnd: the end record is the last signature in the last 1 KiB, else in the last
        // 65 KiB; a last signature whose comment runs past the file ends the search (no earlier one is tried).
        byte[] tail = [];
        var endOffset = -1L;
        var endIndex = -1;
        foreach (var window in new long[] { 1024, 65 * 1024 })
        {
            var size = (int)Math.Min(window, length);
            tail = new byte[size];
            RandomAccess.Read(handle, tail, length - size);
            endIndex = FindEndRecord(tail);
            if (endIndex >= 0)
            {
                endOffset = length - size + endIndex;
                break;
            }

            if (size == length)
            {
                break;
            }
        }

        if (endIndex < 0)
        {
            throw new ZipFormatException("no end of central directory record: the file is not a zip or is truncated (zip: not a valid zip file)");
        }

        var end = tail.AsSpan(endIndex);
        ulong records = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
        ulong directorySize = BinaryPrimitives.ReadUInt32LittleEndian(end[12..]);
        ulong directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
        if (records == 0xffff || directorySize == 0xffff || directoryOffset == 0xffffffff)
        {
            var end64 = FindEnd64(handle, endOffset);
            if (end64 >= 0)
            {
                var b = new byte[End64Length];
                if (end64 > length || RandomAccess.Read(handle, b, end64) != End64Length || BinaryPrimitives.ReadUInt32LittleEndian(b) != End64Signature)
                {
                    throw new ZipFormatException("the zip64 end of central directory record is missing or damaged");
                }

                endOffset = end64;
                records = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(32));
                directorySize = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(40));
                directoryOffset = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(48));
            }
        }

        if (directorySize > long.MaxValue || directoryOffset > long.MaxValue)
        {
            throw new ZipFormatException("the central directory size or offset is out of range (zip: not a valid zip file)");
        }

        // A zip with data prepended (self-extracting) has its offsets shifted by the prefix, as in Go; Go (1.21 and
        // later) drops the shift when a directory header sits at the stated offset itself.
        var baseOffset = unchecked(endOffset - (long)directorySize - (long)directoryOffset);
        var start = unchecked(baseOffset + (long)directoryOffset);
        if (start < 0 || start >= length)
        {
            throw new ZipFormatException("the central directory offset points outside the file (zip: not a valid zip file)");
        }

        if (baseOffset > 0 && (long)directoryOffset < length)
        {
            var probe = new ZipRangeStream(handle, (long)directoryOffset, length - (long)directoryOffset, new byte[4096]);
            var probeHeader = new byte[DirectoryHeaderLength];
            if (probe.ReadAtLeast(probeHeader, probeHeader.Length, throwOnEndOfStream: false) == probeHeader.Length
                && ReadDirectoryHeader(probeHeader, probe, 0) is not null)
            {
                baseOffset = 0;
                start = (long)directoryOffset;
            }
        }

        var entries = new List<ZipDirectoryEntry>((int)Math.Min(records, (ulong)(length / DirectoryHeaderLength)));
        var reader = new ZipRangeStream(handle, start, length - start, new byte[64 * 1024]);
        var header = new byte[DirectoryHeaderLength];

        // As Go: headers are read until one cannot be (short, wrong signature, bad zip64 extra); only the count
        // then decides whether the directory is whole.
        while (reader.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
            && ReadDirectoryHeader(header, reader, baseOffset) is { } entry)
        {
            entries.Add(entry);
        }

        // Go compares only the low 16 bits: the count in the end record may have overflowed.
        if ((ushort)entries.Count != (ushort)records)
        {
            throw new ZipFormatException($"the central directory lists {records} entries but {entries.Count} could be read (zip: not a valid zip file)");
        }

        return entries;
    }

    // Null where Go's readDirectoryHeader fails: a wrong signature, a truncated header, a zip64 field too short,
    // or a maxed-out compressed size or offset without its zip64 value.
    private static ZipDirectoryEntry? ReadDirectoryHeader(byte[] header, Stream reader, long baseOffset)
    {
        var h = header.AsSpan();
        if (BinaryPrimitives.ReadUInt32LittleEndian(h) != DirectoryHeaderSignature)
        {
            return null;
        }

        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(h[28..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(h[30..]);
        var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(h[32..]);
        var variable = new byte[nameLength + extraLength + commentLength];
        if (reader.ReadAtLeast(variable, variable.Length, throwOnEndOfStream: false) < variable.Length)
        {
            return null;
        }

        var rawName = variable[..nameLength];
        ulong compressed = BinaryPrimitives.ReadUInt32LittleEndian(h[20..]);
        ulong uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(h[24..]);
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(h[42..]);
        bool needUncompressed = uncompressed == uint.MaxValue, needCompressed = compressed == uint.MaxValue, needOffset = offset == uint.MaxValue;
        var extra = variable.AsSpan(nameLength, extraLength);
        while (extra.Length >= 4)
        {
            var tag = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            extra = extra[4..];
            if (extra.Length < size)
            {
                break;
            }

            var field = extra[..size];
            extra = extra[size..];
            if (tag != Zip64ExtraId)
            {
                continue;
            }

            // Only the values that are maxed out in the header are present, in this order.
            if (needUncompressed)
            {
                needUncompressed = false;
                if (!TryReadZip64(ref field, out uncompressed))
                {
                    return null;
                }
            }

            if (needCompressed)
            {
                needCompressed = false;
                if (!TryReadZip64(ref field, out compressed))
                {
                    return null;
                }
            }

            if (needOffset)
            {
                needOffset = false;
                if (!TryReadZip64(ref field, out var offset64))
                {
                    return null;
                }

                offset = unchecked((long)offset64);
            }
        }

        // An uncompressed size of 2^32-1 without zip64 is plausible (Go keeps it); the other two are not.
        if (needCompressed || needOffset)
        {
            return null;
        }

        string name;
        bool valid;
        try
        {
            name = StrictUtf8.GetString(rawName);
            valid = true;
        }
        catch (DecoderFallbackException)
        {
            name = Encoding.UTF8.GetString(rawName);
            valid = false;
        }

        return new ZipDirectoryEntry
        {
            RawName = rawName,
            Name = name,
            NameIsValidUtf8 = valid,
            Flags = BinaryPrimitives.ReadUInt16LittleEndian(h[8..]),
            Method = BinaryPrimitives.ReadUInt16LittleEndian(h[10..]),
            Crc32 = BinaryPrimitives.ReadUInt32LittleEndian(h[16..]),
            CompressedSize = compressed,
            UncompressedSize = uncompressed,
            LocalHeaderOffset = unchecked(offset + baseOffset),
        };
    }

    private static bool TryReadZip64(ref Span<byte> field, out ulong value)
    {
        if (field.Length < 8)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(field);
        field = field[8..];
        return true;
    }

    private static int FindEndRecord(byte[] block)
    {
        for (var i = block.Length - EndLength; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(block.AsSpan(i)) == EndSignature)
            {
                var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(block.AsSpan(i + EndLength - 2));
                return commentLength + EndLength + i <= block.Length ? i : -1;
            }
        }

        return -1;
    }

    private static long FindEnd64(SafeFileHandle handle, long endOffset)
    {
        var at = endOffset - End64LocatorLength;
        if (at < 0)
        {
            return -1;
        }

        var b = new byte[End64LocatorLength];
        if (RandomAccess.Read(handle, b, at) != b.Length
            || BinaryPrimitives.ReadUInt32LittleEndian(b) != End64LocatorSignature
            || BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)) != 0
            || BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(16)) != 1)
        {
            return -1;
        }

        return (long)BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(8));
    }
}
