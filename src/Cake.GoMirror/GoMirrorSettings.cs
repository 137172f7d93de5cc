using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Cake.GoMirror;

/// <summary>
/// Settings of the GoMirror aliases. The nine policy properties mean exactly what the MSBuild properties of
/// the same name (<c>GoMirrorProxy</c>, <c>GoMirrorPrivate</c>, ...) mean: a value set here wins; left unset
/// (null or empty), the Go variable comes from the environment (including
/// <see cref="ToolSettings.EnvironmentVariables"/>), then from Go's env file (<c>go env -w</c>), then Go's
/// default.
/// </summary>
/// <remarks>
/// <see cref="ToolSettings.ToolPath"/> names the <c>go</c> executable (or its folder); unset, the engine looks
/// in GOROOT/bin, then on PATH. Cake's tool registration is not needed for Go.
/// <see cref="ToolSettings.ToolTimeout"/> limits each <c>go</c> process. Relative paths resolve against
/// <see cref="ToolSettings.WorkingDirectory"/>, else the script's working directory.
/// </remarks>
public sealed class GoMirrorSettings : ToolSettings
{
    /// <summary>GOPROXY: the proxy list, for example <c>https://goproxy.corp.example|https://proxy.golang.org,direct</c>.</summary>
    public string? Proxy { get; set; }

    /// <summary>GOPRIVATE: module path patterns that are private (default of GONOPROXY and GONOSUMDB).</summary>
    public string? Private { get; set; }

    /// <summary>GONOPROXY: module path patterns fetched directly, never through a proxy.</summary>
    public string? NoProxy { get; set; }

    /// <summary>GONOSUMDB: module path patterns not checked against the checksum database.</summary>
    public string? NoSumDb { get; set; }

    /// <summary>GOSUMDB: the checksum database (<c>sum.golang.org</c>, <c>name+key url</c>, or <c>off</c>).</summary>
    public string? SumDb { get; set; }

    /// <summary>GOINSECURE: module path patterns whose direct fetches may use plain HTTP.</summary>
    public string? Insecure { get; set; }

    /// <summary>GOFLAGS: default flags of the go command, for example <c>-mod=mod</c>.</summary>
    public string? Flags { get; set; }

    /// <summary>GOMODCACHE: the module cache folder, an absolute path as Go requires.</summary>
    public string? ModCache { get; set; }

    /// <summary>GOTOOLCHAIN (Go 1.21+): which toolchain the go command runs: <c>local</c>, <c>auto</c>, <c>path</c>,
    /// a name such as <c>go1.23.5</c>, or a name followed by <c>+auto</c> or <c>+path</c>.</summary>
    public string? Toolchain { get; set; }

    /// <summary>Concurrent proxy requests while pre-warming; 0 uses the engine's default.</summary>
    public int MaxParallel { get; set; }

    /// <summary>Seconds a connection to a proxy (TCP and TLS) may take to set up; 0 uses the default (10).</summary>
    public int ConnectTimeout { get; set; }

    /// <summary>Seconds a proxy request may wait for its response headers; 0 uses the default (30).</summary>
    public int FirstByteTimeout { get; set; }

    /// <summary>Seconds a response body may stall with no data at all; 0 uses the default (30). A slow but steady
    /// download is never cut off.</summary>
    public int IdleTimeout { get; set; }

    /// <summary>Unset or true: a slow <c>|</c> entry is hedged to the next one and a mirror that keeps failing is
    /// skipped for the rest of the run. False: each entry is asked only after the one before it failed, as Go does.
    /// The timeouts apply either way.</summary>
    public bool? Failover { get; set; }

    /// <summary>Where reports go; unset uses <c>&lt;repository root&gt;/artifacts/gomirror</c>.</summary>
    public DirectoryPath? ReportDir { get; set; }

    /// <summary>The report formats, for example <c>json;markdown;junit;cyclonedx;codequality</c>; unset writes <c>json;markdown</c>.</summary>
    public string? ReportFormats { get; set; }

    /// <summary>Also prove that every component downloads with <c>GOPROXY=off</c> once the cache is warm.</summary>
    public bool Offline { get; set; }

    /// <summary>Also check every go.sum line against the checksum database, not only the versions go.sum lacks.</summary>
    public bool SumDbVerifyAll { get; set; }

    /// <summary>The severity of GOMIRROR0909 (a version neither go.sum nor the checksum database vouches for):
    /// <c>error</c>, <c>warning</c> or <c>info</c>. Unset is <c>warning</c>.</summary>
    public string? SumDbUnverifiedSeverity { get; set; }

