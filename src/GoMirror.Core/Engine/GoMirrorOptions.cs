using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;

namespace GoMirror.Core.Engine;

/// <summary>
/// Everything a host (the MSBuild tasks, the Cake addin) tells a <see cref="GoMirrorEngine"/>. Every value that
/// can be left out has a default that suits a build; hosts translate their parameters one to one.
/// </summary>
public sealed record GoMirrorOptions
{
    /// <summary>The policy values the build sets (MSBuild properties, Cake settings, a policy file), each with
    /// the place it was written; they override the environment and Go's env file.</summary>
    internal IReadOnlyList<ExplicitSetting> PolicySettings { get; init; } = [];

    /// <summary>Routes: <c>pattern=proxy-list</c> entries separated by <c>;</c> (MSBuild <c>GoMirrorRoute</c> items,
    /// Cake <c>Routes</c>, <c>--routes</c>). A module path takes its route's list (an exact pattern first, then the
    /// longest <c>prefix*</c>), else GOPROXY; GONOPROXY/GOPRIVATE win over every route. They win over the policy
    /// file's routes for the same pattern. Null or empty for none.</summary>
    public string? Routes { get; init; }

    /// <summary>The policy file's profile to use (<c>dev</c>, <c>ci</c>, ...); null for <c>GOMIRROR_PROFILE</c>, else the
    /// file's <c>ciProfile</c> when <c>CI=true</c>, else its <c>defaultProfile</c>.</summary>
    public string? Profile { get; init; }

    /// <summary>The policy file (<c>gomirror.json</c>); null to take the nearest one in or above the repository root
    /// (or the first component's folder), <c>none</c> for no file.</summary>
    public string? PolicyFile { get; init; }

    /// <summary>The environment and operating system the policy is resolved against; null for
    /// <see cref="GoPolicyHost.FromCurrentProcess"/>. CI detection of the report reads it too.</summary>
    public GoPolicyHost? Host { get; init; }

    /// <summary>The go executable, its folder or a GOROOT; null to search GOROOT and PATH.</summary>
    public string? GoExecutable { get; init; }

    /// <summary>A Go version (<c>1.23.5</c> or <c>go1.23.5</c>) to provision through the mirror and run instead of an
    /// installed Go; null to run the Go found (and to provision only when none is found and this is set).</summary>
    public string? GoVersion { get; init; }

    /// <summary>The Go components: go.mod files or the folders that hold them. Relative paths are taken from the
    /// current folder.</summary>
    public IReadOnlyList<string> GoModules { get; init; } = [];

    /// <summary>Module versions fetched at once; 0 for <see cref="Prewarm.ModulePrewarmer.DefaultMaxParallel"/>.</summary>
    public int MaxParallel { get; init; }

    /// <summary>Where reports are written (a per-job folder is made below it); null for
    /// <c>&lt;repository root&gt;/artifacts/gomirror</c>.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>The report formats, for example <c>json;markdown;junit</c>; null or empty for the default
    /// (JSON and Markdown). Parsed with <see cref="Reports.ReportFormatList"/>.</summary>
    public string? ReportFormats { get; init; }

    /// <summary>Also prove that every component downloads with <c>GOPROXY=off</c> once the cache is warm.</summary>
    public bool Offline { get; init; }

    /// <summary>Also check every go.sum line of a fetched version against the checksum database (GOSUMDB), to catch a
    /// go.sum that was itself written from a poisoned mirror. Versions go.sum lacks are always checked.</summary>
    public bool SumDbVerifyAll { get; init; }

    /// <summary>The severity of GOMIRROR0909, a version go.mod requires that neither go.sum nor the checksum
    /// database vouches for (GOSUMDB=off, or the path in GONOSUMDB/GOPRIVATE): <c>error</c>, <c>warning</c> (the
    /// default) or <c>info</c>, in any case. A malformed value fails the step with
    /// <see cref="Policy.PolicyDiagnostics.InvalidUnverifiedSeverity"/>.</summary>
    public string? SumDbUnverifiedSeverity { get; init; }

    /// <summary>The mirrors the probe measures, as GOPROXY entries or lists separated by <c>;</c>; null for the URL
    /// entries of GOPROXY.</summary>
    public string? ProbeProxies { get; init; }

    /// <summary>Also probe the public mirrors the documentation lists (docs/mirrors.md), beside <see cref="ProbeProxies"/>.</summary>
    public bool ProbeKnown { get; init; }

    /// <summary>A previous <c>gomirror-report.json</c> to check drift against; null for none.</summary>
    public string? BaselineReport { get; init; }

    /// <summary>The severity of each kind of drift found against <see cref="BaselineReport"/>:
    /// <c>Kind=severity</c> entries separated by <c>;</c>, for example <c>VersionChanged=error;HashChanged=warning</c>.
    /// Kinds are <see cref="Reports.DriftKind"/> names or their codes, severities <c>error</c>, <c>warning</c> or
    /// <c>info</c>, in any case; a later entry for a kind wins; unlisted kinds keep their defaults. Null or empty
    /// for the defaults. A malformed entry fails the check with <see cref="EngineDiagnostics.InvalidDriftSeverity"/>.</summary>
    public string? DriftSeverity { get; init; }

