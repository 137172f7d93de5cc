using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;

namespace GoMirror.Core.Toolchain;

/// <summary>What fetching one toolchain into the module cache gave.</summary>
internal enum ToolchainFetchOutcome
{
    /// <summary>Downloaded through a mirror, verified and stored.</summary>
    Downloaded,

    /// <summary>Already complete in the module cache, and its hash agrees with the checksum database.</summary>
    CacheHit,

    /// <summary>Nothing usable landed; the diagnostics say why.</summary>
    Failed,
}

/// <summary>One toolchain fetched (or not) into the module cache.</summary>
/// <param name="Toolchain">The toolchain name (<c>go1.23.5</c>).</param>
/// <param name="Module">The toolchain module (<c>golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64</c>).</param>
/// <param name="Outcome">Downloaded, a cache hit, or failed.</param>
/// <param name="Diagnostics">Why it failed, or what is worth knowing.</param>
internal sealed record ToolchainFetchResult(string Toolchain, ModuleVersion Module, ToolchainFetchOutcome Outcome, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the toolchain is in the cache, verified and runnable.</summary>
    public bool Succeeded => Outcome != ToolchainFetchOutcome.Failed;

    /// <summary>The mirror that served the zip (redacted), for a download.</summary>
    public string? ServedBy { get; init; }

    /// <summary>Bytes downloaded (zip, go.mod and .info).</summary>
    public long Bytes { get; init; }

    /// <summary>The zip's <c>h1:</c> hash, equal to the checksum database's record.</summary>
    public string? ZipHash { get; init; }

    /// <summary>How it was verified ("checksum database sum.golang.org: record 42, signed tree head ...").</summary>
    public string? Verification { get; init; }

    /// <summary>The extracted toolchain tree (its GOROOT).</summary>
    public string? Directory { get; init; }

    /// <summary>The tree's go executable (<c>bin/go</c>, <c>bin\go.exe</c>).</summary>
    public string? GoExecutable { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; init; }
}
