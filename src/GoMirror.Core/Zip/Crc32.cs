using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GoMirror.Core.Zip;

/// <summary>
/// CRC-32 (IEEE 802.3, the zip checksum). Go's zip reader rejects an entry whose content does not match
/// the CRC in the central directory, so we must check it too; the BCL has no public CRC-32, and a table
/// implementation alone would make hashing a module zip several times slower than its SHA-256. On x64 the
/// bulk of the data is folded with carry-less multiplication (Gopal et al., "Fast CRC Computation for
/// Generic Polynomials Using PCLMULQDQ", Intel 2009); ARM64 has a CRC-32 instruction; other platforms use
/// the table.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Continues <paramref name="crc"/> (0 for a fresh checksum) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        if (Pclmulqdq.IsSupported && Sse2.IsSupported && data.Length >= 64)
        {
            var bulk = data.Length & ~15;
            state = FoldPclmul(state, data[..bulk]);
            data = data[bulk..];
        }
        else if (System.Runtime.Intrinsics.Arm.Crc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                state = System.Runtime.Intrinsics.Arm.Crc32.Arm64.ComputeCrc32(state, MemoryMarshal.Read<ulong>(data));
                data = data[8..];
            }
        }

        foreach (var b in data)
        {
            state = Table[(byte)(state ^ b)] ^ (state >> 8);
        }

        return ~state;
    }

    /// <summary>Folds a length that is a multiple of 16 and at least 64; <paramref name="state"/> is the inverted CRC.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint FoldPclmul(uint state, ReadOnlySpan<byte> data)
    {
        // Constants x^(n) mod P for the reflected polynomial 0x104C11DB7: fold by 512 bits, by 128 bits,
        // 64 to 32 bits, then Barrett reduction with P and mu = x^64 / P.
        var fold512 = Vector128.Create(0x0154442bd4UL, 0x01c6e41596UL);
        var fold128 = Vector128.Create(0x01751997d0UL, 0x00ccaa009eUL);
        var fold64 = Vector128.Create(0x0163cd6124UL, 0UL);
        var barrett = Vector128.Create(0x01db710641UL, 0x01f7011641UL);
        var low32 = Vector128.Create(uint.MaxValue, 0u, uint.MaxValue, 0u).AsUInt64();

        ref var start = ref MemoryMarshal.GetReference(data);
        var x1 = Load(ref start, 0) ^ Vector128.CreateScalar(state).AsUInt64();
        var x2 = Load(ref start, 16);
        var x3 = Load(ref start, 32);
        var x4 = Load(ref start, 48);
        var offset = 64;
        for (; data.Length - offset >= 64; offset += 64)
        {
            x1 = Fold(x1, fold512, Load(ref start, offset));
            x2 = Fold(x2, fold512, Load(ref start, offset + 16));
            x3 = Fold(x3, fold512, Load(ref start, offset + 32));
            x4 = Fold(x4, fold512, Load(ref start, offset + 48));
        }

        x1 = Fold(x1, fold128, x2);
        x1 = Fold(x1, fold128, x3);
        x1 = Fold(x1, fold128, x4);
        for (; data.Length - offset >= 16; offset += 16)
        {
            x1 = Fold(x1, fold128, Load(ref start, offset));
        }

        // 128 → 64 bits.
        var t = Pclmulqdq.CarrylessMultiply(x1, fold128, 0x10);
        x1 = Sse2.ShiftRightLogical128BitLane(x1.AsByte(), 8).AsUInt64() ^ t;

        // 64 → 32 bits.
        t = Sse2.ShiftRightLogical128BitLane(x1.AsByte(), 4).AsUInt64();
        x1 = Pclmulqdq.CarrylessMultiply(x1 & low32, fold64, 0x00) ^ t;

        // Barrett reduction.
        t = Pclmulqdq.CarrylessMultiply(x1 & low32, barrett, 0x10) & low32;
        t = Pclmulqdq.CarrylessMultiply(t, barrett, 0x00);
        return (x1 ^ t).AsUInt32().GetElement(1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> x, Vector128<ulong> k, Vector128<ulong> next) =>
        Pclmulqdq.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, k, 0x11) ^ next;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ref byte start, int offset) =>
        Vector128.LoadUnsafe(ref start, (nuint)offset).AsUInt64();

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
