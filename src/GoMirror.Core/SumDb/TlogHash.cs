using System.Buffers.Text;
using System.Runtime.InteropServices;

namespace GoMirror.Core.SumDb;

/// <summary>
/// A SHA-256 hash in the checksum database's transparent log (golang.org/x/mod/sumdb/tlog <c>Hash</c>), held
/// as four words so that equality and dictionary keys come for free; shown as standard padded base64.
/// </summary>
internal readonly record struct TlogHash(ulong W0, ulong W1, ulong W2, ulong W3)
{
    /// <summary>The size of a hash in bytes.</summary>
    public const int Size = 32;

    /// <summary>Reads a hash from exactly <see cref="Size"/> bytes.</summary>
    public static TlogHash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a tlog hash is {Size} bytes, not {bytes.Length}", nameof(bytes));
        }

        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        return new TlogHash(words[0], words[1], words[2], words[3]);
    }

    /// <summary>Parses Go's text form (padded base64 of 32 bytes); false when it is anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TlogHash hash)
    {
        Span<byte> bytes = stackalloc byte[Size + 3];
        if (text.Length != 44 || !Convert.TryFromBase64Chars(text, bytes, out var written) || written != Size)
        {
            hash = default;
            return false;
        }

        hash = FromBytes(bytes[..Size]);
        return true;
    }

    /// <summary>Writes the 32 bytes to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(destination[..Size]);
        words[0] = W0;
        words[1] = W1;
        words[2] = W2;
        words[3] = W3;
    }

    /// <summary>The 32 bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Go's text form: padded standard base64.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        Span<byte> text = stackalloc byte[Base64.GetMaxEncodedToUtf8Length(Size)];
        Base64.EncodeToUtf8(bytes, text, out _, out var written);
        return System.Text.Encoding.ASCII.GetString(text[..written]);
    }
}
