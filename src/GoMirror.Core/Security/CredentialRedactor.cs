using System.Text.RegularExpressions;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Security;

/// <summary>
/// Removes credentials from every string the engine produces for humans: logs, diagnostics, reports.
/// The user-info part of a URL (<c>https://user:token@host</c>) becomes <c>***</c>, with or without the
/// scheme, and any secret value registered with <see cref="AddSecret"/> (a token taken from the environment,
/// say) is replaced wherever it appears.
/// </summary>
public sealed partial class CredentialRedactor
{
    /// <summary>What a credential is replaced with.</summary>
    public const string Mask = "***";

    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Registers a value that must never appear in output. Values shorter than 4 characters are
    /// ignored: masking them would garble ordinary text and they protect nothing.</summary>
    public void AddSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 4)
        {
            return;
        }

        lock (_gate)
        {
            _secrets.Add(secret);
        }
    }

    /// <summary>Registers the user-info of a URL (and its decoded form) as secrets.</summary>
    public void AddSecretsFromUrl(string? url)
    {
        if (url is null)
        {
            return;
        }

        foreach (Match match in UserInfoPattern().Matches(url))
        {
            var userInfo = match.Groups["userinfo"].Value;
            AddSecret(userInfo);
            AddSecret(Uri.UnescapeDataString(userInfo));
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                AddSecret(userInfo[(colon + 1)..]);
                AddSecret(Uri.UnescapeDataString(userInfo[(colon + 1)..]));
            }
        }
    }

    /// <summary>Redacts URL user-info and every registered secret from <paramref name="text"/>.</summary>
    public string Redact(string? text)
    {
        var result = RedactText(text);
        lock (_gate)
        {
            // Longest first, so a secret that contains another is masked whole.
            foreach (var secret in _secrets.OrderByDescending(s => s.Length))
            {
                result = result.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return result;
    }

    /// <summary><paramref name="diagnostic"/> with its message and fix redacted as <see cref="Redact(string?)"/> does.</summary>
    public Diagnostic Redact(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return diagnostic with { Message = Redact(diagnostic.Message), Fix = Redact(diagnostic.Fix) };
    }

    /// <summary>Replaces the user-info of every URL-like token in <paramref name="text"/> with <see cref="Mask"/>.
    /// Works on single URLs, GOPROXY lists and free text alike.</summary>
    public static string RedactText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        return MayHoldUserInfo(text) ? UserInfoPattern().Replace(text, m => m.Groups["prefix"].Value + Mask + "@") : text;
    }

    /// <summary>True when <paramref name="text"/> carries URL user-info.</summary>
    public static bool HasUserInfo(string? text) => !string.IsNullOrEmpty(text) && MayHoldUserInfo(text) && UserInfoPattern().IsMatch(text);

    // Every match of the pattern has a ':' (in "scheme://" or in "user:password") before its closing '@', so text
    // without a ':' before its last '@' cannot match; most log lines ("module@version: ...") are skipped cheaply.
    private static bool MayHoldUserInfo(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && colon < text.LastIndexOf('@');
    }

    // Either "scheme://userinfo@" or a scheme-less "user:password@" at the start of a token (GOPROXY
    // entries without a scheme get https:// prepended by Go, so they can carry credentials too).
    [GeneratedRegex(@"(?<prefix>[A-Za-z][A-Za-z0-9+.\-]*://|(?<=^|[\s,|=""'(]))(?<userinfo>(?(?<=//)[^/@\s,|?#]+|[^/@\s,|:?#]+:[^/@\s,|?#]+))@", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex UserInfoPattern();
}
