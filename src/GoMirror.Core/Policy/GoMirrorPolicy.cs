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
        IReadOnlyList<Diagnostic> diagnostics)
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

    /// <summary>GOTOOLCHAIN (Go 1.21+) with Go's precedence: environment, the user's env file, <c>$GOROOT/go.env</c>
    /// (<c>auto</c>); empty for Go 1.19 and 1.20, which do not know it. Not a policy setting of its own: it is passed
    /// to every go process, so a <c>go env -w GOTOOLCHAIN=local</c> holds there too.</summary>
    public ResolvedSetting Toolchain { get; internal init; } = new(PolicyResolver.GoToolchainVariable, string.Empty, new SourceLocation("Go default of GOTOOLCHAIN"), SettingSourceKind.Default);

    /// <summary>The <c>$GOROOT/go.env</c> that gave defaults (Go 1.21+), or null when none was read.</summary>
    public string? GoRootEnvFilePath { get; internal init; }

    /// <summary>Every resolved setting: the eight policy variables, then GOPATH.</summary>
    public IReadOnlyList<ResolvedSetting> Settings => [Proxy, Private, NoProxy, NoSumDb, SumDb, Insecure, Flags, ModCache, GoPath];

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
        return Resolve(GoCommand.GoRootFinder.ForGo(host, go.ExecutablePath), options.PolicySettings);
    }

    /// <summary>True when GONOPROXY (by default GOPRIVATE) matches <paramref name="modulePath"/>: the module
    /// must never be requested from any proxy; the go command fetches it directly.</summary>
    public bool BypassesProxy(string modulePath) => NoProxyPatterns.Matches(modulePath);

    /// <summary>The proxy entries to try for <paramref name="modulePath"/>, in order: none when it
    /// <see cref="BypassesProxy"/> (Go answers such lookups from version control only), otherwise
    /// <see cref="ProxyList"/>.</summary>
    internal IReadOnlyList<ProxyEntry> ProxiesFor(string modulePath) => BypassesProxy(modulePath) ? [] : ProxyList;

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
        var variables = new SortedDictionary<string, string>(Settings.ToDictionary(s => s.Name, s => s.Value), StringComparer.Ordinal);
        if (!Toolchain.IsEmpty)
        {
            variables[Toolchain.Name] = Toolchain.Value;
        }

        return variables;
    }
}
