using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace GoMirror.Core.SumDb;

/// <summary>
/// A verifier key of a signed note (golang.org/x/mod/sumdb/note <c>NewVerifier</c>):
/// <c>name+hash+key</c>, where the key is base64 of the algorithm byte 0x01 (Ed25519) and a 32-byte public key,
/// and the hash is the first four bytes of SHA-256(name, "\n", algorithm byte and key), in hex.
/// The signature check is BouncyCastle's RFC 8032 Ed25519.
/// </summary>
internal sealed class NoteVerifier
{
    private const byte AlgorithmEd25519 = 1;
    private readonly byte[] _publicKey;

    private NoteVerifier(string name, uint keyHash, byte[] publicKey, string key)
    {
        Name = name;
        KeyHash = keyHash;
        _publicKey = publicKey;
        Key = key;
    }

    /// <summary>The signer's name, for the checksum database its name (<c>sum.golang.org</c>).</summary>
    public string Name { get; }

    /// <summary>The key hash that signature lines carry in their first four bytes.</summary>
    public uint KeyHash { get; }

    /// <summary>The verifier key as written.</summary>
    public string Key { get; }

    /// <summary>Parses a verifier key; returns null and says why when Go's <c>NewVerifier</c> would reject it.</summary>
    public static NoteVerifier? TryParse(string key, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (name, rest) = Chop(key);
        var (hash16, key64) = Chop(rest);
        byte[]? keyBytes = null;
        try
        {
            keyBytes = Convert.FromBase64String(key64);
        }
        catch (FormatException)
        {
            // Reported below with the other shape problems.
        }

        if (hash16.Length != 8 || !uint.TryParse(hash16, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash)
            || keyBytes is not { Length: > 0 } || !IsValidName(name))
        {
            problem = "malformed verifier id: it is not name+hash+key (a name, 8 hex digits, the base64 key)";
            return null;
        }

        if (hash != ComputeKeyHash(name, keyBytes))
        {
            problem = "invalid verifier hash: the hash does not match the name and key";
            return null;
        }

        if (keyBytes[0] != AlgorithmEd25519)
        {
            problem = "unknown verifier algorithm: the key is not an Ed25519 key";
            return null;
        }

        if (keyBytes.Length != 1 + Ed25519.PublicKeySize)
        {
            problem = "malformed verifier id: an Ed25519 key is 32 bytes";
            return null;
        }

        problem = null;
        return new NoteVerifier(name, hash, keyBytes[1..], key);
    }

    /// <summary>Parses a verifier key that is known to be valid (GOSUMDB was checked by the policy).</summary>
    /// <exception cref="SumDbException">The key is not valid.</exception>
    public static NoteVerifier Parse(string key) =>
        TryParse(key, out var problem) ?? throw new SumDbException(SumDbDiagnostics.InvalidConfiguration, $"the checksum database key is invalid: {problem}");

    /// <summary>The key hash of <paramref name="name"/> and <paramref name="key"/> (algorithm byte included).</summary>
    public static uint ComputeKeyHash(string name, ReadOnlySpan<byte> key)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
        sha.AppendData(key);
        Span<byte> digest = stackalloc byte[32];
        sha.GetHashAndReset(digest);
        return BinaryPrimitives.ReadUInt32BigEndian(digest);
    }

    /// <summary>Go's <c>isValidName</c>: non-empty, valid UTF-8 (always, for a .NET string without lone
    /// surrogates), no white space, no <c>+</c>.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !name.Contains('+', StringComparison.Ordinal) && !name.Any(char.IsWhiteSpace)
        && !name.Any(char.IsSurrogate);

    /// <summary>True when <paramref name="signature"/> is this key's Ed25519 signature of <paramref name="message"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == Ed25519.SignatureSize && Ed25519.Verify(signature.ToArray(), 0, _publicKey, 0, message.ToArray(), 0, message.Length);

    private static (string Before, string After) Chop(string s)
    {
        var i = s.IndexOf('+', StringComparison.Ordinal);
        return i < 0 ? (s, string.Empty) : (s[..i], s[(i + 1)..]);
    }
}
