using System.Globalization;
using System.Text;

namespace GoMirror.Core.SumDb;

/// <summary>
/// A tile of the log (golang.org/x/mod/sumdb/tlog tile.go): the hashes of <see cref="W"/> consecutive nodes at
/// level <see cref="L"/> × <see cref="H"/>, <see cref="N"/>-th of its level; level -1 is a data tile (record
/// texts). A tile of width 2^H is complete; a narrower one is a partial tile at the right edge of the tree.
/// </summary>
/// <param name="H">Height: 1–30; the checksum database serves height 8.</param>
/// <param name="L">Level in the tiling, -1 for data tiles.</param>
/// <param name="N">Number within the level.</param>
/// <param name="W">Width: 1–2^H.</param>
internal readonly record struct TlogTile(int H, int L, long N, int W)
{
    private const int PathBase = 1000;

    /// <summary>The tile's path: <c>tile/H/L/NNN[.p/W]</c>, N in 3-digit groups with <c>x</c> on each but the last.</summary>
    public string Path
    {
        get
        {
            var n = N;
            var number = (n % PathBase).ToString("D3", CultureInfo.InvariantCulture);
            while (n >= PathBase)
            {
                n /= PathBase;
                number = "x" + (n % PathBase).ToString("D3", CultureInfo.InvariantCulture) + "/" + number;
            }

            var builder = new StringBuilder("tile/").Append(H.ToString(CultureInfo.InvariantCulture)).Append('/')
                .Append(L == -1 ? "data" : L.ToString(CultureInfo.InvariantCulture)).Append('/').Append(number);
            if (W != 1 << H)
            {
                builder.Append(".p/").Append(W.ToString(CultureInfo.InvariantCulture));
            }

            return builder.ToString();
        }
    }

    /// <inheritdoc />
    public override string ToString() => Path;

    /// <summary>Parses a tile path as Go's <c>ParseTilePath</c> does, requiring the canonical spelling.</summary>
    public static bool TryParsePath(string path, out TlogTile tile)
    {
        tile = default;
        var f = path.Split('/');
        if (f.Length < 4 || f[0] != "tile" || !TryDigits(f[1], out var h))
        {
            return false;
        }

        var isData = f[2] == "data";
        var l = 0;
        if ((!isData && !TryDigits(f[2], out l)) || h < 1 || h > 30)
        {
            return false;
        }

        var w = 1 << h;
        var count = f.Length;
        if (f[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!TryDigits(f[^1], out var partial) || partial <= 0 || partial >= w)
            {
                return false;
            }

            w = partial;
            f[^2] = f[^2][..^2];
            count--;
        }

        long n = 0;
        for (var i = 3; i < count; i++)
        {
            var group = f[i].StartsWith('x') ? f[i][1..] : f[i];
            if (!TryDigits(group, out var digits) || digits >= PathBase)
            {
                return false;
            }

            n = (n * PathBase) + digits;
        }

        var parsed = new TlogTile(h, isData ? -1 : l, n, w);
        if (parsed.Path != path)
        {
            return false;
        }

        tile = parsed;
        return true;
    }

    /// <summary>The smallest tile of height <paramref name="h"/> that holds the stored hash <paramref name="index"/>.</summary>
    public static TlogTile ForIndex(int h, long index) => ForIndexWithRange(h, index).Tile;

    /// <summary>The tile that holds stored hash <paramref name="index"/>, and the byte range in the tile's data
    /// of the hashes that make it up (one hash, or several at the tile's bottom level when it sits inside).</summary>
    public static (TlogTile Tile, int Start, int End) ForIndexWithRange(int h, long index)
    {
        var (level, n) = Tlog.SplitStoredHashIndex(index);
        var tileLevel = level / h;
        level -= tileLevel * h;
        var tileN = n << level >> h;
        n -= tileN << h >> level;
        var tile = new TlogTile(h, tileLevel, tileN, (int)((n + 1) << level));
        return (tile, (int)(n << level) * TlogHash.Size, (int)((n + 1) << level) * TlogHash.Size);
    }

    /// <summary>The hash of stored hash <paramref name="index"/>, computed from this tile's data.</summary>
    /// <exception cref="FormatException">The data is too short, or the index is not in this tile.</exception>
    public TlogHash HashFromTile(ReadOnlySpan<byte> data, long index)
    {
        if (H < 1 || H > 30 || L < 0 || L >= 64 || W < 1 || W > 1 << H)
        {
            throw new FormatException($"invalid tile {Path}");
        }

        if (data.Length < W * TlogHash.Size)
        {
            throw new FormatException($"data len {data.Length} too short for tile {Path}");
        }

        var (t1, start, end) = ForIndexWithRange(H, index);
        if (L != t1.L || N != t1.N || W < t1.W)
        {
            throw new FormatException($"index {index} is in {t1.Path} not {Path}");
        }

        return HashOfRange(data[start..end]);
    }

    /// <summary>The tile holding this tile's hashes <paramref name="k"/> tile levels up, in a tree of size
    /// <paramref name="treeSize"/>: narrowed at the tree's right edge, or default when it lies beyond it.</summary>
    public TlogTile Parent(int k, long treeSize)
    {
        var l = L + k;
        var n = N >> (k * H);
        var w = 1 << H;
        var max = treeSize >> (l * H);
        if ((n << H) + w >= max)
        {
            if (n << H >= max)
            {
                return default;
            }

            w = (int)(max - (n << H));
        }

        return new TlogTile(H, l, n, w);
    }

    /// <summary>The hash of a run of a power-of-two number of tile hashes: the subtree they form.</summary>
    public static TlogHash HashOfRange(ReadOnlySpan<byte> data)
    {
        if (data.Length == TlogHash.Size)
        {
            return TlogHash.FromBytes(data);
        }

        var half = data.Length / 2;
        return Tlog.NodeHash(HashOfRange(data[..half]), HashOfRange(data[half..]));
    }

    private static bool TryDigits(string s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
