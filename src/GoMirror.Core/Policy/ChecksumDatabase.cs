using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Security;
using GoMirror.Core.Web;

namespace GoMirror.Core.Policy;

/// <summary>
/// The checksum database GOSUMDB selects, read as Go's <c>dbDial</c> (cmd/go/internal/modfetch/sumdb.go)
/// reads it: <c>off</c>, a name, or a verifier key <c>name+hash+key</c>, either optionally followed by a
/// space and the URL to reach it at. Only <c>sum.golang.org</c> has a key built in;
/// <c>sum.golang.google.cn</c> is an alias that reaches it from mainland China.
/// </summary>
/// <param name="IsOff">True for <c>GOSUMDB=off</c>.</param>
/// <param name="Name">The database name, for example <c>sum.golang.org</c>; empty when off.</param>
/// <param name="VerifierKey">The full verifier key <c>name+hash+key</c>; empty when off.</param>
/// <param name="Url">The URL written after the key, which Go uses directly, bypassing proxies; null when
/// none was written (then Go asks the proxies, then <see cref="DirectUrl"/>).</param>
internal sealed record ChecksumDatabase(bool IsOff, string Name, string VerifierKey, Uri? Url)
{
    /// <summary>The name of Go's default database.</summary>
    public const string GoDefault = "sum.golang.org";

    /// <summary>The database's key as compiled into Go (cmd/go/internal/modfetch/key.go).</summary>
    public const string SumGolangOrgKey = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

    /// <summary>The alias Go rewrites to <c>sum.golang.org https://sum.golang.google.cn</c>.</summary>
    public const string ChinaAlias = "sum.golang.google.cn";

    /// <summary>No checksum database.</summary>
    public static ChecksumDatabase Off { get; } = new(true, string.Empty, string.Empty, null);

    /// <summary>Where Go reaches the database when no URL is written: <c>https://</c> plus its name.</summary>
    public Uri? DirectUrl => IsOff ? null : new Uri("https://" + Name);

    /// <summary>Parses a GOSUMDB value; returns null (and reports an error) when Go would reject it.</summary>
    /// <param name="value">The value; empty means unset, so resolve the default before calling.</param>
    /// <param name="location">Where it was set.</param>
    /// <param name="diagnostics">Receives what is wrong or worth knowing.</param>
    public static ChecksumDatabase? Parse(string value, SourceLocation? location, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (value == "off")
        {
            diagnostics.Add(PolicyDiagnostics.ChecksumDatabaseOff.Create(
                "GOSUMDB=off: modules not yet in go.sum are accepted without any check against the checksum database.",
                location));
            return Off;
        }

        var shown = CredentialRedactor.RedactText(value);
        var fields = (value == ChinaAlias ? GoDefault + " https://" + ChinaAlias : value)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is 0 or > 2)
        {
            diagnostics.Add(PolicyDiagnostics.MalformedChecksumDatabase.Create(
                fields.Length == 0
                    ? "GOSUMDB holds only white space."
                    : $"GOSUMDB '{shown}' has {fields.Length} fields; Go accepts a key, optionally followed by one URL.",
                location));
            return null;
        }

        var key = fields[0] == GoDefault ? SumGolangOrgKey : fields[0];
        if (!key.Contains('+', StringComparison.Ordinal))
        {
            diagnostics.Add(PolicyDiagnostics.ChecksumDatabaseKeyMissing.Create(
                $"GOSUMDB names '{CredentialRedactor.RedactText(key)}' without its verifier key; Go knows the key of {GoDefault} only, so every check fails.",
                location));
            return null;
        }

        if (VerifierKeyProblem(key) is { } problem)
        {
            diagnostics.Add(PolicyDiagnostics.MalformedChecksumDatabase.Create(
                $"GOSUMDB key '{CredentialRedactor.RedactText(key)}' is invalid: {problem}.", location));
            return null;
        }

        var name = key[..key.IndexOf('+', StringComparison.Ordinal)];
        if (!IsHostAndPath(name))
        {
            diagnostics.Add(PolicyDiagnostics.MalformedChecksumDatabase.Create(
                $"GOSUMDB database name '{CredentialRedactor.RedactText(name)}' is not host[/path].", location));
            return null;
        }

        if (!Uri.TryCreate("https://" + name, UriKind.Absolute, out _))
        {
            diagnostics.Add(PolicyDiagnostics.MalformedChecksumDatabase.Create(
                $"GOSUMDB database name '{CredentialRedactor.RedactText(name)}' is a host[/path] Go reads, but no request can reach it (a port above 65535).", location));
            return null;
        }

        Uri? url = null;
        if (fields.Length == 2 && GoUrl.Parse(fields[1], out var urlError) is null)
        {
            diagnostics.Add(PolicyDiagnostics.MalformedChecksumDatabase.Create(
                $"GOSUMDB URL '{CredentialRedactor.RedactText(fields[1])}' is not a URL Go can read: invalid GOSUMDB URL: {CredentialRedactor.RedactText(urlError!)}.", location));
            return null;
        }

        if (fields.Length == 2 && !Uri.TryCreate(fields[1], UriKind.Absolute, out url))
        {
            diagnostics.Add(PolicyDiagnostics.MalformedChecksumDatabase.Create(
                $"GOSUMDB URL '{CredentialRedactor.RedactText(fields[1])}' is a URL Go reads, but no request can go through it (it is not an absolute URL, or its port is above 65535).", location));
            return null;
        }

        return new ChecksumDatabase(false, name, key, url);
    }

    // golang.org/x/mod/sumdb/note.NewVerifier: name, 8 hex digits that must equal the key hash, then
    // base64 of the algorithm byte 0x01 (Ed25519) and a 32-byte public key.
    private static string? VerifierKeyProblem(string key)
    {
        var parts = key.Split('+', 3);
        var name = parts[0];
        var hash16 = parts.Length > 1 ? parts[1] : string.Empty;
        var key64 = parts.Length > 2 ? parts[2] : string.Empty;
        var keyBytes = new byte[key64.Length];
        if (name.Length == 0 || name.Any(char.IsWhiteSpace) || hash16.Length != 8
            || !uint.TryParse(hash16, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var hash)
            || !Convert.TryFromBase64String(key64, keyBytes, out var keyLength) || keyLength == 0)
        {
            return "it is not name+hash+key (8 hex digits, then the base64 key)";
        }

        var keyData = keyBytes.AsSpan(0, keyLength);
        var digest = SHA256.HashData([.. Encoding.UTF8.GetBytes(name + "\n"), .. keyData]);
        if (BinaryPrimitives.ReadUInt32BigEndian(digest) != hash)
        {
            return "the hash does not match the name and key";
        }

        return keyData[0] != 1 ? "the key algorithm is not Ed25519"
            : keyLength != 33 ? "an Ed25519 key is 32 bytes"
            : null;
    }

    // "No funny business in the database name" (cmd/go's sumdb.go): https://<name> parsed by net/url must be a
    // host and an optional path with nothing else (no user, query, fragment, or path Go would escape otherwise).
    internal static bool IsHostAndPath(string name) =>
        !name.EndsWith('/') && GoUrl.Parse("https://" + name, out _) is { } direct
        && direct.User is null && !direct.HasQuery && direct.Fragment.Length == 0 && !direct.HasRawPath && direct.Host.Length > 0;
}
