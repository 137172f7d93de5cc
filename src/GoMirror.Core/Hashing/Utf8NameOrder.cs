namespace GoMirror.Core.Hashing;

/// <summary>
/// Orders names as Go's <c>sort.Strings</c> orders them: by their UTF-8 bytes, which is Unicode code point
/// order. .NET's ordinal order compares UTF-16 code units instead, and puts characters outside the BMP
/// (stored as surrogates D800–DFFF) before U+E000–U+FFFF, where UTF-8 puts them after.
/// </summary>
internal sealed class Utf8NameOrder : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static readonly Utf8NameOrder Instance = new();

    private Utf8NameOrder()
    {
    }

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length - y.Length;
        }

        return CodePointRank(x[common]) - CodePointRank(y[common]);
    }

    // Moves surrogates above U+E000–U+FFFF, so code units compare like the code points they belong to.
    private static int CodePointRank(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
}
