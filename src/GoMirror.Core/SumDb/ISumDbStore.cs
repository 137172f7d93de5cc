namespace GoMirror.Core.SumDb;

/// <summary>
/// What the checksum database client keeps between runs (the configuration and cache half of Go's
/// <c>sumdb.ClientOps</c>): the latest signed tree head, replaced only by compare-and-swap, and a cache of
/// lookups and tiles. The client calls the writers only with authenticated data.
/// </summary>
internal interface ISumDbStore
{
    /// <summary>The latest signed tree head note of database <paramref name="name"/>; empty when there is none.</summary>
    Task<byte[]> ReadLatestAsync(string name, CancellationToken cancellationToken);

    /// <summary>Replaces the latest tree head with <paramref name="newNote"/> if it is still <paramref name="oldNote"/>
    /// (or empty); false on a write conflict (someone else moved it meanwhile).</summary>
    Task<bool> TryReplaceLatestAsync(string name, byte[] oldNote, byte[] newNote, CancellationToken cancellationToken);

    /// <summary>A cached file (<c>&lt;name&gt;/lookup/M@V</c>, <c>&lt;name&gt;/tile/8/0/000</c>); null when missing or empty.</summary>
    Task<byte[]?> ReadCacheAsync(string file, CancellationToken cancellationToken);

    /// <summary>Caches a file that has been authenticated.</summary>
    Task WriteCacheAsync(string file, byte[] data, CancellationToken cancellationToken);
}
