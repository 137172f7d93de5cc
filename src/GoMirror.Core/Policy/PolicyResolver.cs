using GoMirror.Core.Diagnostics;
using GoMirror.Core.Security;

namespace GoMirror.Core.Policy;

/// <summary>
/// Resolves the policy variables with Go's precedence (cmd/go/internal/cfg: <c>Getenv</c>, <c>envOr</c>,
/// <c>initEnvCache</c>) with explicit build settings on top, then checks the result: explicit, environment,
/// the user's env file, then (Go 1.21 and later) <c>$GOROOT/go.env</c>, then what is compiled into Go.
/// </summary>
internal sealed class PolicyResolver
{
    private readonly GoPolicyHost _host;
    private readonly GoEnvFile _envFile;
    private readonly GoEnvFile? _goRootEnv;
    private readonly Dictionary<string, ExplicitSetting> _explicit = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExplicitSetting> _profile = new(StringComparer.Ordinal);
    private readonly PolicyFileSelection _file;
    private readonly IReadOnlyList<RouteSetting> _explicitRoutes;
    private readonly Dictionary<string, ResolvedSetting> _settings = new(StringComparer.Ordinal);
    private readonly DiagnosticBag _diagnostics = new();

    public PolicyResolver(GoPolicyHost host, IEnumerable<ExplicitSetting> explicitSettings, PolicyFileSelection? file = null, IReadOnlyList<RouteSetting>? explicitRoutes = null, IEnumerable<Diagnostic>? inputDiagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(explicitSettings);
        _host = host;
        _file = file ?? PolicyFileSelection.None;
        _explicitRoutes = explicitRoutes ?? [];
        _diagnostics.AddRange(inputDiagnostics ?? []);
        foreach (var setting in _file.Settings.Where(s => !string.IsNullOrEmpty(s.Value)))
        {
            _profile[setting.Name] = setting;
        }

        foreach (var setting in explicitSettings)
        {
            if (!PolicyVariables.IsPolicyVariable(setting.Name))
            {
                throw new ArgumentException(
                    $"'{setting.Name}' is not a Go policy variable; use one of {string.Join(", ", PolicyVariables.All)}.",
                    nameof(explicitSettings));
            }

            if (!string.IsNullOrEmpty(setting.Value))
            {
                _explicit[setting.Name] = setting;
            }
        }

        _envFile = GoEnvFile.Load(host);
        _goRootEnv = GoEnvFile.LoadGoRootDefaults(host);
    }

