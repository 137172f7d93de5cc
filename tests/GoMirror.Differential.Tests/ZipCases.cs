using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GoMirror.Differential.Tests;

/// <summary>
/// Module zips written byte by byte so that each field can be wrong on purpose: the edge cases of issue #19
/// class 6 (sizes of 0xFFFFFFFF without zip64 extras, an end record hidden in the comment, a directory size or
/// offset that is off, directory entries with content or a bad CRC, a deflate stream that ends early, data
/// descriptors, prefixed data, truncation) mixed over small valid module trees.
/// </summary>
internal static class ZipCases
{
    /// <summary>The module every generated zip claims to hold.</summary>
    public const string Module = "example.com/m";

    /// <summary>Its version.</summary>
    public const string Version = "v1.0.0";

    private const string Prefix = Module + "@" + Version + "/";

    private static readonly string[] Names = ["go.mod", "a.go", "sub/b.go", "LICENSE", "sub/", "dir/", "x/y/z.txt", "README.md", "sub/c.go"];

    /// <summary>The mutations a case may apply, by name (the name is part of the case's input text).</summary>
    private static readonly string[] Mutations =
    [
        "none", "none", "none", "csize-max", "usize-max", "offset-max", "zip64", "zip64-short", "fake-end", "fake-end-truncated",
        "comment-length", "dirsize+", "dirsize-", "diroffset+", "diroffset-", "records+", "prefix", "dir-content", "dir-crc",
        "crc", "crc-zero", "descriptor", "descriptor-nosig", "descriptor-crc", "deflate-short", "deflate-trailing", "local-sig",
        "method", "truncate", "flip", "outside", "duplicate", "stored-short", "usize+", "usize-", "central-truncated",
    ];

    /// <summary>Writes one generated zip to <paramref name="path"/> and returns what it is (for failure messages).</summary>
    public static string Write(CaseRandom random, string path)
    {
        var entries = new List<Entry>();
        var count = 1 + random.Next(4);
        foreach (var name in Enumerable.Range(0, count).Select(_ => random.Pick(Names)).Prepend("go.mod").Distinct())
        {
            var content = name.EndsWith('/') ? [] : name == "go.mod" ? Encoding.UTF8.GetBytes("module " + Module + "\n") : random.Bytes(random.Next(3) == 0 ? 0 : random.Next(300));
            if (content.Length > 0 && random.Chance(0.5))
            {
                // Compressible text so deflate streams have several blocks' worth of matches.
                content = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("package m // text\n", 1 + random.Next(40))));
            }

