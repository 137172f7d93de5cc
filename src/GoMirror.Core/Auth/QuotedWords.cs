namespace GoMirror.Core.Auth;

/// <summary>Go's <c>cmd/internal/quoted.Split</c>, which splits a GOAUTH command into words: white space
/// separates words, and a word may be wrapped whole in <c>'…'</c> or <c>"…"</c> (no escapes inside).</summary>
internal static class QuotedWords
{
    /// <summary>Splits <paramref name="text"/>; returns null on success, or Go's error text.</summary>
    public static string? Split(string text, out IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<string>();
        words = result;
        var s = text.AsSpan();
        while (s.Length > 0)
        {
            s = s.TrimStart(" \t\n\r");
            if (s.Length == 0)
            {
                break;
            }

            if (s[0] is '"' or '\'')
            {
                var quote = s[0];
                var end = s[1..].IndexOf(quote);
                if (end < 0)
                {
                    return $"unterminated {quote} string";
                }

                result.Add(s.Slice(1, end).ToString());
                s = s[(end + 2)..];
                continue;
            }

            var length = s.IndexOfAny(" \t\n\r");
            length = length < 0 ? s.Length : length;
            result.Add(s[..length].ToString());
            s = s[length..];
        }

        return null;
    }
}