    public GoMirrorPolicy Resolve()
    {
        Set(Lookup(PolicyVariables.GoProxy) ?? CompiledDefault(PolicyVariables.GoProxy, ProxyListParser.GoDefault));
        Set(Lookup(PolicyVariables.GoSumDb) ?? CompiledDefault(PolicyVariables.GoSumDb, ChecksumDatabase.GoDefault));
        var goPrivate = Set(Lookup(PolicyVariables.GoPrivate) ?? Default(PolicyVariables.GoPrivate, string.Empty));
        Set(Lookup(PolicyVariables.GoNoProxy) ?? FromPrivate(PolicyVariables.GoNoProxy, goPrivate));
        Set(Lookup(PolicyVariables.GoNoSumDb) ?? FromPrivate(PolicyVariables.GoNoSumDb, goPrivate));
        Set(Lookup(PolicyVariables.GoInsecure) ?? Default(PolicyVariables.GoInsecure, string.Empty));
        Set(Lookup(PolicyVariables.GoFlags) ?? Default(PolicyVariables.GoFlags, string.Empty));
        var goPath = Set(Lookup(PolicyVariables.GoPath) ?? DefaultGoPath());
        Set(Lookup(PolicyVariables.GoModCache) ?? ModCacheFromGoPath(goPath));
        Set(Lookup(GoToolchainVariable) ?? CompiledDefault(GoToolchainVariable, string.Empty));

        var proxy = _settings[PolicyVariables.GoProxy];
        IReadOnlyList<ProxyEntry> proxyList = [];
        if (proxy.IsEmpty)
        {
            ReportEmpty(proxy, "every module lookup fails: \"GOPROXY list is not the empty string, but contains no entries\"", PolicyDiagnostics.MalformedProxyList);
        }
        else
        {
            proxyList = ProxyListParser.Parse(proxy.Value, proxy.Location, _host.OperatingSystem, _diagnostics);
        }

        var sumDb = _settings[PolicyVariables.GoSumDb];
        ChecksumDatabase? checksumDatabase = null;
        if (sumDb.IsEmpty)
        {
            ReportEmpty(sumDb, "every download not yet in go.sum fails: \"missing GOSUMDB\"", PolicyDiagnostics.MalformedChecksumDatabase);
        }
        else
        {
            checksumDatabase = ChecksumDatabase.Parse(sumDb.Value, sumDb.Location, _diagnostics);
        }

        CheckPatterns();
        var flags = _settings[PolicyVariables.GoFlags];
        var flagWords = GoFlags.Parse(flags.Value, flags.Location, _diagnostics);
        CheckModuleCache();
        CheckPrivatePathsSkipChecksumDatabase();
        ExplainProxyList(proxyList);
        CheckVariableNames();
        var routes = ProxyRouteTable.Create(_explicitRoutes, _file.Routes, _host.OperatingSystem, _diagnostics);
        CheckRoutes(routes);
        return new GoMirrorPolicy(_settings, proxyList, checksumDatabase, flagWords, _envFile.Path, _diagnostics.ToList(), routes)
        {
            GoRootEnvFilePath = _goRootEnv?.Path,
            PolicyFilePath = _file.FilePath,
            Profile = _file.ProfileName,
            ProfileSelectedBy = _file.SelectedBy,
            PolicyFileSettings = _file.Settings,
        };
    }

    /// <summary>GOTOOLCHAIN (Go 1.21+), resolved with the same precedence as the other policy variables, so the go
    /// processes the engine starts (with GOENV=off) switch exactly as Go at a prompt would.</summary>
    internal const string GoToolchainVariable = PolicyVariables.GoToolchain;

    // Only Go 1.21+ (a $GOROOT/go.env) can leave GOPROXY or GOSUMDB empty: a line in the user's env file
    // with no value hides go.env's, and Go then has nothing (cfg.readEnvFile keeps the user's key).
    private void ReportEmpty(ResolvedSetting setting, string consequence, DiagnosticDescriptor descriptor) =>
        _diagnostics.Add(descriptor.Create(
            $"{setting.Name} is empty ({setting.Location.Description}): Go 1.21 and later take its default from {_goRootEnv?.Path ?? "$GOROOT/go.env"} only when nothing else names {setting.Name}, so {consequence}.",
            setting.Location,
            $"Remove the empty line (go env -u {setting.Name}) or give {setting.Name} a value."));

    private ResolvedSetting Set(ResolvedSetting setting) => _settings[setting.Name] = setting;

    // Go's Getenv: a non-empty environment variable, else the env file. An explicit setting comes first.
    private ResolvedSetting? Lookup(string name)
    {
        if (_explicit.TryGetValue(name, out var set))
        {
            return new ResolvedSetting(name, set.Value!, set.Location, SettingSourceKind.Explicit);
        }

        if (_profile.TryGetValue(name, out var fromFile))
        {
            return new ResolvedSetting(name, fromFile.Value!, fromFile.Location, SettingSourceKind.Profile);
        }

        if (_host.Get(name) is { } value)
        {
            return new ResolvedSetting(name, value, new SourceLocation("environment variable " + name), SettingSourceKind.Environment);
        }

        if (_envFile.Entries.TryGetValue(name, out var entry))
        {
            var location = new SourceLocation($"{name} in Go env file", _envFile.Path, entry.Line);
            if (entry.Value.Length > 0)
            {
                return new ResolvedSetting(name, entry.Value, location, SettingSourceKind.EnvFile);
            }

            // An empty line is as good as unset (envOr falls back to the default), except that since Go 1.21
            // it still hides the line of $GOROOT/go.env: Go then uses the empty string.
            if (_goRootEnv is not null && _goRootEnv.Entries.ContainsKey(name))
            {
                return new ResolvedSetting(name, string.Empty, location, SettingSourceKind.EnvFile);
            }
        }

        return _goRootEnv is not null && _goRootEnv.Entries.TryGetValue(name, out var line) && line.Value.Length > 0
            ? new ResolvedSetting(name, line.Value, new SourceLocation($"{name} in $GOROOT/go.env", _goRootEnv.Path, line.Line), SettingSourceKind.Default)
            : null;
    }