            entries.Add(new Entry(Encoding.UTF8.GetBytes(Prefix + name), content, !name.EndsWith('/') && random.Chance(0.6)));
        }

        var mutations = new List<string> { random.Pick(Mutations) };
        if (random.Chance(0.2))
        {
            mutations.Add(random.Pick(Mutations));
        }

        var zip = new Writer(entries, random);
        foreach (var m in mutations)
        {
            zip.Apply(m);
        }

        File.WriteAllBytes(path, zip.Bytes());
        return string.Join('+', mutations) + " [" + string.Join(", ", entries.Select(e => Encoding.UTF8.GetString(e.Name) + (e.Deflate ? " (deflate)" : string.Empty))) + "]";
    }

    private sealed class Entry(byte[] name, byte[] content, bool deflate)
    {
        public byte[] Name { get; set; } = name;

        public byte[] Content { get; } = content;

        public bool Deflate { get; } = deflate;

        public ushort Method { get; set; } = deflate ? (ushort)8 : (ushort)0;

        public ushort Flags { get; set; } = 0x800;

        public byte[] Data { get; set; } = deflate ? Compress(content) : content;

        public uint Crc { get; set; } = GoMirror.Core.Zip.Crc32.Append(0, content);

        public uint? CentralCSize { get; set; }

        public uint? CentralUSize { get; set; }

        public uint? CentralOffset { get; set; }

        public byte[] CentralExtra { get; set; } = [];

        public byte[]? Descriptor { get; set; }

        public bool BadLocalSignature { get; set; }

        private static byte[] Compress(byte[] content)
        {
            using var output = new MemoryStream();
            using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                deflate.Write(content);
            }

            return output.ToArray();
        }
    }

    private sealed class Writer(List<Entry> entries, CaseRandom random)
    {
        private byte[] _prefix = [];
        private byte[] _comment = [];
        private int _commentLengthDelta;
        private long _dirSizeDelta;
        private long _dirOffsetDelta;
        private int _recordsDelta;
        private int _truncate;
        private int _flip = -1;
        private int _centralTruncate;

        private Entry Any() => entries[random.Next(entries.Count)];

        private Entry? AnyDirectory() => entries.FirstOrDefault(e => e.Name[^1] == '/');

        public void Apply(string mutation)
        {
            switch (mutation)
            {
                case "csize-max": Any().CentralCSize = uint.MaxValue; break;
                case "usize-max": Any().CentralUSize = uint.MaxValue; break;
                case "offset-max": Any().CentralOffset = uint.MaxValue; break;
                case "zip64":
                case "zip64-short":
                    {
                        var e = Any();
                        e.CentralCSize = uint.MaxValue;
                        e.CentralUSize = uint.MaxValue;
                        var extra = new byte[mutation == "zip64" ? 20 : 12];
                        BinaryPrimitives.WriteUInt16LittleEndian(extra, 1);
                        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(2), (ushort)(extra.Length - 4));
                        BinaryPrimitives.WriteUInt64LittleEndian(extra.AsSpan(4), (ulong)e.Content.Length);
                        if (extra.Length >= 20)
                        {
                            BinaryPrimitives.WriteUInt64LittleEndian(extra.AsSpan(12), (ulong)e.Data.Length);
                        }

                        e.CentralExtra = extra;
                        break;
                    }

                case "fake-end":
                case "fake-end-truncated":
                    {
                        // An end record inside the comment: Go takes the last signature it finds.
                        var fake = new byte[22];
                        BinaryPrimitives.WriteUInt32LittleEndian(fake, 0x06054b50);
                        BinaryPrimitives.WriteUInt16LittleEndian(fake.AsSpan(8), (ushort)random.Next(3));
                        BinaryPrimitives.WriteUInt16LittleEndian(fake.AsSpan(10), (ushort)random.Next(3));
                        BinaryPrimitives.WriteUInt32LittleEndian(fake.AsSpan(12), (uint)random.Next(200));
                        BinaryPrimitives.WriteUInt32LittleEndian(fake.AsSpan(16), (uint)random.Next(400));
                        BinaryPrimitives.WriteUInt16LittleEndian(fake.AsSpan(20), (ushort)(mutation == "fake-end" ? random.Next(3) : 50 + random.Next(100)));
                        var tail = random.Bytes(random.Next(3));
                        _comment = [.. random.Bytes(random.Next(4)), .. fake, .. tail];
                        break;
                    }

                case "comment-length": _commentLengthDelta = random.Chance(0.5) ? 1 + random.Next(4) : -1; _comment = _comment.Length == 0 ? random.Bytes(3) : _comment; break;
                case "dirsize+": _dirSizeDelta = 1 + random.Next(60); break;
                case "dirsize-": _dirSizeDelta = -(1 + random.Next(60)); break;
                case "diroffset+": _dirOffsetDelta = 1 + random.Next(60); break;
                case "diroffset-": _dirOffsetDelta = -(1 + random.Next(60)); break;
                case "records+": _recordsDelta = random.Chance(0.5) ? 1 : -1; break;
                case "prefix": _prefix = random.Bytes(1 + random.Next(100)); break;
                case "dir-content":
                    if (AnyDirectory() is { } withContent)
                    {
                        withContent.Data = [1, 2, 3];
                        withContent.CentralCSize = 3;
                        withContent.CentralUSize = (uint)random.Next(2) * 3;
                    }

                    break;
                case "dir-crc":
                    if (AnyDirectory() is { } badCrc)
                    {
                        badCrc.Crc = 0x12345678;
                    }

                    break;
                case "crc": Any().Crc ^= 1; break;
                case "crc-zero": Any().Crc = 0; break;
                case "descriptor":
                case "descriptor-nosig":
                case "descriptor-crc":
                    {
                        var e = Any();
                        e.Flags |= 0x8;
                        var crc = mutation == "descriptor-crc" ? e.Crc ^ 0x100 : e.Crc;
                        var d = new byte[16];
                        BinaryPrimitives.WriteUInt32LittleEndian(d, 0x08074b50);
                        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(4), crc);
                        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(8), (uint)e.Data.Length);
                        BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(12), (uint)e.Content.Length);
                        e.Descriptor = mutation == "descriptor-nosig" ? d[4..] : d;
                        break;
                    }

                case "deflate-short":
                    if (entries.FirstOrDefault(e => e.Method == 8 && e.Data.Length > 2) is { } shortened)
                    {
                        shortened.Data = shortened.Data[..^(1 + random.Next(Math.Min(4, shortened.Data.Length - 1)))];
                    }

                    break;
                case "deflate-trailing":
                    if (entries.FirstOrDefault(e => e.Method == 8) is { } trailing)
                    {
                        trailing.Data = [.. trailing.Data, .. random.Bytes(1 + random.Next(8))];
                    }

                    break;
                case "local-sig": Any().BadLocalSignature = true; break;
                case "method": Any().Method = (ushort)(random.Chance(0.5) ? 12 : 99); break;
                case "truncate": _truncate = 1 + random.Next(40); break;
                case "flip": _flip = random.Next(1 << 16); break;
                case "outside": Any().Name = Encoding.UTF8.GetBytes(random.Pick(["other@v1.0.0/x.go", Prefix + "../x.go", Prefix + "a\nb.go", Prefix + "\xff.go"])); break;
                case "duplicate": entries.Add(entries[0]); break;
                case "stored-short":
                    if (entries.FirstOrDefault(e => e.Method == 0 && e.Data.Length > 0) is { } stored)
                    {
                        stored.Data = stored.Data[..^1];
                    }

                    break;
                case "usize+": Any().CentralUSize = (uint)(Any().Content.Length + 1); break;
                case "usize-": if (entries.FirstOrDefault(e => e.Content.Length > 0) is { } smaller) { smaller.CentralUSize = (uint)(smaller.Content.Length - 1); } break;
                case "central-truncated": _centralTruncate = 1 + random.Next(30); break;
                default: break;
            }
        }

        public byte[] Bytes()
        {
            var zip = new MemoryStream();
            zip.Write(_prefix);
            var offsets = new List<long>();
            foreach (var e in entries)
            {
                offsets.Add(zip.Length - _prefix.Length);
                var h = new byte[30];
                BinaryPrimitives.WriteUInt32LittleEndian(h, e.BadLocalSignature ? 0x04034b51u : 0x04034b50u);
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(4), 20);
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(6), e.Flags);
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(8), e.Method);
                BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(14), (e.Flags & 8) != 0 ? 0 : e.Crc);
                BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(18), (uint)e.Data.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(22), (uint)e.Content.Length);
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(26), (ushort)e.Name.Length);
                zip.Write(h);
                zip.Write(e.Name);
                zip.Write(e.Data);
                zip.Write(e.Descriptor ?? []);
            }

            var directoryStart = zip.Length - _prefix.Length;
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                var h = new byte[46];
                BinaryPrimitives.WriteUInt32LittleEndian(h, 0x02014b50);
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(4), 20);
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(6), 20);
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(8), e.Flags);
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(10), e.Method);
                BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), e.Crc);
                BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(20), e.CentralCSize ?? (uint)e.Data.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(24), e.CentralUSize ?? (uint)e.Content.Length);
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(28), (ushort)e.Name.Length);
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(30), (ushort)e.CentralExtra.Length);
                BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(38), e.Name[^1] == '/' ? 0x41ed0010u : 0x81a40000u);
                BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(42), e.CentralOffset ?? (uint)offsets[i]);
                zip.Write(h);
                zip.Write(e.Name);
                zip.Write(e.CentralExtra);
            }

            var directorySize = zip.Length - _prefix.Length - directoryStart;
            if (_centralTruncate > 0)
            {
                zip.SetLength(Math.Max(_prefix.Length + directoryStart, zip.Length - _centralTruncate));
            }

            var end = new byte[22];
            BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
            BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)(entries.Count + _recordsDelta));
            BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)(entries.Count + _recordsDelta));
            BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), (uint)Math.Max(0, directorySize + _dirSizeDelta));
            BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), (uint)Math.Max(0, directoryStart + _dirOffsetDelta));
            BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(20), (ushort)Math.Max(0, _comment.Length + _commentLengthDelta));
            zip.Write(end);
            zip.Write(_comment);
            var bytes = zip.ToArray();
            if (_flip >= 0)
            {
                bytes[_flip % bytes.Length] ^= (byte)(1 << (_flip % 8));
            }

            return _truncate > 0 ? bytes[..Math.Max(1, bytes.Length - _truncate)] : bytes;
        }
    }
}
