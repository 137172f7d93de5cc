using System.Globalization;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.SumDb;

namespace GoMirror.Core.Prewarm;

/// <summary>
/// Where the pre-warm meets the checksum database, as Go's <c>checkModSum</c> (cmd/go/internal/modfetch/fetch.go)
/// does: a version go.sum lacks takes its expected hashes from a proved database record before anything is
/// fetched; with <see cref="VerifyAll"/>, go.sum's own lines must agree with the database too. A disagreement is
/// Go's "SECURITY ERROR" and nothing lands.
/// </summary>
/// <param name="client">The database client.</param>
/// <param name="verifyAll">Check go.sum's own lines against the database too.</param>
/// <param name="recordsFrom">The module sets whose records the client reads instead of the database; null when it
/// reads the database. A record or tile of theirs that does not verify was forged or damaged: SECURITY ERROR.</param>
internal sealed class ChecksumVerifier(SumDbClient client, bool verifyAll, string? recordsFrom = null)
{
    private static readonly DiagnosticDescriptor[] ForgedRecord =
        [SumDbDiagnostics.ProofFailed, SumDbDiagnostics.BadSignature, SumDbDiagnostics.UnknownKey, SumDbDiagnostics.MalformedResponse, SumDbDiagnostics.Misbehavior];

    private const string SecurityText =
        "SECURITY ERROR\nThis download does NOT match the one reported by the checksum server.\n"
        + "The bits may have been replaced on the origin server, or an attacker may\nhave intercepted the download attempt.";

    private const string GoSumSecurityText =
        "SECURITY ERROR\nThis go.sum line does NOT match the one reported by the checksum server.\n"
        + "go.sum may have been written from a mirror that served other bits than the rest of the world sees.";

    /// <summary>True when every go.sum line is checked against the database, not only what go.sum lacks.</summary>
    public bool VerifyAll { get; } = verifyAll;

    /// <summary>The database's name.</summary>
    public string Name => client.Name;

    /// <summary>The signed tree head the lookups were proved against (empty before the first lookup).</summary>
    public string TreeHeadNote => client.Latest.Note;

    /// <summary>Looks <paramref name="item"/> up and returns the item to fetch with the hashes to expect.</summary>
    public async Task<ChecksumCheck> CheckAsync(PrewarmItem item, CancellationToken cancellationToken)
    {
        var location = item.GoSumLine ?? item.Diagnostics.FirstOrDefault()?.Location;
        SumDbLookup lookup;
        try
        {
            lookup = await client.LookupAsync(item.Module.Path, item.Module.Version, cancellationToken).ConfigureAwait(false);
        }
        catch (SumDbException e)
        {
            var text = recordsFrom is not null && ForgedRecord.Contains(e.Descriptor)
                ? $"verifying {item.Module}: {e.Message}\n\nSECURITY ERROR\nThe checksum database records of {recordsFrom} do NOT verify against GOSUMDB's key: the package was forged or damaged. Nothing of the module was written; delete that package version from the feed."
                : e.IsSecurityError ? $"verifying {item.Module}: {e.Message}\n\n{SecurityText}" : $"verifying {item.Module}: {e.Message}";
            return ChecksumCheck.Failed(item, e.Descriptor.Create(text, location));
        }

        var record = new SourceLocation(string.Create(
            CultureInfo.InvariantCulture, $"checksum database {client.Name} (record {lookup.RecordId}, tree size {lookup.Tree.Size})"));
        var verification = string.Create(
            CultureInfo.InvariantCulture, $"checksum database {client.Name}{(recordsFrom is null ? string.Empty : " (records of " + recordsFrom + ")")}: record {lookup.RecordId}, signed tree head of size {lookup.Tree.Size} and hash {lookup.Tree.Hash}");
        if (item.FromChecksumDatabase)
        {
            if (lookup.ZipHash is not { } zip || lookup.ModHash is not { } mod)
            {
                return ChecksumCheck.Failed(item, SumDbDiagnostics.RecordIncomplete.Create(
                    $"{item.Module}: the record of {record.Description} has no h1: line for {(lookup.ZipHash is null ? "the zip" : "the go.mod")}; nothing was fetched.",
                    location));
            }

            return new ChecksumCheck(item with { ZipHash = new ExpectedHash(zip, record), GoModHash = new ExpectedHash(mod, record) }, verification, null);
        }

        foreach (var (expected, fromDb, what) in new[] { (item.ZipHash, lookup.ZipHash, string.Empty), (item.GoModHash, lookup.ModHash, "/go.mod") })
        {
            if (expected is not null && fromDb is not null && expected.Hash != fromDb)
            {
                return ChecksumCheck.Failed(item, SumDbDiagnostics.ChecksumMismatch.Create(
                    $"verifying {item.Module}{what}: checksum mismatch\n\tgo.sum:     {expected.Hash} ({expected.Location})\n\t{client.Name}: {fromDb} ({record.Description})\n\n{GoSumSecurityText}",
                    expected.Location));
            }
        }

        return new ChecksumCheck(item, "go.sum and " + verification, null);
    }

    /// <summary>Restates a hash mismatch against database hashes in Go's words: the mirror served other bytes.</summary>
    public static ModulePrewarmResult AsSecurityErrors(ModulePrewarmResult result) =>
        result with
        {
            Diagnostics = result.Diagnostics.Select(d =>
                d.Code == ModuleCacheDiagnostics.ZipChecksumMismatch.Code || d.Code == ModuleCacheDiagnostics.GoModChecksumMismatch.Code
                    ? SumDbDiagnostics.ChecksumMismatch.Create($"verifying {result.Module}: checksum mismatch: {d.Message}\n\n{SecurityText}", d.Location)
                    : d).ToList(),
        };
}

/// <summary>The outcome of <see cref="ChecksumVerifier.CheckAsync"/>.</summary>
/// <param name="Item">The item to fetch, with the hashes to expect (the item as planned when the check failed).</param>
/// <param name="Verification">How it is verified, for the report.</param>
/// <param name="Failure">Why it must not be fetched; null when it may.</param>
internal sealed record ChecksumCheck(PrewarmItem Item, string? Verification, Diagnostic? Failure)
{
    /// <summary>A check that failed.</summary>
    public static ChecksumCheck Failed(PrewarmItem item, Diagnostic failure) => new(item, null, failure);
}
