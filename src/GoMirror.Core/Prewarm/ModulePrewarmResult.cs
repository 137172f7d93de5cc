using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;

namespace GoMirror.Core.Prewarm;

/// <summary>How the pre-warm of one module version ended.</summary>
internal enum PrewarmOutcome
{
    /// <summary>Fetched through a proxy, checked against go.sum, and stored in the module cache.</summary>
    Downloaded,

    /// <summary>Already complete in the module cache: nothing was requested.</summary>
    CacheHit,

    /// <summary>Not fetched (private, no proxy, reached <c>direct</c>, unusable go.sum lines): the go command fetches it.</summary>
    LeftToGoCommand,

    /// <summary>Fetching or checking failed; nothing Go would trust was left in the cache for it.</summary>
    Failed,
}

/// <summary>The result of pre-warming one module version.</summary>
/// <param name="Module">The module path and version.</param>
/// <param name="NeedsZip">True when the zip was wanted (a zip line in go.sum), false for a go.mod-only version.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="ServedBy">The GOPROXY entry that served the zip (or the go.mod for a go.mod-only version),
/// credentials masked; null when nothing was downloaded.</param>
/// <param name="Bytes">Bytes received for this version (.info, .mod and .zip).</param>
/// <param name="Duration">Wall time spent on this version.</param>
/// <param name="ZipHash">The zip's <c>h1:</c> hash as checked against go.sum; null when no zip is cached.</param>
/// <param name="GoModHash">The go.mod's <c>h1:</c> hash as checked against go.sum; null when not checked.</param>
/// <param name="GoSumLine">The go.sum line that checked it (the zip line, else the go.mod line).</param>
/// <param name="Components">The go.mod files whose go.sum names this version.</param>
/// <param name="Diagnostics">Why it failed or was left to the go command, and warnings (a proxy that failed
/// before another served it); each names the module, the proxy and the go.sum line when they apply.</param>
internal sealed record ModulePrewarmResult(
    ModuleVersion Module,
    bool NeedsZip,
    PrewarmOutcome Outcome,
    string? ServedBy,
    long Bytes,
    TimeSpan Duration,
    string? ZipHash,
    string? GoModHash,
    SourceLocation? GoSumLine,
    IReadOnlyList<string> Components,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True unless the outcome is <see cref="PrewarmOutcome.Failed"/>.</summary>
    public bool Succeeded => Outcome != PrewarmOutcome.Failed;

    /// <summary>How the bytes were verified: <c>go.sum</c>, the checksum database (its name, record id and tree
    /// size), both, or null when the pre-warm did not verify them (the version was left to the go command).</summary>
    public string? Verification { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Module}: {Outcome}{(ServedBy is null ? string.Empty : " via " + ServedBy)}";
}

/// <summary>The result of a whole pre-warm.</summary>
/// <param name="Modules">One result per module version, in Go's module order.</param>
/// <param name="Diagnostics">Every finding: the plan's, then each module's, in module order.</param>
/// <param name="Duration">Wall time of the pre-warm.</param>
internal sealed record PrewarmResult(IReadOnlyList<ModulePrewarmResult> Modules, IReadOnlyList<Diagnostic> Diagnostics, TimeSpan Duration)
{
    /// <summary>True when no diagnostic is an error.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);

    /// <summary>Versions found complete in the cache.</summary>
    public int CacheHits => Modules.Count(m => m.Outcome == PrewarmOutcome.CacheHit);

    /// <summary>Versions downloaded.</summary>
    public int Downloaded => Modules.Count(m => m.Outcome == PrewarmOutcome.Downloaded);

    /// <summary>Versions left to the go command.</summary>
    public int LeftToGoCommand => Modules.Count(m => m.Outcome == PrewarmOutcome.LeftToGoCommand);

    /// <summary>Versions that failed.</summary>
    public int Failed => Modules.Count(m => m.Outcome == PrewarmOutcome.Failed);

    /// <summary>Bytes downloaded in total.</summary>
    public long Bytes => Modules.Sum(m => m.Bytes);
}