    /// <summary>Routes: <c>pattern=proxy-list</c> entries separated by <c>;</c>, for example
    /// <c>git.corp.example/*=https://athens.corp.example</c>. A module path takes its route's list (an exact pattern,
    /// else the longest <c>prefix*</c>) instead of GOPROXY; GONOPROXY/GOPRIVATE still win. <see cref="GoMirrorSettingsExtensions.WithRoute"/> adds one.</summary>
    public string? Routes { get; set; }

    /// <summary>The profile of the policy file (<c>gomirror.json</c>) to use; unset for <c>GOMIRROR_PROFILE</c>, else the
    /// file's <c>ciProfile</c> when <c>CI=true</c>, else its <c>defaultProfile</c>.</summary>
    public string? Profile { get; set; }

    /// <summary>The policy file; unset for the nearest <c>gomirror.json</c> above the first component, <c>none</c> for no file.</summary>
    public string? PolicyFile { get; set; }

    /// <summary>The mirrors <c>GoMirrorProbe</c> measures: GOPROXY entries or lists separated by <c>;</c>. Unset
    /// probes the URL entries of GOPROXY.</summary>
    public string? ProbeProxies { get; set; }

    /// <summary>A Go version (<c>1.23.5</c>) to fetch through the mirror, verified, and run instead of an installed Go.</summary>
    public string? GoVersion { get; set; }

    /// <summary>Also probe the public mirrors the documentation lists.</summary>
    public bool ProbeKnown { get; set; }

    /// <summary>A previous <c>gomirror-report.json</c> to compare with (drift findings).</summary>
    public FilePath? BaselineReport { get; set; }

    /// <summary>The severity of each kind of drift against <see cref="BaselineReport"/>: <c>Kind=severity</c>
    /// entries separated by <c>;</c>, for example <c>VersionChanged=error;HashChanged=warning</c>. Kinds:
    /// <c>ModuleAdded</c>, <c>ModuleRemoved</c>, <c>VersionChanged</c>, <c>HashChanged</c>, <c>PolicyChanged</c>,
    /// <c>GoVersionChanged</c>; severities: <c>error</c>, <c>warning</c>, <c>info</c>. Unset keeps each kind's default.</summary>
    public string? DriftSeverity { get; set; }

    /// <summary>GOAUTH for the pre-warm and the go command (Go 1.24's list: <c>off</c>, <c>netrc</c>,
    /// <c>git &lt;dir&gt;</c>, commands, separated by <c>;</c>). Unset uses the <c>GOAUTH</c> environment variable,
    /// else netrc.</summary>
    public string? Auth { get; set; }

    /// <summary>The name of the environment variable (for example <c>GOPROXY_TOKEN</c>) whose value is the https
    /// proxies' credential: <c>user:token</c> (Basic) or a bare token (Bearer). Never the secret itself.</summary>
    public string? ProxyTokenVariable { get; set; }

    /// <summary>The CI matrix leg in the report folder's name (<c>gomirror-&lt;job&gt;-&lt;leg&gt;</c>); wins over
    /// the <c>GOMIRROR_REPORT_LEG</c> environment variable. Unset uses that variable, else on GitHub Actions the
    /// runner's OS and architecture.</summary>
    public string? ReportLeg { get; set; }

    /// <summary>The NuGet feed of module sets the pre-warm asks first: a v3 feed URL (<c>https://.../index.json</c>),
    /// an absolute folder (a folder feed), or the name of a package source in nuget.config. Unset: no feed.</summary>
    public string? ModuleSetSource { get; set; }

    /// <summary>After a pre-warm that downloaded anything from the mirrors, push the components' module sets to
    /// <see cref="ModuleSetSource"/>; a failed push is a warning.</summary>
    public bool ModuleSetPush { get; set; }

    /// <summary>Where <c>GoMirrorPackModules</c> writes the packages. Unset: <c>&lt;repository root&gt;/artifacts/modulesets</c>.</summary>
    public DirectoryPath? ModuleSetOutput { get; set; }

    /// <summary>The name of the environment variable holding the feed's API key for a push (for example
    /// <c>NUGET_API_KEY</c>); never the key itself. Unset: nuget.config's <c>apikeys</c>.</summary>
    public string? ModuleSetApiKeyVariable { get; set; }

    /// <summary>The nuget.config that names <see cref="ModuleSetSource"/> and its credentials. Unset: the
    /// nuget.config files that apply to the repository root.</summary>
    public FilePath? ModuleSetConfigFile { get; set; }
}
