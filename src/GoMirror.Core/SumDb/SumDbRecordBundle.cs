using System.Text;
using GoMirror.Core.Modules;

namespace GoMirror.Core.SumDb;

/// <summary>
/// The checksum database records of some module versions, proved in one signed tree head and laid out as a
/// proxy serves the database under <c>&lt;proxy&gt;/sumdb/&lt;name&gt;/</c>: <c>supported</c>, <c>latest</c> (the
/// tree head), <c>lookup/M@V</c> for each version and every <c>tile/...</c> the proofs read. A client that reaches
/// the database through that folder (Go's <c>dbClient</c> with the folder as GOPROXY, or <see cref="SumDbClient"/>)
/// verifies every version from it alone: each lookup carries the one tree head, so the client's latest never moves
/// to a tree whose tiles are absent. Go's client reads hash tiles only, never <c>tile/&lt;H&gt;/data/</c>, so none
/// is included.
/// </summary>
internal sealed class SumDbRecordBundle
{
    private SumDbRecordBundle(TreeHead tree, SortedDictionary<string, byte[]> files, Dictionary<ModuleVersion, LookupRecord> records)
    {
        Tree = tree;
        Files = files;
        _records = records;
    }

    private readonly Dictionary<ModuleVersion, LookupRecord> _records;

    /// <summary>The file <c>supported</c>: its presence is the answer (Go reads a 200, not the body).</summary>
    public const string Supported = "supported";

    /// <summary>The file holding the signed tree head.</summary>
    public const string Latest = "latest";

    /// <summary>The tree head every record is proved in.</summary>
    public TreeHead Tree { get; }

    /// <summary>The files, by their path under <c>sumdb/&lt;name&gt;/</c>, in ordinal order.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    /// <summary>The path of a version's lookup under <c>sumdb/&lt;name&gt;/</c>.</summary>
    public static string LookupPath(ModuleVersion module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return ModuleEscaping.TryEscapePath(module.Path, out var path, out var problem) && ModuleEscaping.TryEscapeVersion(module.Version, out var version, out problem)
            ? "lookup/" + path + "@" + version
            : throw new ArgumentException(problem, nameof(module));
    }

    /// <summary>The record's <c>h1:</c> hashes of <paramref name="module"/> (zip, go.mod); null where it has none.</summary>
    public (string? Zip, string? GoMod) HashesOf(ModuleVersion module)
    {
        var record = _records[module];
        return (Hash(record.LinesFor(module.Path, module.Version), module.Path, module.Version),
            Hash(record.LinesFor(module.Path, module.Version + "/go.mod"), module.Path, module.Version + "/go.mod"));
    }

