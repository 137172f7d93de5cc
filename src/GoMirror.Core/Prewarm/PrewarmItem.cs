using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;

namespace GoMirror.Core.Prewarm;

/// <summary>What the pre-warm does with one module version.</summary>
internal enum PrewarmDisposition
{
    /// <summary>Fetch it through the GOPROXY list.</summary>
    Fetch,

    /// <summary>GONOPROXY (by default GOPRIVATE) matches it: never asked of any proxy; left to the go command.</summary>
    Private,

    /// <summary>GOPROXY names no proxy before <c>direct</c> or <c>off</c>: left to the go command.</summary>
    NoProxy,

    /// <summary>Its go.sum lines cannot be used (see <see cref="PrewarmItem.Diagnostics"/>): left to the go command.</summary>
    Unusable,
}

/// <summary>A go.sum line the pre-warm checks downloaded bytes against.</summary>
/// <param name="Hash">The <c>h1:</c> hash.</param>
/// <param name="Location">The go.sum file and line it was read from.</param>
internal sealed record ExpectedHash(string Hash, SourceLocation Location);

/// <summary>
/// One module version to pre-warm, de-duplicated across components: the files to fetch (the <c>.mod</c> for a
/// <c>/go.mod</c> line; <c>.info</c> and <c>.zip</c> for a zip line) and the go.sum lines that check them.
/// </summary>
/// <param name="Module">The module path and canonical version.</param>
/// <param name="ZipHash">The zip hash from the first component's go.sum that names one; null when only the
/// go.mod is needed.</param>
/// <param name="GoModHash">The <c>/go.mod</c> hash; null when go.sum has no such line (the <c>.mod</c> is then
/// left to the go command, which checks it against the checksum database).</param>
/// <param name="Disposition">Whether the pre-warm fetches it, and if not, why.</param>
/// <param name="Components">The go.mod files whose go.sum names it, sorted.</param>
/// <param name="Diagnostics">Why it is left to the go command, when it is.</param>
internal sealed record PrewarmItem(
    ModuleVersion Module,
    ExpectedHash? ZipHash,
    ExpectedHash? GoModHash,
    PrewarmDisposition Disposition,
    IReadOnlyList<string> Components,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when go.sum has no line for this version, which go.mod requires: its hashes come from the
    /// checksum database, looked up (and proved) before anything is fetched.</summary>
    public bool FromChecksumDatabase { get; init; }

    /// <summary>The go.mod line that requires the version, for one that go.sum lacks.</summary>
    public SourceLocation? RequiredAt { get; init; }

    /// <summary>True when the zip (and <c>.info</c>) are needed, not only the go.mod.</summary>
    public bool NeedsZip => ZipHash is not null || FromChecksumDatabase;

    /// <summary>The line that best locates this version in messages: go.sum's zip line, else its go.mod line, else
    /// the go.mod requirement of a version go.sum lacks.</summary>
    public SourceLocation? GoSumLine => ZipHash?.Location ?? GoModHash?.Location ?? RequiredAt;

    /// <inheritdoc />
    public override string ToString() => Module.ToString();
}