    private static ResolvedSetting Default(string name, string value) =>
        new(name, value, new SourceLocation("Go default of " + name), SettingSourceKind.Default);

    // Go 1.19 and 1.20 compile the defaults of GOPROXY and GOSUMDB in; Go 1.21 and later compile in nothing and
    // read them (and GOTOOLCHAIN=auto) from $GOROOT/go.env, so a go.env without the line leaves them empty.
    private ResolvedSetting CompiledDefault(string name, string beforeGoEnv) => _goRootEnv is null
        ? Default(name, beforeGoEnv)
        : new ResolvedSetting(name, string.Empty, new SourceLocation($"Go default of {name} (no line in {_goRootEnv.Path})"), SettingSourceKind.Default);

    private static ResolvedSetting FromPrivate(string name, ResolvedSetting goPrivate) => goPrivate.IsEmpty
        ? Default(name, string.Empty)
        : new ResolvedSetting(name, goPrivate.Value, DerivedLocation(name, goPrivate), SettingSourceKind.Derived);

    private static SourceLocation DerivedLocation(string name, ResolvedSetting from) =>
        new($"{name} from {from.Name} ({from.Location.Description})", from.Location.File, from.Location.Line, from.Location.Column);

    private ResolvedSetting DefaultGoPath() => _host.HomeDirectory is { } home
        ? Default(PolicyVariables.GoPath, GoFilePath.Join(_host.OperatingSystem, home, "go"))
        : Default(PolicyVariables.GoPath, string.Empty);

    // gopathDir("pkg/mod"): the first GOPATH element, or nothing when that element is empty.
    private ResolvedSetting ModCacheFromGoPath(ResolvedSetting goPath)
    {
        var first = GoFilePath.SplitList(_host.OperatingSystem, goPath.Value).FirstOrDefault() ?? string.Empty;
        return first.Length == 0
            ? Default(PolicyVariables.GoModCache, string.Empty)
            : new ResolvedSetting(PolicyVariables.GoModCache, GoFilePath.Join(_host.OperatingSystem, first, "pkg", "mod"), DerivedLocation(PolicyVariables.GoModCache, goPath), SettingSourceKind.Derived);
    }

    private void CheckPatterns()
    {
        foreach (var name in new[] { PolicyVariables.GoPrivate, PolicyVariables.GoNoProxy, PolicyVariables.GoNoSumDb, PolicyVariables.GoInsecure })
        {
            var setting = _settings[name];
            if (setting.Kind == SettingSourceKind.Derived)
            {
                continue; // Reported once, on GOPRIVATE.
            }

            foreach (var glob in ModulePathPatterns.Parse(setting.Value).MalformedGlobs)
            {
                _diagnostics.Add(PolicyDiagnostics.MalformedPattern.Create(
                    $"{name} pattern '{CredentialRedactor.RedactText(glob)}' is malformed (Go's path.Match reports a syntax error), so Go ignores it: the paths it was meant for are treated as if it were not there.",
                    setting.Location));
            }
        }
    }

