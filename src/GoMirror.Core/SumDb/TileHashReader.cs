namespace GoMirror.Core.SumDb;

/// <summary>Where the tiles of a log come from (tlog <c>TileReader</c>).</summary>
internal interface ITileReader
{
    /// <summary>The tile height the reader serves.</summary>
    int Height { get; }

    /// <summary>Reads the tiles, each exactly <c>W × 32</c> bytes; not yet authenticated.</summary>
    Task<byte[][]> ReadTilesAsync(TlogTile[] tiles, CancellationToken cancellationToken);

    /// <summary>Called with tiles once they are authenticated against a signed tree head: only now may
    /// they be cached.</summary>
    Task SaveTilesAsync(TlogTile[] tiles, byte[][] data, CancellationToken cancellationToken);
}

/// <summary>
/// Reads hashes of the tree <see cref="Tree"/> from tiles, authenticating every tile it uses against the
/// tree's signed hash before it returns a hash or lets a tile be saved (tlog <c>TileHashReader</c>).
/// </summary>
internal sealed class TileHashReader(TreeHead tree, ITileReader tiles) : IHashReader
{
    /// <summary>The tree the hashes are authenticated against.</summary>
    public TreeHead Tree { get; } = tree;

    /// <inheritdoc />
    /// <exception cref="SumDbException">A tile does not match the signed tree head, or is malformed.</exception>
    public async ValueTask<TlogHash[]> ReadHashesAsync(long[] indexes, CancellationToken cancellationToken)
    {
        var h = tiles.Height;
        var order = new Dictionary<TlogTile, int>();
        var list = new List<TlogTile>();

        // The tiles holding the complete subtrees whose hashes make up the tree hash come first: they
        // authenticate everything else.
        if (Tree.Size == 0)
        {
            throw new SumDbException(SumDbDiagnostics.ProofFailed, "the empty tree has no hashes to read");
        }

        var stx = Tlog.SubTreeIndex(0, Tree.Size, []);
        var stxTile = new int[stx.Count];
        for (var i = 0; i < stx.Count; i++)
        {
            var tile = TlogTile.ForIndex(h, stx[i]).Parent(0, Tree.Size);
            if (!order.TryGetValue(tile, out var j))
            {
                j = list.Count;
                order[tile] = j;
                list.Add(tile);
            }

            stxTile[i] = j;
        }

        // Then, for each index, its tile and the chain of parents up to one already in the list.
        var indexTile = new int[indexes.Length];
        var limit = Tlog.StoredHashIndex(0, Tree.Size);
        for (var i = 0; i < indexes.Length; i++)
        {
            if (indexes[i] >= limit)
            {
                throw new SumDbException(SumDbDiagnostics.ProofFailed, $"hash index {indexes[i]} is not in the tree of size {Tree.Size}");
            }

            var tile = TlogTile.ForIndex(h, indexes[i]);
            var k = 0;
            for (; ; k++)
            {
                var parent = tile.Parent(k, Tree.Size);
                if (order.TryGetValue(parent, out var j))
                {
                    if (k == 0)
                    {
                        indexTile[i] = j;
                    }

                    break;
                }
            }

            for (k--; k >= 0; k--)
            {
                var parent = tile.Parent(k, Tree.Size);
                if (parent.W != 1 << parent.H)
                {
                    throw new InvalidOperationException($"bad math in tileHashReader: {Tree.Size} {indexes[i]} {parent}");
                }

                order[parent] = list.Count;
                if (k == 0)
                {
                    indexTile[i] = list.Count;
                }

                list.Add(parent);
            }
        }

        var wanted = list.ToArray();
        var data = await tiles.ReadTilesAsync(wanted, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < wanted.Length; i++)
        {
            if (data[i].Length != wanted[i].W * TlogHash.Size)
            {
                throw new SumDbException(SumDbDiagnostics.MalformedResponse, $"tile {wanted[i].Path} is {data[i].Length} bytes, not {wanted[i].W * TlogHash.Size}");
            }
        }

        // Authenticate the subtree tiles against the signed tree hash...
        var th = HashFrom(wanted[stxTile[^1]], data[stxTile[^1]], stx[^1]);
        for (var i = stx.Count - 2; i >= 0; i--)
        {
            th = Tlog.NodeHash(HashFrom(wanted[stxTile[i]], data[stxTile[i]], stx[i]), th);
        }

        if (th != Tree.Hash)
        {
            throw new SumDbException(SumDbDiagnostics.ProofFailed, $"downloaded inconsistent tile: the tiles do not hash to the signed tree head (size {Tree.Size}, hash {Tree.Hash})");
        }

        // ...then each further tile against its already authenticated parent.
        for (var i = stx.Count; i < wanted.Length; i++)
        {
            var tile = wanted[i];
            var parent = tile.Parent(1, Tree.Size);
            if (!order.TryGetValue(parent, out var j))
            {
                throw new InvalidOperationException($"bad math in tileHashReader {Tree.Size}: lost parent of {tile}");
            }

            var expected = HashFrom(parent, data[j], Tlog.StoredHashIndex(parent.L * parent.H, tile.N));
            if (expected != TlogTile.HashOfRange(data[i]))
            {
                throw new SumDbException(SumDbDiagnostics.ProofFailed, $"downloaded inconsistent tile {tile.Path}");
            }
        }

        await tiles.SaveTilesAsync(wanted, data, cancellationToken).ConfigureAwait(false);
        var hashes = new TlogHash[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
        {
            var j = indexTile[i];
            hashes[i] = HashFrom(wanted[j], data[j], indexes[i]);
        }

        return hashes;
    }

    private static TlogHash HashFrom(TlogTile tile, byte[] data, long index)
    {
        try
        {
            return tile.HashFromTile(data, index);
        }
        catch (FormatException e)
        {
            throw new SumDbException(SumDbDiagnostics.MalformedResponse, e.Message);
        }
    }
}
