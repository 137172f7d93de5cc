namespace GoMirror.Core.Modules;

/// <summary>
/// Go compares strings byte by byte over UTF-8; .NET's ordinal comparison works on UTF-16 code units, which
/// orders characters above U+FFFF differently from those in U+E000–U+FFFF. This compares as Go does.
/// </summary>
internal static class Utf8Order
{
    /// <summary>A comparer with Go's string order.</summary>
    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(static (a, b) => Compare(a, b));

    /// <summary>Compares two strings in the byte order of their UTF-8 encodings.</summary>
    public static int Compare(string? a, string? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var i = a.AsSpan().CommonPrefixLength(b);
        if (i == a.Length || i == b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }

        // Surrogates encode code points above U+FFFF, whose UTF-8 form sorts after every BMP character.
        var x = a[i];
        var y = b[i];
        var sx = char.IsSurrogate(x);
        var sy = char.IsSurrogate(y);
        if (sx != sy)
        {
            return sx ? 1 : -1;
        }

        return x < y ? -1 : 1;
    }
}
