using System.Text.Json;

namespace GoMirror.Testing.SumDb;

/// <summary>
/// Test vectors of the transparent log and signed notes, computed at test time by Go's own
/// golang.org/x/mod/sumdb/tlog and note (<c>sumdbtest vectors</c>): 300 records, their record, stored and
/// tree hashes, hash index splits, inclusion and consistency proofs, tile paths and tile data, a verifier key
/// and a tree head signed with it.
/// </summary>
public static class SumDbVectors
{
    private static readonly Lazy<JsonElement> Computed = new(() => JsonDocument.Parse(SumDbServerBinary.Run("vectors")).RootElement.Clone());

    /// <summary>The vectors; skips or fails the test without Go, as <see cref="GoToolchain.Require"/>.</summary>
    public static JsonElement Require()
    {
        SumDbServerBinary.Require();
        return Computed.Value;
    }
}
