using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace GoMirror.Core.Proxy;

/// <summary>
/// The part of an error body shown to the user, as Go's cmd/go/internal/web shows it: only for
/// <c>text/plain</c> in UTF-8 or US-ASCII, only printable text, up to the first blank line, at most
/// 8 lines and 648 bytes, continuation lines indented with a tab.
/// </summary>
internal static class ProxyErrorDetail
{
    public const int MaxLines = 8;
    public const int MaxBytes = MaxLines * 81;

    /// <summary>True when Go would show this response's body (Content-Type text/plain, charset utf-8, us-ascii or none).</summary>
    public static bool IsShown(MediaTypeHeaderValue? contentType)
    {
        if (contentType?.MediaType is not { } media || !string.Equals(media, "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = contentType.CharSet?.Trim('"').ToLowerInvariant();
        return charset is null or "" or "utf-8" or "us-ascii";
    }

    /// <summary>Formats <paramref name="body"/> (a prefix of the error body) the way Go does; empty when Go would show nothing.</summary>
    public static string Format(ReadOnlySpan<byte> body)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return string.Empty;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && !IsGraphic(rune))
            {
                return string.Empty;
            }
        }

        var detail = new StringBuilder();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                break;
            }

            if (i > 0)
            {
                detail.Append("\n\t");
            }

            if (i >= MaxLines)
            {
                detail.Append("[Truncated: too many lines.]");
                break;
            }

            if (Encoding.UTF8.GetByteCount(detail.ToString()) + Encoding.UTF8.GetByteCount(line) > MaxBytes)
            {
                detail.Append("[Truncated: too long.]");
                break;
            }

            detail.Append(line);
        }

        return detail.ToString();
    }

    // Go's unicode.IsGraphic: categories L, M, N, P, S and Zs.
    private static bool IsGraphic(Rune rune) => Rune.GetUnicodeCategory(rune) is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}
