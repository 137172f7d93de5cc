using GoMirror.Core.Diagnostics;
using GoMirror.Core.Security;

namespace GoMirror.Core.Policy;

/// <summary>
/// The Go mirror policy as the go command will apply it: every setting resolved with its source, the proxy
/// list parsed, the path patterns ready to match, and what is wrong with it. Build one with
/// <see cref="Resolve(GoPolicyHost, Engine.GoMirrorOptions)"/>; do not download anything when <see cref="HasErrors"/> is true.
/// </summary>
public sealed class GoMirrorPolicy
{
    internal GoMirrorPolicy(
        IReadOnlyDictionary<string, ResolvedSetting> settings,
        IReadOnlyList<ProxyEntry> proxyList,
        ChecksumDatabase? checksumDatabase,
        IReadOnlyList<string> flagWords,
        string? envFilePath,
        IReadOnlyList<Diagnostic> diagnostics,
        ProxyRouteTable? routes = null)
    {
        Proxy = settings[PolicyVariables.GoProxy];
        Private = settings[PolicyVariables.GoPrivate];
        NoProxy = settings[PolicyVariables.GoNoProxy];
        NoSumDb = settings[PolicyVariables.GoNoSumDb];
        SumDb = settings[PolicyVariables.GoSumDb];
        Insecure = settings[PolicyVariables.GoInsecure];
        Flags = settings[PolicyVariables.GoFlags];
        ModCache = settings[PolicyVariables.GoModCache];
        GoPath = settings[PolicyVariables.GoPath];
        Toolchain = settings[PolicyVariables.GoToolchain];
        ProxyList = proxyList;
        ChecksumDatabase = checksumDatabase;
        FlagWords = flagWords;
        EnvFilePath = envFilePath;
        Diagnostics = diagnostics;
        PrivatePatterns = ModulePathPatterns.Parse(Private.Value);
        NoProxyPatterns = ModulePathPatterns.Parse(NoProxy.Value);
        NoSumDbPatterns = ModulePathPatterns.Parse(NoSumDb.Value);
        InsecurePatterns = ModulePathPatterns.Parse(Insecure.Value);
        Redactor = new CredentialRedactor();
        Redactor.AddSecretsFromUrl(Proxy.Value);
        Redactor.AddSecretsFromUrl(SumDb.Value);
        RouteTable = routes ?? ProxyRouteTable.Empty;
        foreach (var route in RouteTable.Routes)
        {
            Redactor.AddSecretsFromUrl(route.Proxy);
        }
    }

    /// <summary>GOPROXY as written (may carry credentials), default <see cref="ProxyListParser.GoDefault"/>.</summary>
    public ResolvedSetting Proxy { get; }

    /// <summary>GOPRIVATE, default empty.</summary>
    public ResolvedSetting Private { get; }

    /// <summary>GONOPROXY; <see cref="SettingSourceKind.Derived"/> from GOPRIVATE when unset.</summary>
    public ResolvedSetting NoProxy { get; }

    /// <summary>GONOSUMDB; <see cref="SettingSourceKind.Derived"/> from GOPRIVATE when unset.</summary>
    public ResolvedSetting NoSumDb { get; }

    /// <summary>GOSUMDB, default <c>sum.golang.org</c>.</summary>
    public ResolvedSetting SumDb { get; }

    /// <summary>GOINSECURE, default empty.</summary>
    public ResolvedSetting Insecure { get; }

    /// <summary>GOFLAGS, default empty.</summary>
    public ResolvedSetting Flags { get; }

    /// <summary>GOMODCACHE; <see cref="SettingSourceKind.Derived"/> as <c>GOPATH[0]/pkg/mod</c> when unset.</summary>
    public ResolvedSetting ModCache { get; }

    /// <summary>GOPATH, default <c>$HOME/go</c> (<c>%USERPROFILE%\go</c> on Windows).</summary>
    public ResolvedSetting GoPath { get; }

    /// <summary>GOTOOLCHAIN (Go 1.21+) with Go's precedence: explicit, environment, the user's env file,
    /// <c>$GOROOT/go.env</c> (<c>auto</c>); empty when none of them sets it (Go 1.19 and 1.20 do not know it). It is
    /// passed to every go process, so a <c>go env -w GOTOOLCHAIN=local</c> holds there too.</summary>
    public ResolvedSetting Toolchain { get; }

    /// <summary>The <c>$GOROOT/go.env</c> that gave defaults (Go 1.21+), or null when none was read.</summary>
    public string? GoRootEnvFilePath { get; internal init; }

