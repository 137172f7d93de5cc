using System.Buffers.Binary;
using System.Text;

namespace GoMirror.Core.SumDb;

/// <summary>
/// A note signed by the checksum database (golang.org/x/mod/sumdb/note <c>Open</c>): the text, a blank line,
/// then signature lines <c>— name base64(keyhash ‖ signature)</c>. Opening it checks the signature of the
/// one key the client trusts; signatures by other keys are ignored, as Go ignores unknown keys.
/// </summary>
/// <param name="Text">The signed text, ending in a newline.</param>
internal sealed record SignedNote(string Text)
{
    private const int MaxSignatures = 100;
    private static readonly byte[] SignaturePrefix = Encoding.UTF8.GetBytes("\u2014 ");

    /// <summary>Opens <paramref name="message"/>, requiring a valid signature by <paramref name="verifier"/>.</summary>
    /// <exception cref="SumDbException">The note is malformed (GOMIRROR0907), carries no signature by the key
    /// (0905), or a bad one (0904).</exception>
    public static SignedNote Open(ReadOnlySpan<byte> message, NoteVerifier verifier)
    {
        if (!System.Text.Unicode.Utf8.IsValid(message) || HasControlCharacter(message))
        {
            throw Malformed();
        }

        var split = message.LastIndexOf("\n\n"u8);
        if (split < 0)
        {
            throw Malformed();
        }

        var text = message[..(split + 1)];
        var signatures = message[(split + 2)..];
        if (signatures.IsEmpty || signatures[^1] != '\n')
        {
            throw Malformed();
        }

        var verified = false;
        var count = 0;
        var others = new List<string>();
        while (!signatures.IsEmpty)
        {
            var end = signatures.IndexOf((byte)'\n');
            var line = signatures[..end];
            signatures = signatures[(end + 1)..];
            if (!line.StartsWith(SignaturePrefix))
            {
                throw Malformed();
            }

            var fields = Encoding.UTF8.GetString(line[SignaturePrefix.Length..]);
            var space = fields.IndexOf(' ', StringComparison.Ordinal);
            var name = space < 0 ? fields : fields[..space];
            var base64 = space < 0 ? string.Empty : fields[(space + 1)..];
            byte[] signature;
            try
            {
                signature = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                throw Malformed();
            }

            if (!NoteVerifier.IsValidName(name) || base64.Length == 0 || signature.Length < 5 || ++count > MaxSignatures)
            {
                throw Malformed();
            }

            var hash = BinaryPrimitives.ReadUInt32BigEndian(signature);
            if (name != verifier.Name || hash != verifier.KeyHash)
            {
                others.Add($"{name}+{hash:x8}");
                continue;
            }

            if (verified)
            {
                continue;
            }

            if (!verifier.Verify(text, signature.AsSpan(4)))
            {
                throw new SumDbException(SumDbDiagnostics.BadSignature, $"invalid signature for key {verifier.Name}+{verifier.KeyHash:x8}");
            }

            verified = true;
        }

        if (!verified)
        {
            throw new SumDbException(SumDbDiagnostics.UnknownKey, others.Count == 0
                ? "note has no verifiable signatures"
                : $"note has no verifiable signatures: it is signed by {string.Join(", ", others.Distinct())}, not by the configured key {verifier.Name}+{verifier.KeyHash:x8}");
        }

        return new SignedNote(Encoding.UTF8.GetString(text));
    }

    private static bool HasControlCharacter(ReadOnlySpan<byte> message)
    {
        foreach (var b in message)
        {
            if (b < 0x20 && b != '\n')
            {
                return true;
            }
        }

        return false;
    }

    private static SumDbException Malformed() => new(SumDbDiagnostics.MalformedResponse, "malformed note");
}
