using System.Text;
using GoMirror.Core.Modules;

namespace GoMirror.Core.Zip;

/// <summary>
/// The key Go's module zip code (<c>strToFold</c> in golang.org/x/mod/zip) gives a path so that paths equal
/// under Unicode simple case folding get equal keys: each rune becomes the smallest rune of its
/// unicode.SimpleFold orbit, then A–Z become a–z. The orbits are Go's own (<see cref="GoUnicode"/>), so letters
/// .NET's newer Unicode knows fold as Go folds them.
/// </summary>
internal static class GoCaseFold
{
    /// <summary>The fold key of <paramref name="path"/>.</summary>
    public static string Key(string path)
    {
        var plain = true;
        foreach (var c in path)
        {
            if (c >= 0x80 || c is >= 'A' and <= 'Z')
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return path;
        }

        var builder = new StringBuilder(path.Length);
        foreach (var rune in path.EnumerateRunes())
        {
            var key = GoUnicode.FoldMinimum(rune.Value);
            builder.Append(new Rune(key is >= 'A' and <= 'Z' ? key + ('a' - 'A') : key));
        }

        return builder.ToString();
    }
}