    private void CheckModuleCache()
    {
        var os = _host.OperatingSystem;
        var goPath = _settings[PolicyVariables.GoPath];
        var goPathReported = false;
        if (goPath.Kind != SettingSourceKind.Default)
        {
            // Go stops on a relative element of a GOPATH someone set; an inferred one it quietly drops.
            foreach (var element in GoFilePath.SplitList(os, goPath.Value).Where(e => e.Length > 0 && !GoFilePath.IsAbs(os, e)))
            {
                _diagnostics.Add(PolicyDiagnostics.RelativeModuleCache.Create(
                    $"GOPATH entry '{CredentialRedactor.RedactText(element)}' is relative{(element.StartsWith('~') ? " ('~' is not expanded: only a shell does that)" : string.Empty)}; the go command refuses to run.",
                    goPath.Location));
                goPathReported = true;
            }
        }

        var modCache = _settings[PolicyVariables.GoModCache];
        if (modCache.IsEmpty)
        {
            _diagnostics.Add(PolicyDiagnostics.ModuleCacheUnknown.Create(
                $"GOMODCACHE is not set, and GOPATH gives no directory ({(goPath.IsEmpty ? (os == GoHostOS.Windows ? "USERPROFILE" : "HOME") + " is not set either" : "its first element is empty")}).",
                modCache.Location));
        }
        else if (!GoFilePath.IsAbs(os, modCache.Value) && !(goPathReported && modCache.Kind == SettingSourceKind.Derived))
        {
            _diagnostics.Add(PolicyDiagnostics.RelativeModuleCache.Create(
                $"GOMODCACHE '{CredentialRedactor.RedactText(modCache.Value)}' is a relative path; Go requires an absolute one.",
                modCache.Location));
        }
    }

    // The classic leak: GONOPROXY sends a private path straight to VCS, but without GONOSUMDB the go command
    // still asks the public checksum database about it.
    private void CheckPrivatePathsSkipChecksumDatabase()
    {
        var sumDb = _settings[PolicyVariables.GoSumDb];
        if (sumDb.Value == "off")
        {
            return;
        }

        var noProxy = _settings[PolicyVariables.GoNoProxy];
        var noSumDb = _settings[PolicyVariables.GoNoSumDb];
        var noSumDbPatterns = ModulePathPatterns.Parse(noSumDb.Value);
        foreach (var glob in ModulePathPatterns.Parse(noProxy.Value).Globs)
        {
            if (!GoPathGlob.IsWellFormed(glob) || IsSingleWord(glob) || noSumDbPatterns.Globs.Contains(glob) || noSumDbPatterns.Matches(glob))
            {
                continue;
            }

            var shown = CredentialRedactor.RedactText(glob);
            _diagnostics.Add(PolicyDiagnostics.PrivatePathSentToChecksumDatabase.Create(
                $"GONOPROXY pattern '{shown}' is not covered by GONOSUMDB ('{CredentialRedactor.RedactText(noSumDb.Value)}', from {noSumDb.Location.Description}): the go command fetches these modules directly but still looks their paths up in the public checksum database {CredentialRedactor.RedactText(sumDb.Value)}, which leaks them and fails (404/410 Gone).",
                noProxy.Location,
                $"Set GOPRIVATE={shown} (it defaults both GONOPROXY and GONOSUMDB), or add '{shown}' to GONOSUMDB."));
        }
    }

    // A word with no '.', '/' or glob character (GONOPROXY=none) can only match a one-element path without
    // a dot, which no downloadable module has: it cannot leak anything.
    private static bool IsSingleWord(string glob) => glob.AsSpan().IndexOfAny("./*?[\\") < 0;

    private void ExplainProxyList(IReadOnlyList<ProxyEntry> proxyList)
    {
        if (proxyList.Count == 0)
        {
            return;
        }

        var location = _settings[PolicyVariables.GoProxy].Location;
        if (proxyList[0].Kind == ProxyEntryKind.Off)
        {
            _diagnostics.Add(PolicyDiagnostics.ProxyOff.Create(
                "GOPROXY=off: no module is downloaded; builds use only what is already in the module cache, and a missing module fails with \"module lookup disabled by GOPROXY=off\".",
                location));
        }
        else if (proxyList[0].Kind == ProxyEntryKind.Direct)
        {
            _diagnostics.Add(PolicyDiagnostics.DirectOnly.Create(
                "GOPROXY=direct: the go command fetches every module from its version control repository; GoMirror has no proxy to pre-warm the module cache from.",
                location));
        }
    }