    /// <summary>Every resolved setting: the nine policy variables, then GOPATH.</summary>
    public IReadOnlyList<ResolvedSetting> Settings => [Proxy, Private, NoProxy, NoSumDb, SumDb, Insecure, Flags, ModCache, Toolchain, GoPath];

    /// <summary>The parsed GOPROXY list (without Go's implicit GONOPROXY entry: use <see cref="ProxiesFor"/>);
    /// empty when GOPROXY is invalid.</summary>
    internal IReadOnlyList<ProxyEntry> ProxyList { get; }

    /// <summary>The GOPROXY entries as a person may see them (credentials masked), in order.</summary>
    public IReadOnlyList<string> ProxyDisplayNames => [.. ProxyList.Select(p => p.DisplayName)];

    /// <summary>The parsed GOSUMDB; null when it is invalid (see <see cref="Diagnostics"/>).</summary>
    internal ChecksumDatabase? ChecksumDatabase { get; }

    /// <summary>GOFLAGS split into words.</summary>
    public IReadOnlyList<string> FlagWords { get; }

    /// <summary>GOPRIVATE as patterns.</summary>
    internal ModulePathPatterns PrivatePatterns { get; }

    /// <summary>The effective GONOPROXY as patterns.</summary>
    internal ModulePathPatterns NoProxyPatterns { get; }

    /// <summary>The effective GONOSUMDB as patterns.</summary>
    internal ModulePathPatterns NoSumDbPatterns { get; }

    /// <summary>GOINSECURE as patterns.</summary>
    internal ModulePathPatterns InsecurePatterns { get; }

    /// <summary>The routes: module path patterns with their own proxy lists (exact path, then the longest prefix,
    /// then GOPROXY); GONOPROXY wins over every route.</summary>
    internal ProxyRouteTable RouteTable { get; }

    /// <summary>The routes as a person may see them (credentials masked): pattern and proxy list, sorted by pattern.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Routes => [.. RouteTable.Routes.Select(r => KeyValuePair.Create(r.Pattern, r.DisplayProxy))];

    /// <summary>The policy file (gomirror.json) that was read, or null when there was none.</summary>
    public string? PolicyFilePath { get; internal init; }

    /// <summary>The Go variables the policy file gave (its selected profile over its common values), whether or not an
    /// explicit setting overrode them.</summary>
    internal IReadOnlyList<ExplicitSetting> PolicyFileSettings { get; init; } = [];

    /// <summary>The profile of the policy file in use, or null for none.</summary>
    public string? Profile { get; internal init; }

    /// <summary>What selected <see cref="Profile"/>: <c>GoMirrorProfile</c>, the <c>GOMIRROR_PROFILE</c> environment
    /// variable, the file's <c>ciProfile</c> (CI=true) or <c>defaultProfile</c>; null when no profile is in use.</summary>
    public string? ProfileSelectedBy { get; internal init; }

    /// <summary>The Go env file that was read, or null when none was (GOENV=off, no config directory).</summary>
    public string? EnvFilePath { get; }

    /// <summary>What is wrong with the policy or worth knowing, in a stable order; messages are redacted.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when any diagnostic is an error: Go would fail with this policy.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>A redactor that knows the credentials in GOPROXY and GOSUMDB, also in decoded form: pass
    /// every text about a proxy or the checksum database through it before it is shown.</summary>
    public CredentialRedactor Redactor { get; }

    /// <summary>Resolves the policy of <paramref name="host"/> with Go's precedence: explicit settings, then
    /// non-empty environment variables, then Go's env file, then Go's defaults.</summary>
    /// <param name="host">The environment and operating system to resolve against.</param>
    /// <param name="explicitSettings">Values set by the build (MSBuild properties, Cake settings); an empty
    /// value counts as unset. Each name must be one of <see cref="PolicyVariables.All"/>.</param>
    /// <exception cref="ArgumentException">An explicit setting names a variable that is not a policy variable.</exception>
    internal static GoMirrorPolicy Resolve(GoPolicyHost host, IEnumerable<ExplicitSetting>? explicitSettings = null) =>
        new PolicyResolver(host, explicitSettings ?? []).Resolve();