    /// <summary>
    /// Collects the records of <paramref name="modules"/> from <paramref name="store"/> (what a pre-warm proved and
    /// cached, Go's own cache layout), without any network: the tree head is the newest candidate (the stored latest,
    /// then each lookup's own) for which the cache holds every tile the proofs need; every tile is authenticated
    /// against it and every record proved in it before it is returned.
    /// </summary>
    /// <exception cref="SumDbException">A lookup or tile is not in the cache (GOMIRROR0901), or what is cached does
    /// not verify with <paramref name="verifier"/> (the client's own codes).</exception>
    public static async Task<SumDbRecordBundle> CollectAsync(NoteVerifier verifier, ISumDbStore store, IReadOnlyList<ModuleVersion> modules, int tileHeight, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(modules);
        var records = new Dictionary<ModuleVersion, LookupRecord>();
        foreach (var module in modules)
        {
            var data = await store.ReadCacheAsync(verifier.Name + "/" + LookupPath(module), cancellationToken).ConfigureAwait(false)
                ?? throw new SumDbException(SumDbDiagnostics.NotFound, $"{module}: the checksum database cache has no lookup of it (the pre-warm proves and caches one)");
            records[module] = LookupRecord.Parse(data);
        }

        var candidates = new List<(TreeHead Tree, byte[] Note)>();
        foreach (var note in new[] { await store.ReadLatestAsync(verifier.Name, cancellationToken).ConfigureAwait(false) }.Concat(records.Values.Select(r => r.SignedTree)))
        {
            if (note.Length > 0 && !candidates.Any(c => c.Note.AsSpan().SequenceEqual(note)))
            {
                candidates.Add((TreeHead.Parse(SignedNote.Open(note, verifier).Text), note));
            }
        }

        var maxId = records.Values.Max(r => r.Id);
        SumDbException? last = null;
        foreach (var (tree, note) in candidates.Where(c => c.Tree.Size > maxId).OrderByDescending(c => c.Tree.Size))
        {
            var tiles = new CachedTiles(store, verifier.Name, tileHeight);
            var ids = records.Values.Select(r => r.Id).Distinct().Order().ToArray();
            TlogHash[] hashes;
            try
            {
                hashes = await new TileHashReader(tree, tiles).ReadHashesAsync([.. ids.Select(id => Tlog.StoredHashIndex(0, id))], cancellationToken).ConfigureAwait(false);
            }
            catch (SumDbException e) when (e.Descriptor == SumDbDiagnostics.NotFound)
            {
                last = e;
                continue;
            }

            foreach (var (module, record) in records)
            {
                if (hashes[Array.IndexOf(ids, record.Id)] != Tlog.RecordHash(record.Text))
                {
                    throw new SumDbException(SumDbDiagnostics.ProofFailed, $"{module}: the cached record {record.Id} is not the one in tree#{tree.Size}");
                }
            }

            var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
            {
                [Supported] = [],
                [Latest] = note,
            };
            foreach (var (module, record) in records)
            {
                files[LookupPath(module)] = [.. Encoding.ASCII.GetBytes(record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n"), .. record.Text, (byte)'\n', .. note];
            }

            foreach (var (tile, data) in tiles.Used)
            {
                files[tile.Path] = data;
            }

            return new SumDbRecordBundle(tree, files, records);
        }

        throw last ?? new SumDbException(SumDbDiagnostics.NotFound, $"no signed tree head in the cache covers record {maxId}");
    }

    private static string? Hash(IReadOnlyList<string> lines, string path, string version)
    {
        var prefix = path + " " + version + " h1:";
        return lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line ? line[(prefix.Length - 3)..] : null;
    }

    // Tiles from the cache only (the tile itself, else its full tile's prefix, as Go's tileReader), remembering each one
    // the proof read; the reader authenticates them all before it returns.
    private sealed class CachedTiles(ISumDbStore store, string name, int height) : ITileReader
    {
        public SortedDictionary<TlogTile, byte[]> Used { get; } = new(Comparer<TlogTile>.Create((a, b) => string.CompareOrdinal(a.Path, b.Path)));

        public int Height => height;

        public async Task<byte[][]> ReadTilesAsync(TlogTile[] tiles, CancellationToken cancellationToken)
        {
            var data = new byte[tiles.Length][];
            for (var i = 0; i < tiles.Length; i++)
            {
                var full = tiles[i] with { W = 1 << tiles[i].H };
                data[i] = await store.ReadCacheAsync(name + "/" + tiles[i].Path, cancellationToken).ConfigureAwait(false)
                    ?? (tiles[i] != full && await store.ReadCacheAsync(name + "/" + full.Path, cancellationToken).ConfigureAwait(false) is { } fullData
                        && fullData.Length >= tiles[i].W * TlogHash.Size
                        ? fullData[..(tiles[i].W * TlogHash.Size)]
                        : throw new SumDbException(SumDbDiagnostics.NotFound, $"the checksum database cache has no tile {tiles[i].Path}"));
            }

            return data;
        }

        public Task SaveTilesAsync(TlogTile[] tiles, byte[][] data, CancellationToken cancellationToken)
        {
            for (var i = 0; i < tiles.Length; i++)
            {
                Used[tiles[i]] = data[i];
            }

            return Task.CompletedTask;
        }
    }
}
