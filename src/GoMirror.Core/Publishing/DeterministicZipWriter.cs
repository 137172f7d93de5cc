using System.Buffers.Binary;
using System.Text;
using GoMirror.Core.Zip;

namespace GoMirror.Core.Publishing;

/// <summary>
/// Writes a module zip whose bytes depend only on the entry names and contents: entries stored (not
/// compressed), a fixed timestamp, no extra fields, no platform-specific attributes. Written by hand
/// because System.IO.Compression records the current OS in every entry and its deflate output may change
/// between runtime versions, and the same sources must give the same zip on every machine. Go reads stored
/// entries like any other; the module's h1: hash covers names and contents only.
/// </summary>
internal sealed class DeterministicZipWriter
{
    // 1980-01-01 00:00:00 in MS-DOS date/time form (the earliest a zip can say).
    private const ushort DosDate = (0 << 9) | (1 << 5) | 1;
    private const ushort DosTime = 0;
    private const ushort VersionNeeded = 10;
    private const ushort Utf8NameFlag = 1 << 11;

    private readonly Stream _output;
    private readonly List<(byte[] Name, ushort Flags, uint Crc, uint Size, uint Offset)> _central = [];

    /// <summary>Writes to <paramref name="output"/>, which must be seekable (sizes are patched in after each entry).</summary>
    public DeterministicZipWriter(Stream output) => _output = output;

    /// <summary>Adds one file, copying at most <paramref name="expectedSize"/> bytes from <paramref name="content"/>; returns false when the content's length differs.</summary>
    public bool Add(string name, Stream content, long expectedSize)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var flags = nameBytes.Length == name.Length ? (ushort)0 : Utf8NameFlag;
        var offset = (uint)_output.Position;
        WriteLocalHeader(nameBytes, flags, crc: 0, size: 0);
        var crc = 0u;
        long written = 0;
        var buffer = new byte[81920];
        int read;
        while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            written += read;
            if (written > expectedSize)
            {
                return false;
            }

            crc = Crc32.Append(crc, buffer.AsSpan(0, read));
            _output.Write(buffer, 0, read);
        }

        if (written != expectedSize)
        {
            return false;
        }

        var end = _output.Position;
        _output.Position = offset;
        var size = (uint)written;
        WriteLocalHeader(nameBytes, flags, crc, size);
        _output.Position = end;
        _central.Add((nameBytes, flags, crc, size, offset));
        return true;
    }

    /// <summary>Writes the central directory; the zip is complete afterwards.</summary>
    public void Finish()
    {
        var start = (uint)_output.Position;
        Span<byte> h = stackalloc byte[46];
        foreach (var (name, flags, crc, size, offset) in _central)
        {
            h.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(h, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 20); // made by: MS-DOS attributes, zip 2.0
            WriteSharedFields(h[6..], flags, crc, size, name.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(h[42..], offset);
            _output.Write(h);
            _output.Write(name);
        }

        var length = (uint)_output.Position - start;
        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)_central.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)_central.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], length);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], start);
        _output.Write(end);
    }

    private void WriteLocalHeader(byte[] name, ushort flags, uint crc, uint size)
    {
        Span<byte> h = stackalloc byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
        WriteSharedFields(h[4..], flags, crc, size, name.Length);
        _output.Write(h);
        _output.Write(name);
    }

    // The run of fields local and central headers share, from "version needed" to "name length".
    private static void WriteSharedFields(Span<byte> h, ushort flags, uint crc, uint size, int nameLength)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(h, VersionNeeded);
        BinaryPrimitives.WriteUInt16LittleEndian(h[2..], flags);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 0); // stored
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(h[8..], DosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[10..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h[14..], size);
        BinaryPrimitives.WriteUInt32LittleEndian(h[18..], size);
        BinaryPrimitives.WriteUInt16LittleEndian(h[22..], (ushort)nameLength);
    }
}
