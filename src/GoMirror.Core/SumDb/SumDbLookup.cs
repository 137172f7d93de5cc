namespace GoMirror.Core.SumDb;

/// <summary>What the checksum database says about one module version, authenticated.</summary>
/// <param name="ModulePath">The module path.</param>
/// <param name="Version">The version.</param>
/// <param name="RecordId">The record's number in the log.</param>
/// <param name="Lines">The record's go.sum lines for the version (<c>M V h1:...</c>, <c>M V/go.mod h1:...</c>).</param>
/// <param name="Tree">The signed tree head the record was proved against.</param>
internal sealed record SumDbLookup(string ModulePath, string Version, long RecordId, IReadOnlyList<string> Lines, TreeHead Tree)
{
    /// <summary>The database's <c>h1:</c> hash of the module zip, or null when the record has none.</summary>
    public string? ZipHash => HashOf(Version);

    /// <summary>The database's <c>h1:</c> hash of the go.mod file, or null when the record has none.</summary>
    public string? ModHash => HashOf(Version + "/go.mod");

    private string? HashOf(string version)
    {
        var prefix = ModulePath + " " + version + " h1:";
        return Lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line
            ? line[(ModulePath.Length + version.Length + 2)..]
            : null;
    }
}