    /// <summary>The repository root, which report paths are relative to; null for the nearest folder above the
    /// first go.mod that holds <c>.git</c> (a folder or a file), else that go.mod's folder.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>The CI matrix leg, which keeps report folders of parallel jobs apart (<c>gomirror-&lt;job&gt;-&lt;leg&gt;</c>);
    /// null for the <c>GOMIRROR_REPORT_LEG</c> environment variable, else on GitHub Actions the runner's OS and
    /// architecture. A value here wins over the variable.</summary>
    public string? ReportLeg { get; init; }

    /// <summary>GOAUTH for the pre-warm and the go command (Go 1.24's list: <c>off</c>, <c>netrc</c>, <c>git dir</c>,
    /// commands); null or empty for the <c>GOAUTH</c> environment variable, else Go's default <c>netrc</c>.
    /// Credentials themselves never come from an option.</summary>
    public string? Auth { get; init; }

    /// <summary>The name of an environment variable (e.g. <c>GOPROXY_TOKEN</c>) whose value is the credential for
    /// the https GOPROXY entries: <c>user:token</c> for Basic auth, a bare token for Bearer. The name, never the
    /// secret, is what a build file holds; null for none.</summary>
    public string? ProxyTokenVariable { get; init; }

    /// <summary>Seconds a new connection to a proxy may take to set up (TCP, TLS); 0 for the default (10).</summary>
    public int ConnectTimeoutSeconds { get; init; }

    /// <summary>Seconds a proxy request may wait for its response headers; 0 for the default (30). A '|' entry that
    /// is slower than its usual answer is hedged to the next entry long before this.</summary>
    public int FirstByteTimeoutSeconds { get; init; }

    /// <summary>Seconds a response body may go without any data arriving; 0 for the default (30). A slow download
    /// that keeps progressing is never cut off.</summary>
    public int IdleTimeoutSeconds { get; init; }

    /// <summary>True (the default): a '|' entry slower than its usual answer is hedged to the next entry, and a
    /// mirror that keeps failing is skipped for the rest of the run. False: each entry is asked only after the one
    /// before it failed, and every request goes to every entry in turn, as Go does. The timeouts apply either way.</summary>
    public bool Failover { get; init; } = true;

    /// <summary>The NuGet feed that carries module sets: a v3 feed URL (<c>https://.../index.json</c>), an absolute
    /// folder (a folder feed), or the name of a package source in nuget.config. When set, the pre-warm first asks it
    /// for each component's set and verifies what it pulls against go.sum as if a proxy had served it; the mirrors
    /// serve what it lacks. Null for none.</summary>
    public string? ModuleSetSource { get; init; }

    /// <summary>After a pre-warm that downloaded anything from the mirrors, pack each such component's set and push
    /// it to <see cref="ModuleSetSource"/> (already there is success; a failed push is a warning).</summary>
    public bool ModuleSetPush { get; init; }

    /// <summary>Where <see cref="GoMirrorEngine.PackModuleSetsAsync"/> writes packages (and a push keeps them); null
    /// for <c>&lt;repository root&gt;/artifacts/modulesets</c> (a push without it packs into a temporary folder).</summary>
    public string? ModuleSetOutput { get; init; }

    /// <summary>The name of an environment variable holding the feed's API key for a push (GitHub Packages takes a
    /// token, Azure Artifacts any non-empty key); never the key itself. Null for nuget.config's <c>apikeys</c>.</summary>
    public string? ModuleSetApiKeyVariable { get; init; }

    /// <summary>The nuget.config that names <see cref="ModuleSetSource"/> and its credentials; null for the
    /// nuget.config files that apply to the repository root (the folder hierarchy, then the user's), as restore reads them.</summary>
    public string? ModuleSetConfigFile { get; init; }

    /// <summary>Stops each go process after this long; null for no limit.</summary>
    public TimeSpan? GoTimeout { get; init; }

    /// <summary>The host's name, recorded in the report's environment part, for example
    /// <c>GoMirror.Build (MSBuild)</c> or <c>Cake.GoMirror</c>.</summary>
    public string Tool { get; init; } = "GoMirror.Core";

    /// <summary>Settings of the GOPROXY client (timeouts, retries, trusted roots, HTTP proxy); null for the
    /// defaults. Its redactor is replaced by the policy's, so every secret the policy knows is masked.</summary>
    internal GoProxyClientOptions? ProxyClient { get; init; }

    /// <summary>Where CI log commands (GitHub annotations, GitLab sections) go; null for the process's standard output.</summary>
    public TextWriter? CiOutput { get; init; }
}
