using System.Buffers.Binary;
using System.Text;

namespace GoMirror.Testing;

/// <summary>
/// Edits the headers of a zip written by <see cref="ModuleProxyFolder.WriteRawZip"/> to make damaged or
/// hostile zips that no zip writer would produce: wrong CRCs, lying sizes, raw non-UTF-8 names. Each edit
/// is applied to both the central directory record and the local header, as an attacker would.
/// </summary>
public static class ZipBytes
{
    private const uint CentralSignature = 0x02014b50;
    private const uint LocalSignature = 0x04034b50;

    /// <summary>Flips bits of the CRC-32 of entry <paramref name="name"/>.</summary>
    public static void CorruptCrc(string zipPath, string name) =>
        Edit(zipPath, name, (central, local) =>
        {
            central[16] ^= 0x5A;
            local[14] ^= 0x5A;
        });

    /// <summary>Sets the declared uncompressed size of entry <paramref name="name"/>.</summary>
    public static void SetDeclaredSize(string zipPath, string name, uint size) =>
        Edit(zipPath, name, (central, local) =>
        {
            BinaryPrimitives.WriteUInt32LittleEndian(central[24..], size);
            BinaryPrimitives.WriteUInt32LittleEndian(local[22..], size);
        });

    /// <summary>Replaces one byte at <paramref name="index"/> of the stored name of entry <paramref name="name"/>.</summary>
    public static void SetNameByte(string zipPath, string name, int index, byte value) =>
        Edit(zipPath, name, (central, local) =>
        {
            central[46 + index] = value;
            local[30 + index] = value;
        });

    private delegate void HeaderEdit(Span<byte> central, Span<byte> local);

    private static void Edit(string zipPath, string name, HeaderEdit edit)
    {
        var bytes = File.ReadAllBytes(zipPath);
        var wanted = Encoding.UTF8.GetBytes(name);
        for (var i = bytes.Length - 46; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) != CentralSignature)
            {
                continue;
            }

            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i + 28));
            if (!bytes.AsSpan(i + 46, nameLength).SequenceEqual(wanted))
            {
                continue;
            }

            var localOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i + 42));
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(localOffset)) != LocalSignature)
            {
                throw new InvalidOperationException("no local header for " + name);
            }

            edit(bytes.AsSpan(i), bytes.AsSpan(localOffset));
            File.WriteAllBytes(zipPath, bytes);
            return;
        }

        throw new InvalidOperationException($"entry {name} not found in {zipPath}");
    }
}
