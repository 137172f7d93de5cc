using System.Collections.Frozen;
using System.Text;

namespace GoMirror.Core.Zip;

/// <summary>
/// The key Go's module zip code (<c>strToFold</c> in golang.org/x/mod/zip) gives a path so that paths equal
/// under Unicode simple case folding get equal keys: each rune becomes the smallest rune of its case-fold
/// orbit, then A–Z become a–z. Orbits are built from the simple upper- and lower-case mappings, which
/// joins the special orbits Go lists by hand (k, K, U+212A KELVIN SIGN; s, S, U+017F LONG S; ...). Go and
/// .NET may ship different Unicode versions; letters added in between can fold differently.
/// </summary>
internal static class GoCaseFold
{
    // Every cased script lies below U+20000.
    private const int LastCased = 0x1FFFF;

    private static readonly Lazy<FrozenDictionary<int, int>> Keys = new(BuildKeys);

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

        var keys = Keys.Value;
        var builder = new StringBuilder(path.Length);
        foreach (var rune in path.EnumerateRunes())
        {
            builder.Append(keys.TryGetValue(rune.Value, out var key) ? new Rune(key) : rune);
        }

        return builder.ToString();
    }

    private static FrozenDictionary<int, int> BuildKeys()
    {
        var parent = new int[LastCased + 1];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        for (var c = 0; c <= LastCased; c++)
        {
            if (!Rune.IsValid(c))
            {
                continue;
            }

            var rune = new Rune(c);
            Union(parent, c, Rune.ToUpperInvariant(rune).Value);
            Union(parent, c, Rune.ToLowerInvariant(rune).Value);
        }

        var keys = new Dictionary<int, int>();
        for (var c = 0; c <= LastCased; c++)
        {
            var key = Find(parent, c);
            if (key is >= 'A' and <= 'Z')
            {
                key += 'a' - 'A';
            }

            if (key != c)
            {
                keys[c] = key;
            }
        }

        return keys.ToFrozenDictionary();
    }

    // Union-find whose root is always the smallest member, so the root is the orbit's minimum.
    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    private static void Union(int[] parent, int a, int b)
    {
        if (b > LastCased)
        {
            return;
        }

        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra < rb)
        {
            parent[rb] = ra;
        }
        else if (rb < ra)
        {
            parent[ra] = rb;
        }
    }
}
