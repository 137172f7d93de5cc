using System.Collections.Concurrent;
using System.Text;
using GoMirror.Core.Modules;

namespace GoMirror.Core.SumDb;

/// <summary>
/// The checksum database client, with the semantics of golang.org/x/mod/sumdb/client.go: a lookup's signed
/// tree head is verified with the configured key and proved consistent with the latest tree head known (in
/// memory and in the <see cref="ISumDbStore"/>), which only ever moves forward; the record is proved to be in
/// the tree through tiles, each authenticated before use; only then is anything cached. Thread-safe: lookups
/// of many module versions share tiles and the tree head.
/// </summary>
internal sealed class SumDbClient
{
    private readonly NoteVerifier _verifier;
    private readonly ISumDbRemote _remote;
    private readonly ISumDbStore _store;
    private readonly Func<string, bool> _skip;
    private readonly TileSource _tiles;
    private readonly ConcurrentDictionary<string, Lazy<Task<LookupRecord>>> _records = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _init = new(1, 1);
    private readonly Lock _latestLock = new();
    private bool _initialized;
    private TreeHead _latest;
    private byte[] _latestNote = [];

    /// <summary>The tile height Go's client uses (x/mod/sumdb <c>tileHeight</c>), which the checksum database serves.</summary>
    public const int TileHeight = 8;

    /// <summary>Creates the client.</summary>
    /// <param name="verifier">The database's key (GOSUMDB).</param>
    /// <param name="remote">Where the database is reached.</param>
    /// <param name="store">The tree head and cache.</param>
    /// <param name="skip">True for module paths never to look up (GONOSUMDB, GOPRIVATE).</param>
    /// <param name="tileHeight">The tile height; the checksum database serves 8.</param>
    public SumDbClient(NoteVerifier verifier, ISumDbRemote remote, ISumDbStore store, Func<string, bool> skip, int tileHeight = TileHeight)
    {
        _verifier = verifier;
        _remote = remote;
        _store = store;
        _skip = skip;
        _tiles = new TileSource(this, tileHeight);
        _latest = new TreeHead(0, Tlog.EmptyTreeHash);
    }

    /// <summary>The database's name.</summary>
    public string Name => _verifier.Name;

    /// <summary>The latest tree head known (after <see cref="LookupAsync"/>, at least the one it used), and its signed note.</summary>
    public (TreeHead Tree, string Note) Latest
    {
        get
        {
            lock (_latestLock)
            {
                return (_latest, Encoding.UTF8.GetString(_latestNote));
            }
        }
    }

