namespace GoMirror.Core.Zip;

/// <summary>
/// One record of a zip's central directory, as Go's <c>archive/zip</c> reads it: the name as raw bytes
/// (Go compares and hashes bytes, not decoded text), the declared sizes and the CRC the content must match.
/// </summary>
internal sealed class ZipDirectoryEntry
{
    private const ushort DataDescriptorFlag = 0x8;

    /// <summary>The name exactly as stored.</summary>
    public required byte[] RawName { get; init; }

    /// <summary>The name decoded as UTF-8; invalid bytes become U+FFFD (see <see cref="NameIsValidUtf8"/>).</summary>
    public required string Name { get; init; }

    /// <summary>False when <see cref="RawName"/> is not valid UTF-8, which Go's path checks reject.</summary>
    public required bool NameIsValidUtf8 { get; init; }

    /// <summary>General purpose flags.</summary>
    public required ushort Flags { get; init; }

    /// <summary>Compression method: 0 stored, 8 deflate; Go supports no other.</summary>
    public required ushort Method { get; init; }

    /// <summary>CRC-32 of the uncompressed content, from the central directory.</summary>
    public required uint Crc32 { get; init; }

    /// <summary>Bytes of compressed data after the local header.</summary>
    public required ulong CompressedSize { get; init; }

    /// <summary>Declared uncompressed size; the content must be exactly this long.</summary>
    public required ulong UncompressedSize { get; init; }

    /// <summary>Where the entry's local header starts in the file.</summary>
    public required long LocalHeaderOffset { get; init; }

    /// <summary>True when a data descriptor follows the compressed data (Go's zip writer always writes one).</summary>
    public bool HasDataDescriptor => (Flags & DataDescriptorFlag) != 0;
}
