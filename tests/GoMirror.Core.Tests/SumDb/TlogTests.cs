using System.Text;
using System.Text.Json;
using GoMirror.Core.SumDb;
using GoMirror.Testing.SumDb;

namespace GoMirror.Core.Tests.SumDb;

public class TlogTests
{
    [Fact]
    public async Task Record_stored_and_tree_hashes_are_the_ones_Go_computes()
    {
        var v = SumDbVectors.Require();
        var records = v.GetProperty("Records").EnumerateArray().Select(r => Encoding.UTF8.GetBytes(r.GetString()!)).ToArray();
        var goRecordHashes = Strings(v, "RecordHashes");
        var goTreeHashes = Strings(v, "TreeHashes");
        var stored = new MemoryHashes();
        for (var i = 0; i < records.Length; i++)
        {
            var h = Tlog.RecordHash(records[i]);
            Assert.Equal(goRecordHashes[i], h.ToString());
            stored.Hashes.AddRange(await Tlog.StoredHashesAsync(i, h, stored, TestContext.Current.CancellationToken));
            Assert.Equal(goTreeHashes[i], (await Tlog.TreeHashAsync(i + 1, stored, TestContext.Current.CancellationToken)).ToString());
        }

        Assert.Equal(Strings(v, "StoredHashes"), stored.Hashes.Select(h => h.ToString()).ToArray());
        Assert.Equal(v.GetProperty("StoredHashCount").GetInt64(), Tlog.StoredHashCount(records.Length));
        Assert.Equal(stored.Hashes.Count, Tlog.StoredHashCount(records.Length));
        Assert.Equal("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", Tlog.EmptyTreeHash.ToString());
    }

    [Fact]
    public void Stored_hash_indexes_split_as_in_Go_and_round_trip()
    {
        var v = SumDbVectors.Require();
        foreach (var c in v.GetProperty("Split").EnumerateArray())
        {
            var (level, n) = Tlog.SplitStoredHashIndex(c.GetProperty("Index").GetInt64());
            Assert.Equal(c.GetProperty("Level").GetInt64(), level);
            Assert.Equal(c.GetProperty("N").GetInt64(), n);
            Assert.Equal(c.GetProperty("Index").GetInt64(), Tlog.StoredHashIndex(level, n));
        }
    }

    [Fact]
    public async Task Inclusion_proofs_equal_Go_s_and_check_only_for_the_right_record()
    {
        var v = SumDbVectors.Require();
        var stored = MemoryHashes.From(v);
        foreach (var c in v.GetProperty("RecordProofs").EnumerateArray())
        {
            var (t, n) = (c.GetProperty("T").GetInt64(), c.GetProperty("N").GetInt64());
            var proof = await Tlog.ProveRecordAsync(t, n, stored, TestContext.Current.CancellationToken);
            Assert.Equal(Strings(c, "Proof"), proof.Select(p => p.ToString()).ToArray());
            var target = Hash(c.GetProperty("Target").GetString()!);
            var leaf = Hash(c.GetProperty("Leaf").GetString()!);
            Assert.True(Tlog.CheckRecord(proof, t, target, n, leaf));
            Assert.False(Tlog.CheckRecord(proof, t, target, n, Tlog.RecordHash("forged\n"u8)));
            Assert.False(Tlog.CheckRecord(proof, t, leaf, n, leaf) && t > 1);
            if (proof.Length > 0)
            {
                Assert.False(Tlog.CheckRecord(proof[..^1], t, target, n, leaf));
            }
        }
    }

    [Fact]
    public async Task Consistency_proofs_equal_Go_s_and_reject_another_history()
    {
        var v = SumDbVectors.Require();
        var stored = MemoryHashes.From(v);
        foreach (var c in v.GetProperty("TreeProofs").EnumerateArray())
        {
            var (t, n) = (c.GetProperty("T").GetInt64(), c.GetProperty("N").GetInt64());
            var proof = await Tlog.ProveTreeAsync(t, n, stored, TestContext.Current.CancellationToken);
            Assert.Equal(Strings(c, "Proof"), proof.Select(p => p.ToString()).ToArray());
            var target = Hash(c.GetProperty("Target").GetString()!);
            var old = Hash(c.GetProperty("Old").GetString()!);
            Assert.True(Tlog.CheckTree(proof, t, target, n, old));
            Assert.False(Tlog.CheckTree(proof, t, target, n, Tlog.RecordHash("other history\n"u8)));
        }
    }

    [Fact]
    public void Tile_paths_are_Go_s_and_parse_back()
    {
        var v = SumDbVectors.Require();
        foreach (var c in v.GetProperty("Tiles").EnumerateArray())
        {
            var tile = new TlogTile(c.GetProperty("H").GetInt32(), c.GetProperty("L").GetInt32(), c.GetProperty("N").GetInt64(), c.GetProperty("W").GetInt32());
            Assert.Equal(c.GetProperty("Path").GetString(), tile.Path);
            Assert.True(TlogTile.TryParsePath(tile.Path, out var parsed), tile.Path);
            Assert.Equal(tile, parsed);
        }

        foreach (var bad in new[] { "tile/8/0/1", "tile/8/0/000.p/256", "tile/8/0/000.p/0", "tile/0/0/000", "tile/31/0/000", "tile/8/0/x000", "tiles/8/0/000", "tile/8/0/001/002" })
        {
            Assert.False(TlogTile.TryParsePath(bad, out _), bad);
        }
    }

    [Fact]
    public void Hashes_read_from_tiles_are_the_stored_hashes()
    {
        var v = SumDbVectors.Require();
        var stored = MemoryHashes.From(v);
        foreach (var c in v.GetProperty("TileData").EnumerateArray())
        {
            Assert.True(TlogTile.TryParsePath(c.GetProperty("Path").GetString()!, out var tile));
            var data = Convert.FromBase64String(c.GetProperty("Data").GetString()!);
            var start = tile.N << tile.H;
            for (var i = 0; i < tile.W; i++)
            {
                var index = Tlog.StoredHashIndex(tile.H * tile.L, start + i);
                Assert.Equal(stored.Hashes[(int)index], tile.HashFromTile(data, index));
                Assert.Equal(tile.L, TlogTile.ForIndex(tile.H, index).L);
            }

            Assert.Throws<FormatException>(() => tile.HashFromTile(data.AsSpan(0, data.Length - 1), start));
        }
    }

    private static string[] Strings(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(x => x.GetString()!)];

    private static TlogHash Hash(string text) => TlogHash.TryParse(text, out var h) ? h : throw new FormatException(text);

    // The stored hashes in memory, as Go's test server keeps them.
    private sealed class MemoryHashes : IHashReader
    {
        public List<TlogHash> Hashes { get; } = [];

        public static MemoryHashes From(JsonElement v)
        {
            var m = new MemoryHashes();
            m.Hashes.AddRange(Strings(v, "StoredHashes").Select(Hash));
            return m;
        }

        public ValueTask<TlogHash[]> ReadHashesAsync(long[] indexes, CancellationToken cancellationToken) =>
            ValueTask.FromResult(indexes.Select(i => Hashes[(int)i]).ToArray());
    }
}