    /// <summary>Resolves the policy of <paramref name="host"/> with the policy settings of <paramref name="options"/>
    /// (a host's settings as <see cref="GoMirror.Core.Settings.SettingTable.ToOptions"/> applies them) winning over the environment,
    /// Go's env file and Go's defaults; the defaults are those of the Go that <paramref name="options"/> runs (its GOROOT's
    /// <c>go.env</c> for Go 1.21 and later).</summary>
    public static GoMirrorPolicy Resolve(GoPolicyHost host, Engine.GoMirrorOptions options)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        var go = new GoCommand.GoExecutableLocator(GoCommand.GoLocatorEnvironment.Of(host)).Locate(options.GoExecutable);
        var withGoRoot = GoCommand.GoRootFinder.ForGo(host, go.ExecutablePath);
        var inputs = new DiagnosticBag();
        var file = PolicyFileSelection.Select(withGoRoot, options.PolicyFile, options.Profile, PolicySearchStart(options), inputs);
        var routes = ProxyRouteTable.ParseText(options.Routes, new SourceLocation("GoMirrorRoutes"), inputs);
        return new PolicyResolver(withGoRoot, options.PolicySettings, file, routes, inputs.ToList()).Resolve();
    }

    // global.json is found from the current folder; a build names its components, so the search starts at the first
    // one's folder (inside the repository whose root holds gomirror.json) unless the repository root is given.
    private static string? PolicySearchStart(Engine.GoMirrorOptions options)
    {
        if (options.RepositoryRoot is { Length: > 0 } root)
        {
            return root;
        }

        var first = options.GoModules.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p));
        if (first is null)
        {
            return null;
        }

        var full = Path.GetFullPath(first);
        return Directory.Exists(full) ? full : Path.GetDirectoryName(full);
    }

    /// <summary>True when GONOPROXY (by default GOPRIVATE) matches <paramref name="modulePath"/>: the module
    /// must never be requested from any proxy; the go command fetches it directly.</summary>
    public bool BypassesProxy(string modulePath) => NoProxyPatterns.Matches(modulePath);

    /// <summary>The proxy entries to try for <paramref name="modulePath"/>, in order: none when it
    /// <see cref="BypassesProxy"/> (Go answers such lookups from version control only), otherwise its route's list
    /// (<see cref="RouteFor"/>), otherwise <see cref="ProxyList"/>.</summary>
    internal IReadOnlyList<ProxyEntry> ProxiesFor(string modulePath) =>
        BypassesProxy(modulePath) ? [] : RouteTable.RouteFor(modulePath)?.Entries ?? ProxyList;

    /// <summary>The route that serves <paramref name="modulePath"/>; null when GOPROXY does, or when GONOPROXY sends
    /// it direct (GONOPROXY wins over every route).</summary>
    internal ProxyRoute? RouteFor(string modulePath) => BypassesProxy(modulePath) ? null : RouteTable.RouteFor(modulePath);

    /// <summary>Every proxy entry the policy may ask: GOPROXY's, then each route's.</summary>
    internal IEnumerable<ProxyEntry> AllProxyEntries => ProxyList.Concat(RouteTable.Routes.SelectMany(r => r.Entries));

    /// <summary>True when downloads of <paramref name="modulePath"/> not covered by go.sum are checked
    /// against the checksum database: GOSUMDB is not <c>off</c> and GONOSUMDB does not match.</summary>
    public bool UsesChecksumDatabase(string modulePath) => SumDb.Value != "off" && !NoSumDbPatterns.Matches(modulePath);

    /// <summary>True when GOINSECURE matches <paramref name="modulePath"/>: the go command's direct fetches of
    /// it may use plain HTTP and skip certificate checks. It does not affect proxies or the checksum database.</summary>
    public bool IsInsecure(string modulePath) => InsecurePatterns.Matches(modulePath);

    /// <summary>
    /// The variables to give a <c>go</c> process so that it applies exactly this policy, whatever its own
    /// environment and env file say: GOPROXY, GOPRIVATE, the effective GONOPROXY and GONOSUMDB, GOSUMDB,
    /// GOINSECURE, GOFLAGS, GOMODCACHE and GOPATH, and GOTOOLCHAIN when it resolves to a value, sorted by name.
    /// Values carry credentials: never log them.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToGoEnvironment()
    {
        // An empty GOTOOLCHAIN is left out: a Go 1.21+ process then reads its own $GOROOT/go.env, as at a prompt.
        // A SortedList over strings: its generic code ships precompiled, a SortedDictionary's does not (finding 13).
        var environment = new SortedList<string, string>(StringComparer.Ordinal);
        foreach (var setting in Settings)
        {
            if (setting != Toolchain || !setting.IsEmpty)
            {
                environment.Add(setting.Name, setting.Value);
            }
        }

        return environment;
    }
}
