using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Reports;

/// <summary>
/// Everything a reproducibility report is made from, as the policy, pre-warm and download layers know it.
/// Plain data: <see cref="ReportBuilder"/> redacts, relativises, validates and sorts it, so callers may fill
/// it in any order and with absolute paths under the repository root.
/// </summary>
internal sealed record ReportInput
{
    /// <summary>The mirror policy as resolved (GOPROXY, GOPRIVATE, ...), one entry per setting.</summary>
    public IReadOnlyList<PolicySetting> Policy { get; init; } = [];

    /// <summary>The Go toolchain version, as <c>go env GOVERSION</c> prints it (for example <c>go1.19.8</c>).</summary>
    public string? GoVersion { get; init; }

    /// <summary>The Go components (one per go.mod) and the modules each uses.</summary>
    public IReadOnlyList<GoComponentRecord> Components { get; init; } = [];

    /// <summary>The run's environment: host, CI, timings, cache hits. Never part of the fingerprint.</summary>
    public ReportEnvironment Environment { get; init; } = new();

    /// <summary>Findings of the run (policy checks, downloads, drift) to list in the report, the Code Quality
    /// file and the summaries. Never part of the fingerprint.</summary>
    public IReadOnlyList<Diagnostic> Findings { get; init; } = [];
}

/// <summary>One resolved policy setting.</summary>
/// <param name="Name">The setting, for example <c>GOPROXY</c>.</param>
/// <param name="Value">Its value. Redacted again by the builder whatever the caller did.</param>
/// <param name="Source">Where it came from, for example <c>Directory.Build.props(12)</c> or
/// <c>environment variable GOPROXY</c>.</param>
internal sealed record PolicySetting(string Name, string Value, string Source);

/// <summary>One Go component: a go.mod (or go.work) and the modules its build uses.</summary>
/// <param name="GoModPath">The go.mod or go.work file, absolute or relative to the repository root.</param>
/// <param name="Modules">The modules the component uses (its dependencies, not the main module).</param>
internal sealed record GoComponentRecord(string GoModPath, IReadOnlyList<ModuleRecord> Modules)
{
    /// <summary>For a workspace, its members' go.mod files; empty for a module.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    /// <summary>The Go that ran the component's go command and the Go found; null when unknown.</summary>
    public ReportToolchain? Toolchain { get; init; }
}

/// <summary>One module version a component uses, and how its bytes were checked.</summary>
/// <param name="Path">The module path, for example <c>golang.org/x/text</c>.</param>
/// <param name="Version">The version, for example <c>v0.3.7</c>.</param>
internal sealed record ModuleRecord(string Path, string Version)
{
    /// <summary>The <c>h1:</c> hash of the module zip, as Go prints it; <see langword="null"/> when there is none.</summary>
    public string? Sum { get; init; }

    /// <summary>The <c>h1:</c> hash of the module's go.mod; <see langword="null"/> when there is none.</summary>
    public string? GoModSum { get; init; }

    /// <summary>Whether and how <see cref="Sum"/> was checked.</summary>
    public ModuleVerification Verification { get; init; } = ModuleVerification.NotVerified;

    /// <summary>How, in words: the go.sum file and line, the checksum database, why it was not checked.</summary>
    public string? VerificationDetail { get; init; }

    /// <summary>The GOPROXY entry that served the module (for a cache hit: the entry the policy would ask
    /// first). Redacted by the builder.</summary>
    public string? Proxy { get; init; }

    /// <summary>The route pattern whose proxy list serves the module (the policy's routes: exact path, then the
    /// longest prefix); null when GOPROXY does or GONOPROXY sends it direct.</summary>
    public string? Route { get; init; }

    /// <summary>Why there is no hash: <c>replaced by ../lib</c>, <c>vendored</c>, ... Required in spirit when
    /// <see cref="Sum"/> is null; the builder fills a generic reason otherwise.</summary>
    public string? NoDigestReason { get; init; }
}

/// <summary>Whether and how a module's hash was checked.</summary>
internal enum ModuleVerification
{
    /// <summary>Not checked: no go.sum line and no checksum database (GONOSUMDB, GOSUMDB=off, ...).</summary>
    NotVerified,

    /// <summary>Equal to the hash in the component's go.sum.</summary>
    GoSum,

    /// <summary>Equal to the hash the checksum database (GOSUMDB) signed.</summary>
    ChecksumDatabase,

    /// <summary>Different from go.sum or the checksum database: these bytes must not be trusted.</summary>
    Mismatch,

    /// <summary>Nothing to check: a replaced, local or vendored module has no hash.</summary>
    NotApplicable,
}

/// <summary>The run's environment. Recorded for people; never part of the fingerprint.</summary>
internal sealed record ReportEnvironment
{
    /// <summary>The machine name.</summary>
    public string? Host { get; init; }

    /// <summary>The operating system, for example <c>linux</c>.</summary>
    public string? OperatingSystem { get; init; }

    /// <summary>The processor architecture, for example <c>amd64</c>.</summary>
    public string? Architecture { get; init; }

    /// <summary>The CI provider (<c>github-actions</c>, <c>gitlab-ci</c>) or <see langword="null"/> locally.</summary>
    public string? CiProvider { get; init; }

    /// <summary>The CI run or pipeline id.</summary>
    public string? RunId { get; init; }

    /// <summary>The CI job, including a matrix discriminator when there is one.</summary>
    public string? Job { get; init; }

    /// <summary>The tool that wrote the report and its version, for example <c>GoMirror.Build 0.1.0</c>.</summary>
    public string? Tool { get; init; }

    /// <summary>When the report was made. Use <see cref="SourceDateEpoch"/> to honour SOURCE_DATE_EPOCH.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>How long each phase took.</summary>
    public IReadOnlyList<ReportTiming> Timings { get; init; } = [];

    /// <summary>Modules found already in the module cache.</summary>
    public int CacheHits { get; init; }

    /// <summary>Modules that had to be downloaded.</summary>
    public int CacheMisses { get; init; }

    /// <summary>Machine-local settings (GOMODCACHE, GOPATH, ...); the builder also moves such policy settings here.</summary>
    public IReadOnlyList<PolicySetting> Locations { get; init; } = [];

    /// <summary>The module sets asked of, or pushed to, a NuGet feed in this run, and which modules each served.
    /// Where the bytes came from is the environment's business: the same verified bytes keep the fingerprint.</summary>
    public IReadOnlyList<ReportModuleSet> ModuleSets { get; init; } = [];
}

/// <summary>One component's module set on a NuGet feed in this run.</summary>
/// <param name="GoMod">The component's go.mod (or go.work); the builder makes it relative to the repository root.</param>
/// <param name="Package">The package id.</param>
/// <param name="Version">The package version.</param>
/// <param name="Feed">The feed, redacted by the builder.</param>
/// <param name="Outcome"><c>pulled</c>, <c>not-in-feed</c>, <c>refused</c>, <c>unavailable</c>, <c>pushed</c> or <c>push-failed</c>.</param>
/// <param name="Modules">The module versions (<c>path@version</c>) the feed served, sorted; empty unless pulled.</param>
internal sealed record ReportModuleSet(string GoMod, string Package, string Version, string Feed, string Outcome, IReadOnlyList<string> Modules);

/// <summary>How long one phase of the run took.</summary>
/// <param name="Name">The phase, for example <c>prewarm</c>.</param>
/// <param name="Duration">Its duration.</param>
internal sealed record ReportTiming(string Name, TimeSpan Duration);