    // GONOPROXY wins over every route, so a route for private paths never sends them anywhere; one that names a public
    // mirror still says the author meant to, which is the leak this policy exists to stop.
    private void CheckRoutes(ProxyRouteTable routes)
    {
        if (routes.Routes.Count == 0)
        {
            return;
        }

        var privatePatterns = new[] { _settings[PolicyVariables.GoPrivate], _settings[PolicyVariables.GoNoProxy] }
            .Where(s => !s.IsEmpty)
            .SelectMany(s => ModulePathPatterns.Parse(s.Value).Globs.Where(GoPathGlob.IsWellFormed).Select(g => new PrivateGlob(g, s)))
            .ToList();
        foreach (var route in routes.Routes)
        {
            if (privatePatterns.FirstOrDefault(p => Overlaps(route, p.Glob)) is not { Setting: { } setting } match)
            {
                continue;
            }

            var shownGlob = CredentialRedactor.RedactText(match.Glob);
            if (route.Entries.FirstOrDefault(PublicProxies.IsPublic) is { } publicEntry)
            {
                _diagnostics.Add(PolicyDiagnostics.PrivateRouteToPublicProxy.Create(
                    $"route '{route.Pattern}' ({route.Location}) sends paths {setting.Name} '{shownGlob}' ({setting.Location.Description}) names to the public proxy {publicEntry.DisplayName}.",
                    route.Location));
            }
            else if (!route.IsPrefix || Overlaps(route, match.Glob, covers: true))
            {
                _diagnostics.Add(PolicyDiagnostics.RouteShadowedByNoProxy.Create(
                    $"route '{route.Pattern}' ({route.Location}) is never used: GONOPROXY ('{shownGlob}', {setting.Location.Description}) sends its paths to version control directly.",
                    route.Location));
            }
        }
    }

    // Whether a private glob matches paths the route serves: an exact route's path, or for a prefix route a path
    // just below its prefix or a glob written under the prefix. With covers, whether the glob matches all of them.
    private static bool Overlaps(ProxyRoute route, string glob, bool covers = false)
    {
        if (!route.IsPrefix)
        {
            return ModulePathPatterns.MatchesPrefix(glob, route.Pattern);
        }

        var prefix = route.Prefix;
        var sample = prefix.Length == 0 || prefix.EndsWith('/') || prefix.EndsWith('.') || prefix.EndsWith('-') ? prefix + "x" : prefix;
        if (covers)
        {
            return prefix.Length > 0 && ModulePathPatterns.MatchesPrefix(glob, prefix.TrimEnd('/', '.', '-')) && ModulePathPatterns.MatchesPrefix(glob, sample);
        }

        var literal = glob[..(glob.AsSpan().IndexOfAny("*?[\\") is var i and >= 0 ? i : glob.Length)];
        return ModulePathPatterns.MatchesPrefix(glob, sample) || literal.StartsWith(prefix, StringComparison.Ordinal);
    }

    private void CheckVariableNames()
    {
        foreach (var name in _host.Environment.Keys.Order(StringComparer.Ordinal))
        {
            ReportMisspelling(name, new SourceLocation("environment variable " + name));
        }

        foreach (var entry in _envFile.Entries.Values.OrderBy(e => e.Line))
        {
            ReportMisspelling(entry.Name, new SourceLocation($"{entry.Name} in Go env file", _envFile.Path, entry.Line));
        }
    }

    private void ReportMisspelling(string name, SourceLocation location)
    {
        if (GoVariableSpelling.MeantVariable(name, _host.OperatingSystem) is { } meant)
        {
            _diagnostics.Add(PolicyDiagnostics.UnknownGoVariable.Create(
                $"{name} is not a variable Go reads, so it has no effect; did you mean {meant}?",
                location,
                $"Rename {name} to {meant}."));
        }
    }

    // A GOPRIVATE or GONOPROXY glob and the setting that named it (a record: finding 13).
    private sealed record PrivateGlob(string Glob, ResolvedSetting Setting);
}
