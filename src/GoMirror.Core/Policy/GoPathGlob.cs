using System.Text;

namespace GoMirror.Core.Policy;

/// <summary>
/// Go's <c>path.Match</c> (Go 1.19): shell globs over slash-separated paths. <c>*</c> matches any run of
/// non-<c>/</c> characters, <c>?</c> one non-<c>/</c> character, <c>[...]</c> a class with ranges and
/// <c>^</c> negation, and <c>\</c> escapes the next character. The pattern must match the whole name.
/// Matching runs over UTF-8 bytes, as Go's strings are, so literals compare byte by byte and <c>?</c> and
/// classes consume one code point.
/// </summary>
internal static class GoPathGlob
{
    private enum ChunkResult
    {
        Matched,
        Failed,
        Malformed,
    }

    /// <summary>True when <paramref name="pattern"/> matches all of <paramref name="name"/>. A malformed pattern matches nothing.</summary>
    public static bool Match(string pattern, string name) => TryMatch(pattern, name, out var matched) && matched;

    /// <summary>Matches like <see cref="Match"/>; returns false when <paramref name="pattern"/> is malformed
    /// (Go's <c>ErrBadPattern</c>), in which case <paramref name="matched"/> is false.</summary>
    public static bool TryMatch(string pattern, string name, out bool matched)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        var result = MatchBytes(Encoding.UTF8.GetBytes(pattern), Encoding.UTF8.GetBytes(name));
        matched = result == ChunkResult.Matched;
        return result != ChunkResult.Malformed;
    }

    /// <summary>Matches like <see cref="Match"/> over a pattern and a name already encoded as UTF-8, so that a
    /// caller matching many names against one pattern encodes the pattern once and the names without allocating.</summary>
    internal static bool MatchUtf8(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> name) => MatchBytes(pattern, name) == ChunkResult.Matched;

    /// <summary>True unless Go would report <c>ErrBadPattern</c> for <paramref name="pattern"/>.</summary>
    public static bool IsWellFormed(string pattern) => TryMatch(pattern, string.Empty, out _);

    // Positions below are byte offsets: the pattern and the name are UTF-8, as Go strings are.
    private static ChunkResult MatchBytes(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> name)
    {
        var p = 0;
        var n = 0;
        while (p < pattern.Length)
        {
            var star = ScanChunk(pattern, ref p, out var chunk);
            if (star && chunk.Start == chunk.End)
            {
                // A trailing * matches the rest of the name unless it holds a '/'.
                return name[n..].IndexOf((byte)'/') < 0 ? ChunkResult.Matched : ChunkResult.Failed;
            }

            var result = MatchChunk(pattern, chunk, name, n, out var rest);
            if (result == ChunkResult.Matched && (rest == name.Length || p < pattern.Length))
            {
                n = rest;
                continue;
            }

            if (result == ChunkResult.Malformed)
            {
                return ChunkResult.Malformed;
            }

            if (star)
            {
                result = SkipToChunk(pattern, chunk, lastChunk: p == pattern.Length, name, ref n);
                if (result != ChunkResult.Failed)
                {
                    if (result == ChunkResult.Malformed)
                    {
                        return result;
                    }

                    continue;
                }
            }

            // No match; still report a malformed remainder, as Go does.
            while (p < pattern.Length)
            {
                ScanChunk(pattern, ref p, out chunk);
                if (MatchChunk(pattern, chunk, name, name.Length, out _) == ChunkResult.Malformed)
                {
                    return ChunkResult.Malformed;
                }
            }

            return ChunkResult.Failed;
        }

        return n == name.Length ? ChunkResult.Matched : ChunkResult.Failed;
    }

    // After a '*': tries the chunk at every later position within the current path element.
    private static ChunkResult SkipToChunk(ReadOnlySpan<byte> pattern, (int Start, int End) chunk, bool lastChunk, ReadOnlySpan<byte> name, ref int n)
    {
        for (var i = n; i < name.Length && name[i] != '/'; i++)
        {
            var result = MatchChunk(pattern, chunk, name, i + 1, out var rest);
            if (result == ChunkResult.Matched)
            {
                if (lastChunk && rest < name.Length)
                {
                    continue;
                }

                n = rest;
                return result;
            }

            if (result == ChunkResult.Malformed)
            {
                return result;
            }
        }

        return ChunkResult.Failed;
    }

    // Splits off the next run of star-free pattern at p, reporting whether stars preceded it.
    private static bool ScanChunk(ReadOnlySpan<byte> pattern, ref int p, out (int Start, int End) chunk)
    {
        var star = false;
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
            star = true;
        }

        var inRange = false;
        var i = p;
        for (; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 < pattern.Length)
                {
                    i++;
                }
            }
            else if (c == '[')
            {
                inRange = true;
            }
            else if (c == ']')
            {
                inRange = false;
            }
            else if (c == '*' && !inRange)
            {
                break;
            }
        }

        chunk = (p, i);
        p = i;
        return star;
    }

    // Matches a star-free chunk against the name at s. After a mismatch it keeps walking the chunk, so that
    // a malformed chunk is reported whatever the name.
    private static ChunkResult MatchChunk(ReadOnlySpan<byte> pattern, (int Start, int End) chunk, ReadOnlySpan<byte> name, int s, out int rest)
    {
        rest = s;
        var c = chunk.Start;
        var failed = false;
        while (c < chunk.End)
        {
            if (!failed && s == name.Length)
            {
                failed = true;
            }

            switch (pattern[c])
            {
                case (byte)'[':
                    var r = 0;
                    if (!failed)
                    {
                        r = DecodeRune(name, s, out var width);
                        s += width;
                    }

                    c++;
                    var negated = c < chunk.End && pattern[c] == '^';
                    if (negated)
                    {
                        c++;
                    }

                    var inClass = false;
                    var ranges = 0;
                    while (true)
                    {
                        if (c < chunk.End && pattern[c] == ']' && ranges > 0)
                        {
                            c++;
                            break;
                        }

                        if (!TryGetEscaped(pattern, chunk.End, ref c, out var lo))
                        {
                            return ChunkResult.Malformed;
                        }

                        var hi = lo;
                        if (pattern[c] == '-')
                        {
                            c++;
                            if (!TryGetEscaped(pattern, chunk.End, ref c, out hi))
                            {
                                return ChunkResult.Malformed;
                            }
                        }

                        inClass |= lo <= r && r <= hi;
                        ranges++;
                    }

                    failed |= inClass == negated;
                    break;

                case (byte)'?':
                    if (!failed)
                    {
                        failed = name[s] == '/';
                        DecodeRune(name, s, out var width);
                        s += width;
                    }

                    c++;
                    break;

                default:
                    if (pattern[c] == '\\')
                    {
                        c++;
                        if (c == chunk.End)
                        {
                            return ChunkResult.Malformed;
                        }
                    }

                    if (!failed)
                    {
                        failed = pattern[c] != name[s];
                        s++;
                    }

                    c++;
                    break;
            }
        }

        if (failed)
        {
            return ChunkResult.Failed;
        }

        rest = s;
        return ChunkResult.Matched;
    }

    // One possibly escaped code point of a class at c; Go rejects an empty rest, '-' or ']' here, a
    // dangling '\', invalid UTF-8, and a class that ends right after the character.
    private static bool TryGetEscaped(ReadOnlySpan<byte> pattern, int end, ref int c, out int rune)
    {
        rune = 0;
        if (c == end || pattern[c] == '-' || pattern[c] == ']')
        {
            return false;
        }

        if (pattern[c] == '\\')
        {
            c++;
            if (c == end)
            {
                return false;
            }
        }

        rune = DecodeRune(pattern, c, out var width);
        var valid = !(rune == Rune.ReplacementChar.Value && width == 1);
        c += width;
        return valid && c < end;
    }

    // utf8.DecodeRuneInString: invalid input decodes as U+FFFD of width 1.
    private static int DecodeRune(ReadOnlySpan<byte> s, int at, out int width)
    {
        if (Rune.DecodeFromUtf8(s[at..], out var rune, out width) == System.Buffers.OperationStatus.Done)
        {
            return rune.Value;
        }

        width = 1;
        return Rune.ReplacementChar.Value;
    }
}
