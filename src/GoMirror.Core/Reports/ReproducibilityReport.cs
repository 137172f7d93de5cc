using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Reports;

/// <summary>
/// A finished reproducibility report: redacted, relative, sorted, fingerprinted. Made by
/// <see cref="ReportBuilder"/> or read back by <see cref="ReportJsonReader"/>; written by the format writers.
/// </summary>
internal sealed record ReproducibilityReport
{
    /// <summary>The report schema version this engine writes and reads.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The schema version of this report.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary><c>sha256:</c> and the hex SHA-256 of the canonical reproducible part.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The part that must be equal for equal inputs on any machine.</summary>
    public required ReproduciblePart Reproducible { get; init; }

    /// <summary>Where and when the report was made. Not fingerprinted.</summary>
    public required ReportEnvironment Environment { get; init; }

    /// <summary>Findings of the run, sorted. Not fingerprinted.</summary>
    public IReadOnlyList<ReportFinding> Findings { get; init; } = [];

    /// <summary>Every module version as an SLSA provenance v1 <c>ResourceDescriptor</c>.</summary>
    public IReadOnlyList<ResolvedDependency> ResolvedDependencies => ModuleDigest.ResolvedDependencies(Reproducible);

    /// <summary>All modules of all components, for counting.</summary>
    public IEnumerable<ReportModule> AllModules => Reproducible.Components.SelectMany(c => c.Modules);
}

/// <summary>The fingerprinted part of a report.</summary>
/// <param name="GoVersion">The Go toolchain version, or <see langword="null"/> when unknown.</param>
/// <param name="Policy">Policy settings sorted by name, then source.</param>
/// <param name="Components">Components sorted by go.mod path.</param>
internal sealed record ReproduciblePart(string? GoVersion, IReadOnlyList<PolicySetting> Policy, IReadOnlyList<ReportComponent> Components);

/// <summary>One component in a report.</summary>
/// <param name="GoMod">The go.mod (or a workspace's go.work) path relative to the repository root, with <c>/</c> separators.</param>
/// <param name="Modules">Modules sorted by path, then version.</param>
internal sealed record ReportComponent(string GoMod, IReadOnlyList<ReportModule> Modules)
{
    /// <summary>For a workspace, its members' go.mod paths in go.work order, relative like <see cref="GoMod"/>; empty for a module.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    /// <summary>The Go that ran the component's go command and the Go found; null when unknown (no download ran).</summary>
    public ReportToolchain? Toolchain { get; init; }
}

/// <summary>The toolchain a component's go command ran with.</summary>
/// <param name="Go">The Go that ran, as it names itself (<c>go env GOVERSION</c>): <c>go1.23.5</c>.</param>
/// <param name="FoundGo">The Go found (GoExecutable, GOROOT or PATH) that made the choice: <c>go1.21.13</c>.</param>
/// <param name="Selection"><c>local</c> (the Go found ran), <c>path</c> (a toolchain found on PATH by name) or
/// <c>switch</c> (the toolchain module, downloaded through GOPROXY or found in the module cache) or <c>provisioned</c>
/// (no Go was found or GoMirrorGoVersion named one: the engine fetched the toolchain module through the mirror and ran it).</param>
/// <param name="Module">For a switch, the toolchain module and version (<c>golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64</c>).</param>
internal sealed record ReportToolchain(string Go, string FoundGo, string Selection, string? Module)
{
    /// <summary>The <c>h1:</c> of the toolchain module's zip, as the module cache records it; null for a Go the machine had.</summary>
    public string? Hash { get; init; }

    /// <summary>How the toolchain module was verified (<c>checksum database sum.golang.org</c>); null with no module.</summary>
    public string? Verification { get; init; }
}

/// <summary>One module in a report.</summary>
/// <param name="Path">The module path.</param>
/// <param name="Version">The module version.</param>
/// <param name="Sum">The <c>h1:</c> hash of the zip, or <see langword="null"/>.</param>
/// <param name="GoModSum">The <c>h1:</c> hash of the go.mod, or <see langword="null"/>.</param>
/// <param name="Verification">Whether and how the hash was checked.</param>
/// <param name="VerificationDetail">How, in words, or <see langword="null"/>.</param>
/// <param name="Proxy">The proxy entry that served it (redacted), or <see langword="null"/>.</param>
/// <param name="Sha256">The SHA-256 of the zip in hex (the base64-decoded <c>h1:</c>), or <see langword="null"/>.</param>
/// <param name="NoDigestReason">Why <paramref name="Sha256"/> is missing; <see langword="null"/> when it is present.</param>
internal sealed record ReportModule(
    string Path,
    string Version,
    string? Sum,
    string? GoModSum,
    ModuleVerification Verification,
    string? VerificationDetail,
    string? Proxy,
    string? Sha256,
    string? NoDigestReason)
{
    /// <summary>The route pattern whose proxy list served the module (<c>git.corp.example/*</c>); null when GOPROXY did.</summary>
    public string? Route { get; init; }
}

/// <summary>A finding as a report records it: redacted text and a repository-relative location.</summary>
/// <param name="Code">The diagnostic code.</param>
/// <param name="Severity">The severity.</param>
/// <param name="Message">What happened.</param>
/// <param name="Fix">How to fix it.</param>
/// <param name="Path">The file relative to the repository root, or a description such as
/// <c>environment variable GOPROXY</c>; <see langword="null"/> when there is no location.</param>
/// <param name="Line">1-based line, or 0.</param>
/// <param name="Column">1-based column, or 0.</param>
/// <param name="IsFile">True when <paramref name="Path"/> names a file.</param>
internal sealed record ReportFinding(string Code, DiagnosticSeverity Severity, string Message, string Fix, string? Path, int Line, int Column, bool IsFile)
{
    /// <summary>The documentation page of <see cref="Code"/>.</summary>
    public string HelpLink => DiagnosticDescriptor.HelpBaseUri + Code + ".md";
}

/// <summary>An SLSA provenance v1 <c>ResourceDescriptor</c> for one module version.</summary>
/// <param name="Uri">The package URL, <c>pkg:golang/&lt;path&gt;@&lt;version&gt;</c>.</param>
/// <param name="Name">The module path.</param>
/// <param name="Sha256">The SHA-256 hex digest, or <see langword="null"/> when there is none.</param>
/// <param name="Annotations">The serving proxy, the go.mod hash, and the reason when there is no digest.</param>
internal sealed record ResolvedDependency(string Uri, string Name, string? Sha256, IReadOnlyDictionary<string, string> Annotations);