    /// <summary>Looks up <paramref name="modulePath"/>@<paramref name="version"/> and proves the answer.</summary>
    /// <exception cref="ArgumentException">The path is one never to look up (GONOSUMDB): a caller's bug.</exception>
    /// <exception cref="SumDbException">The lookup failed or the database misbehaved.</exception>
    public async Task<SumDbLookup> LookupAsync(string modulePath, string version, CancellationToken cancellationToken)
    {
        if (_skip(modulePath))
        {
            throw new ArgumentException($"{modulePath} is listed in GONOSUMDB/GOPRIVATE: it is never looked up in the checksum database", nameof(modulePath));
        }

        try
        {
            await InitAsync(cancellationToken).ConfigureAwait(false);
            if (!ModuleEscaping.TryEscapePath(modulePath, out var escapedPath, out var problem)
                || !ModuleEscaping.TryEscapeVersion(version, out var escapedVersion, out problem))
            {
                throw new SumDbException(SumDbDiagnostics.InvalidConfiguration, problem);
            }

            var remotePath = "/lookup/" + escapedPath + "@" + escapedVersion;
            var record = await Once(_records, Name + remotePath, () => ReadRecordAsync(Name + remotePath, remotePath, cancellationToken)).ConfigureAwait(false);
            var lines = record.LinesFor(modulePath, version).Concat(record.LinesFor(modulePath, version + "/go.mod")).ToArray();
            return new SumDbLookup(modulePath, version, record.Id, lines, Latest.Tree);
        }
        catch (SumDbException e)
        {
            throw new SumDbException(e.Descriptor, $"{modulePath}@{version}: {e.Message}", e);
        }
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _initialized))
        {
            return;
        }

        await _init.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await MergeLatestAsync(await _store.ReadLatestAsync(Name, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _initialized, true);
            }
        }
        finally
        {
            _init.Release();
        }
    }

    private async Task<LookupRecord> ReadRecordAsync(string file, string remotePath, CancellationToken cancellationToken)
    {
        var data = await _store.ReadCacheAsync(file, cancellationToken).ConfigureAwait(false);
        var fromRemote = data is null;
        data ??= await _remote.ReadRemoteAsync(remotePath, cancellationToken).ConfigureAwait(false);
        var record = LookupRecord.Parse(data);
        await MergeLatestAsync(record.SignedTree, cancellationToken).ConfigureAwait(false);
        await CheckRecordAsync(record, cancellationToken).ConfigureAwait(false);
        if (fromRemote)
        {
            await _store.WriteCacheAsync(file, data, cancellationToken).ConfigureAwait(false);
        }

        return record;
    }

    // Go's mergeLatest: merge the note into memory; when it moved the tree forward, move the stored tree head
    // forward too, by compare-and-swap, merging whatever another process stored meanwhile.
    private async Task MergeLatestAsync(byte[] note, CancellationToken cancellationToken)
    {
        if (await MergeLatestMemoryAsync(note, cancellationToken).ConfigureAwait(false) != When.Future)
        {
            return;
        }

        while (true)
        {
            var stored = await _store.ReadLatestAsync(Name, cancellationToken).ConfigureAwait(false);
            if (await MergeLatestMemoryAsync(stored, cancellationToken).ConfigureAwait(false) != When.Past)
            {
                return;
            }

            byte[] latestNote;
            lock (_latestLock)
            {
                latestNote = _latestNote;
            }

            if (await _store.TryReplaceLatestAsync(Name, stored, latestNote, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task<When> MergeLatestMemoryAsync(byte[] note, CancellationToken cancellationToken)
    {
        TreeHead latest;
        byte[] latestNote;
        lock (_latestLock)
        {
            (latest, latestNote) = (_latest, _latestNote);
        }

        if (note.Length == 0)
        {
            return latest.Size == 0 ? When.Now : When.Past;
        }

        var tree = TreeHead.Parse(SignedNote.Open(note, _verifier).Text);
        while (true)
        {
            if (tree.Size <= latest.Size)
            {
                await CheckTreesAsync(tree, note, latest, latestNote, cancellationToken).ConfigureAwait(false);
                return tree.Size < latest.Size ? When.Past : When.Now;
            }

            await CheckTreesAsync(latest, latestNote, tree, note, cancellationToken).ConfigureAwait(false);
            lock (_latestLock)
            {
                if (_latest == latest)
                {
                    (_latest, _latestNote) = (tree, note);
                    return When.Future;
                }

                (latest, latestNote) = (_latest, _latestNote);
            }
        }
    }

    // Go's checkTrees: the older tree's hash, computed from the newer tree's authenticated tiles, must be the
    // one the older note signed; otherwise the database has shown two histories.
    private async Task CheckTreesAsync(TreeHead older, byte[] olderNote, TreeHead newer, byte[] newerNote, CancellationToken cancellationToken)
    {
        var reader = new TileHashReader(newer, _tiles);
        TlogHash h;
        try
        {
            h = await Tlog.TreeHashAsync(older.Size, reader, cancellationToken).ConfigureAwait(false);
        }
        catch (SumDbException e)
        {
            throw new SumDbException(e.Descriptor, older.Size == newer.Size
                ? $"checking tree#{older.Size}: {e.Message}"
                : $"checking tree#{older.Size} against tree#{newer.Size}: {e.Message}", e);
        }

        if (h == older.Hash)
        {
            return;
        }

        var message = new StringBuilder()
            .Append("SECURITY ERROR\ngo.sum database server misbehavior detected!\n\n")
            .Append("old database:\n\t").Append(Indent(olderNote)).Append('\n')
            .Append("new database:\n\t").Append(Indent(newerNote)).Append('\n')
            .Append("proof of misbehavior:\n\t").Append(h);
        var proof = await Tlog.ProveTreeAsync(newer.Size, older.Size, reader, cancellationToken).ConfigureAwait(false);
        foreach (var p in proof)
        {
            message.Append("\n\t").Append(p);
        }

        throw new SumDbException(SumDbDiagnostics.Misbehavior, message.ToString());
    }

    private async Task CheckRecordAsync(LookupRecord record, CancellationToken cancellationToken)
    {
        TreeHead latest;
        lock (_latestLock)
        {
            latest = _latest;
        }

        if (record.Id < 0 || record.Id >= latest.Size)
        {
            throw new SumDbException(SumDbDiagnostics.ProofFailed, $"cannot validate record {record.Id} in tree of size {latest.Size}");
        }

        var hashes = await new TileHashReader(latest, _tiles).ReadHashesAsync([Tlog.StoredHashIndex(0, record.Id)], cancellationToken).ConfigureAwait(false);
        if (hashes[0] != Tlog.RecordHash(record.Text))
        {
            throw new SumDbException(SumDbDiagnostics.ProofFailed, "cannot authenticate record data in server response");
        }
    }

    private static string Indent(byte[] note) => Encoding.UTF8.GetString(note).Replace("\n", "\n\t", StringComparison.Ordinal);

    // One task per key, shared by concurrent callers; a failure is forgotten so that a later call may retry.
    private static async Task<T> Once<TKey, T>(ConcurrentDictionary<TKey, Lazy<Task<T>>> cache, TKey key, Func<Task<T>> work)
        where TKey : notnull
    {
        var lazy = cache.GetOrAdd(key, _ => new Lazy<Task<T>>(work));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<TKey, Lazy<Task<T>>>(key, lazy));
            throw;
        }
    }

    private enum When
    {
        Past,
        Now,
        Future,
    }

    // The client's tiles (Go's tileReader): from the cache, else the database (a partial tile the database no
    // longer has comes from its full tile); saved to the cache once authenticated, each at most once.
    private sealed class TileSource(SumDbClient client, int height) : ITileReader
    {
        private readonly ConcurrentDictionary<TlogTile, Lazy<Task<byte[]>>> _read = new();
        private readonly ConcurrentDictionary<TlogTile, bool> _saved = new();

        public int Height => height;

        public Task<byte[][]> ReadTilesAsync(TlogTile[] tiles, CancellationToken cancellationToken) =>
            Task.WhenAll(tiles.Select(t => Once(_read, t, () => ReadTileAsync(t, cancellationToken))));

        public async Task SaveTilesAsync(TlogTile[] tiles, byte[][] data, CancellationToken cancellationToken)
        {
            for (var i = 0; i < tiles.Length; i++)
            {
                if (_saved.TryAdd(tiles[i], true))
                {
                    await client._store.WriteCacheAsync(client.Name + "/" + tiles[i].Path, data[i], cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private async Task<byte[]> ReadTileAsync(TlogTile tile, CancellationToken cancellationToken)
        {
            var full = tile with { W = 1 << tile.H };
            if (await client._store.ReadCacheAsync(client.Name + "/" + tile.Path, cancellationToken).ConfigureAwait(false) is { } cached)
            {
                _saved.TryAdd(tile, true);
                return cached;
            }

            if (tile != full && await client._store.ReadCacheAsync(client.Name + "/" + full.Path, cancellationToken).ConfigureAwait(false) is { } cachedFull)
            {
                _saved.TryAdd(tile, true);
                return Prefix(cachedFull, full, tile);
            }

            try
            {
                return await client._remote.ReadRemoteAsync("/" + tile.Path, cancellationToken).ConfigureAwait(false);
            }
            catch (SumDbException) when (tile != full)
            {
                return Prefix(await client._remote.ReadRemoteAsync("/" + full.Path, cancellationToken).ConfigureAwait(false), full, tile);
            }
        }

        private static byte[] Prefix(byte[] data, TlogTile full, TlogTile tile) => data[..(data.Length / full.W * tile.W)];
    }
}
