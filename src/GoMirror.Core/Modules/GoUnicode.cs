using System.Text;

namespace GoMirror.Core.Modules;

/// <summary>
/// The Unicode properties Go's module rules use (unicode.IsLetter for file names, unicode.IsPrint and IsSpace in
/// the go.mod lexer and in <c>%q</c> quoting, unicode.SimpleFold for zip path collisions), from the tables of
/// Go's own <c>unicode</c> package (<see cref="GoUnicodeTables"/>, generated, Unicode
/// <see cref="GoUnicodeTables.UnicodeVersion"/>), not from .NET's, which follows a newer Unicode: letters .NET
/// knows and Go does not must be refused as Go refuses them.
/// </summary>
internal static class GoUnicode
{
    /// <summary>Go's unicode.IsLetter.</summary>
    public static bool IsLetter(int rune) => rune < 0x80 ? char.IsAsciiLetter((char)rune) : In(GoUnicodeTables.Letter, rune);

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(int rune) => rune < 0x80 ? rune is >= 0x20 and < 0x7f : In(GoUnicodeTables.Print, rune);

    /// <summary>Go's unicode.IsSpace.</summary>
    public static bool IsSpace(int rune) => In(GoUnicodeTables.Space, rune);

    /// <summary>The smallest rune of <paramref name="rune"/>'s unicode.SimpleFold orbit (itself when it has none).</summary>
    public static int FoldMinimum(int rune)
    {
        // A binary search of the sorted pairs: no table to build, and no generic code over int for the JIT to
        // compile in each fresh process (docs/performance.md, finding 13).
        var folds = GoUnicodeTables.FoldKey;
        var (lo, hi) = (0, (folds.Length / 2) - 1);
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var key = folds[2 * mid];
            if (key == rune)
            {
                return folds[(2 * mid) + 1];
            }

            (lo, hi) = key < rune ? (mid + 1, hi) : (lo, mid - 1);
        }

        return rune;
    }

    /// <summary>Go's <c>%q</c> of a string (strconv.Quote): double quotes, Go escapes for what is not printable.</summary>
    public static string Quote(string text) => Quote(text, '"');

    /// <summary>Go's <c>%q</c> of a rune (strconv.QuoteRune).</summary>
    public static string QuoteRune(int rune) => Quote(char.ConvertFromUtf32(rune), '\'');

    private static string Quote(string text, char quote)
    {
        var b = new StringBuilder(text.Length + 2).Append(quote);
        for (var i = 0; i < text.Length; i++)
        {
            int r = text[i];
            if (char.IsHighSurrogate(text, i) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                r = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                // A lone surrogate is the UTF-8 decoding error Go meets for the bytes it came from.
                b.Append("\\ufffd");
                continue;
            }

            if (r == quote || r == '\\')
            {
                b.Append('\\').Append((char)r);
            }
            else if (IsPrint(r))
            {
                b.Append(char.ConvertFromUtf32(r));
            }
            else
            {
                b.Append(r switch
                {
                    '\a' => "\\a",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    '\v' => "\\v",
                    < ' ' or 0x7f => $"\\x{r:x2}",
                    < 0x10000 => $"\\u{r:x4}",
                    _ => $"\\U{r:x8}",
                });
            }
        }

        return b.Append(quote).ToString();
    }

    private static bool In(ReadOnlySpan<int> ranges, int rune)
    {
        // ranges holds [low, high] pairs in order.
        int lo = 0, hi = (ranges.Length / 2) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (rune < ranges[2 * mid])
            {
                hi = mid - 1;
            }
            else if (rune > ranges[(2 * mid) + 1])
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
