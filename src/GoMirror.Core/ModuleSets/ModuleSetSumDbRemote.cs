using GoMirror.Core.Policy;
using GoMirror.Core.SumDb;

namespace GoMirror.Core.ModuleSets;

/// <summary>
/// The checksum database as the pulled module sets serve it, in front of the database as the policy reaches it.
/// What a set's <c>sumdb/&lt;name&gt;/</c> folder holds comes from there, as Go reads a proxy that answered
/// <c>/sumdb/&lt;name&gt;/supported</c> (cmd/go/internal/modfetch/sumdb.go <c>initBase</c>); sets pulled together
/// (one per component) count as one folder. Only a path no set holds (the lookup of a version no pulled set records,
/// for a component whose set was not in the feed; a tile a newer stored tree head needs) is read from the database,
/// as Go would for that component without a set. Nothing a set holds is ever replaced by the database's copy: a
/// record or tile of a set that does not verify fails, and the client verifies every lookup's tree head against
/// GOSUMDB's key and proves every record and tile, wherever it came from, before it uses or caches one.
/// </summary>
internal sealed class ModuleSetSumDbRemote : ISumDbRemote
{
    private readonly IReadOnlyList<string> _roots;
    private readonly string _from;
    private readonly ISumDbRemote _database;

    private ModuleSetSumDbRemote(IReadOnlyList<string> roots, string from, ISumDbRemote database)
    {
        _roots = roots;
        _from = from;
        _database = database;
    }

    /// <summary>Where the records come from, as a person may see it (packages and feeds).</summary>
    public string Description => _from;

    /// <summary>
    /// The remote over those of <paramref name="folders"/> that carry records of <paramref name="database"/>, in front of
    /// <paramref name="reached"/>; null when none does, or when GOSUMDB names a URL (Go then reaches the database there
    /// and asks no proxy).
    /// </summary>
    public static ModuleSetSumDbRemote? For(IReadOnlyList<ModuleSetFolder> folders, ChecksumDatabase database, ISumDbRemote reached)
    {
        ArgumentNullException.ThrowIfNull(folders);
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsOff || database.Url is not null)
        {
            return null;
        }

        var carrying = folders
            .Select(f => (Folder: f, Root: Path.Combine(f.Root, "sumdb", database.Name)))
            .Where(f => File.Exists(Path.Combine(f.Root, SumDbRecordBundle.Supported)))
            .ToList();
        return carrying.Count == 0
            ? null
            : new ModuleSetSumDbRemote([.. carrying.Select(f => f.Root)], string.Join(", ", carrying.Select(f => $"module set {f.Folder.Set.Id} {f.Folder.Set.Version} ({f.Folder.Feed})")), reached);
    }

    /// <inheritdoc />
    public async Task<byte[]> ReadRemoteAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var relative = path.TrimStart('/');
        if (relative.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new SumDbException(SumDbDiagnostics.NotFound, $"{path}: not a checksum database path");
        }

        foreach (var root in _roots)
        {
            var file = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(file))
            {
                return await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }

        return await _database.ReadRemoteAsync(path, cancellationToken).ConfigureAwait(false);
    }
}
