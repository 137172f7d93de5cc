using GoMirror.Core.GoMod;
using GoMirror.Core.Security;
using GoMirror.Core.Auth;
using System.Globalization;
using GoMirror.Core.Ci;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoCommand;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.Policy;
using GoMirror.Core.Prewarm;
using GoMirror.Core.Proxy;
using GoMirror.Core.Reports;
using GoMirror.Core.Toolchain;

namespace GoMirror.Core.Engine;

/// <summary>
/// The options checked and resolved, once per engine: the policy (explicit settings over the environment over
/// Go's env file), the components' go.mod and go.sum, the repository root and report folder, the report formats
/// and drift severities, the module cache (with <c>-modcacherw</c>), the state folder and the go executable.
/// Every problem is a diagnostic in <see cref="Check"/>; nothing here touches the network or starts a process.
/// </summary>
internal sealed class EngineSetup
{
    public required GoMirrorOptions Options { get; init; }

    public required PolicyCheckResult Check { get; init; }

    public required GoPolicyHost Host { get; init; }

    public GoMirrorPolicy Policy => Check.Policy;

    public required IReadOnlyList<GoComponent> Components { get; init; }

    public required string RepositoryRoot { get; init; }

    public required string ReportDirectory { get; init; }

    public required ReportFormats Formats { get; init; }

    public required DriftOptions Drift { get; init; }

    /// <summary>The severity GOMIRROR0909 is reported with; null for its default (warning).</summary>
    public DiagnosticSeverity? UnverifiedSeverity { get; init; }

    public required GoLocation Go { get; init; }

    /// <summary>Each component's toolchain as the policy check predicted it (no process: the found Go's VERSION
    /// file), in component order; empty when it could not be predicted.</summary>
    public IReadOnlyList<ToolchainChoice> Toolchains { get; init; } = [];

    public GoModuleCache? Cache { get; init; }

    public EngineState? State { get; init; }

    /// <summary>netrc and GOAUTH, asked by the HTTP transport per request.</summary>
    public required CredentialSource Credentials { get; init; }

    /// <summary>GOAUTH as resolved (the option, else the environment); null for Go's default.</summary>
    public string? Auth { get; init; }

    /// <summary>The baseline report as an absolute path (relative to the repository root); null for none.</summary>
    public string? BaselinePath =>
        string.IsNullOrWhiteSpace(Options.BaselineReport) ? null : Path.GetFullPath(Options.BaselineReport, RepositoryRoot);

    /// <summary>The stamp of every input a step reads. The report folder's name, not the leg option alone:
    /// GOMIRROR_REPORT_LEG and the CI job name it too, and a report written to another folder must not count as
    /// up to date.</summary>
    public InputStamp Stamp()
    {
        var settings = string.Join("\n",
            ReportDirectory,
            ((int)Formats).ToString(CultureInfo.InvariantCulture),
            Options.Offline ? "offline" : "online",
            BaselinePath ?? "no baseline",
            DriftSeverityList.Describe(Drift),
            "sumdb unverified=" + (UnverifiedSeverity?.ToString() ?? "default") + (Options.SumDbVerifyAll ? ", verify all" : string.Empty),
            new CiEnvironment(Host.Get).ReportFolderName(Options.ReportLeg, Policy.Redactor),
            Options.Tool,
            RepositoryRoot);
        return InputStamp.Compute(Policy, Components, RepositoryRoot, Go.ExecutablePath, settings, BaselinePath, Toolchains);
    }

    /// <summary>The variables every go process the engine starts gets (before the start-up variables): exactly the
    /// policy's Go environment, the host's PATH (where the go command looks for a toolchain by name) and its
    /// credential and trust variables, as the pre-warm read them, and GOAUTH.</summary>
    public Dictionary<string, string> GoEnvironment() => GoEnvironmentOf(Policy, Host, Auth);

    private static Dictionary<string, string> GoEnvironmentOf(GoMirrorPolicy policy, GoPolicyHost host, string? auth)
    {
        var result = new Dictionary<string, string>(policy.ToGoEnvironment(), StringComparer.Ordinal);
        foreach (var name in (string[])["PATH", "NETRC", "SSL_CERT_FILE", "SSL_CERT_DIR"])
        {
            if (host.Get(name) is { } value)
            {
                result[name] = value;
            }
        }

        if (auth is { } goAuth)
        {
            result["GOAUTH"] = goAuth;
        }

        return result;
    }

    /// <summary>Resolves and checks everything the options name; problems are diagnostics in <see cref="Check"/>.</summary>
    public static EngineSetup Create(GoMirrorOptions options)
    {
        var diagnostics = new DiagnosticBag();
        var hostGiven = options.Host ?? GoPolicyHost.FromCurrentProcess();
        var go = new GoExecutableLocator(GoLocatorEnvironment.Of(hostGiven)).Locate(options.GoExecutable);

        // Go 1.21+ takes its defaults (GOPROXY, GOSUMDB, GOTOOLCHAIN) from the go.env of the GOROOT it runs from.
        var host = GoRootFinder.ForGo(hostGiven, go.ExecutablePath);
        GoMirrorPolicy policy;
        try
        {
            policy = GoMirrorPolicy.Resolve(host, options);
        }
        catch (ArgumentException e)
        {
            diagnostics.Add(EngineDiagnostics.InvalidOption.Create("PolicySettings: " + e.Message));
            policy = GoMirrorPolicy.Resolve(host);
        }

        diagnostics.AddRange(policy.Diagnostics);
        if (options.MaxParallel < 0)
        {
            diagnostics.Add(EngineDiagnostics.InvalidOption.Create(string.Create(CultureInfo.InvariantCulture, $"MaxParallel is {options.MaxParallel}; use a positive number, or 0 for the default ({ModulePrewarmer.DefaultMaxParallel}).")));
        }

        foreach (var (name, seconds) in new[] { ("GoMirrorConnectTimeout", options.ConnectTimeoutSeconds), ("GoMirrorFirstByteTimeout", options.FirstByteTimeoutSeconds), ("GoMirrorIdleTimeout", options.IdleTimeoutSeconds) })
        {
            if (seconds < 0)
            {
                diagnostics.Add(ProxyDiagnostics.InvalidProxyTimeout.Create(
                    string.Create(CultureInfo.InvariantCulture, $"{name} is {seconds}; use a whole number of seconds, at least 1, or 0 for the default."), new SourceLocation(name)));
            }
        }

        if (options.GoTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            diagnostics.Add(EngineDiagnostics.InvalidOption.Create($"GoTimeout is {timeout}; use a positive time span, or leave it unset for no limit."));
        }

        var components = new List<GoComponent>();
        if (options.GoModules.Count == 0)
        {
            diagnostics.Add(EngineDiagnostics.NoComponents.Create("No go.mod was given to GoMirror, so there is nothing to pre-warm, download or report."));
        }

        foreach (var path in options.GoModules)
        {
            if (GoComponent.Load(path, diagnostics) is { } component && !components.Any(c => c.GoModPath == component.GoModPath))
            {
                components.Add(component);
            }
        }

        components = WithoutWorkspaceMembers(components, diagnostics);
        components.Sort((a, b) => string.CompareOrdinal(a.GoModPath, b.GoModPath));
        var firstGoMod = components.FirstOrDefault()?.GoModPath ?? options.GoModules.Select(p => Path.GetFullPath(p)).FirstOrDefault();
        var root = options.RepositoryRoot is { Length: > 0 } given
            ? Path.GetFullPath(given)
            : FindRepositoryRoot(firstGoMod) ?? Directory.GetCurrentDirectory();
        var reportDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(options.ReportDirectory) ? Path.Combine("artifacts", "gomirror") : options.ReportDirectory, root);
        var formats = ReportFormatList.Parse(options.ReportFormats, new SourceLocation("ReportFormats option"), diagnostics);
        var drift = DriftSeverityList.Parse(options.DriftSeverity, new SourceLocation("DriftSeverity option"), diagnostics);
        var unverified = DriftSeverityList.ParseOne(
            options.SumDbUnverifiedSeverity, "GoMirrorSumDbUnverifiedSeverity", PolicyDiagnostics.InvalidUnverifiedSeverity, new SourceLocation("SumDbUnverifiedSeverity option"), diagnostics);
        GoModuleCache? cache = null;
        EngineState? state = null;
        var modCache = policy.ModCache.Value;
        if (modCache.Length > 0 && Path.IsPathFullyQualified(modCache))
        {
            cache = new GoModuleCache(modCache, writableSourceDirectories: WantsWritableCache(policy.FlagWords));
            state = new EngineState(cache.Root, components.Select(c => c.GoModPath), reportDirectory);
        }
        else if (!policy.HasErrors)
        {
            diagnostics.Add(EngineDiagnostics.InvalidOption.Create(
                $"GOMODCACHE resolves to '{modCache}' ({policy.ModCache.Location}), which is not an absolute path; set GOMODCACHE or GOPATH to an absolute folder.",
                policy.ModCache.Location));
        }

        var auth = options.Auth is { Length: > 0 } explicitAuth ? explicitAuth : host.Get("GOAUTH");
        var credentials = CredentialSource.Create(host, auth, policy.Redactor, goAuthLocation: new SourceLocation(options.Auth is { Length: > 0 } ? "GoMirrorAuth" : "GOAUTH environment variable"));
        diagnostics.AddRange(credentials.SetupDiagnostics);

        // An MSBuild property with user-info already gets GOMIRROR0600 from the host.
        foreach (var setting in new[] { policy.Proxy, policy.SumDb }.Where(s => s.Kind is SettingSourceKind.Environment or SettingSourceKind.EnvFile or SettingSourceKind.Profile && CredentialRedactor.HasUserInfo(s.Value)))
        {
            diagnostics.Add(AuthDiagnostics.CredentialInUrl.Create($"{setting.Name} ({setting.Location.Description}) holds a URL with user-info.", setting.Location));
        }

        // A policy file is committed: a credential in one of its routes is in the repository's history.
        foreach (var route in policy.RouteTable.Routes.Where(r => r.Kind == SettingSourceKind.Profile && CredentialRedactor.HasUserInfo(r.Proxy)))
        {
            diagnostics.Add(AuthDiagnostics.CredentialInUrl.Create($"route '{route.Pattern}' ({route.Location}) holds a URL with user-info.", route.Location));
        }

        if (options.ProxyTokenVariable is { Length: > 0 } tokenVariable
            && credentials.UseTokenVariable(tokenVariable.Trim(), TokenServers(policy), new SourceLocation("GoMirrorProxyTokenVariable")) is { } unset)
        {
            diagnostics.Add(unset);
        }

        diagnostics.AddRange(credentials.CheckServers(policy.AllProxyEntries.Select(e => e.Url).OfType<Uri>().Distinct()
            .Concat(policy.ChecksumDatabase is { IsOff: false } sumdb ? [sumdb.Url ?? sumdb.DirectUrl!] : [])));
        var toolchains = policy.HasErrors
            ? []
            : ToolchainPrediction.Predict(components, policy, go.ExecutablePath, host.GoRoot, GoEnvironmentOf(policy, host, auth), diagnostics);
        var redacted = diagnostics.ToList().Select(policy.Redactor.Redact).ToList();
        return new EngineSetup
        {
            Toolchains = toolchains,
            Options = options,
            Check = new PolicyCheckResult(policy, redacted),
            Host = host,
            Components = components,
            RepositoryRoot = root,
            ReportDirectory = reportDirectory,
            Formats = formats,
            Drift = drift,
            UnverifiedSeverity = unverified,
            Go = go,
            Cache = cache,
            State = state,
            Credentials = credentials,
            Auth = auth,
        };
    }

    /// <summary><paramref name="client"/> with the proxy timeouts the host set (a positive number of seconds;
    /// 0 and anything invalid, reported by <see cref="Create"/>, keep the client's own) and, with
    /// <see cref="GoMirrorOptions.Failover"/> off, neither hedging nor a circuit breaker.</summary>
    internal static GoProxyClientOptions WithHostSettings(GoProxyClientOptions client, GoMirrorOptions options) => client with
    {
        Hedging = client.Hedging && options.Failover,
        BreakerThreshold = options.Failover ? client.BreakerThreshold : 0,
        ConnectTimeout = options.ConnectTimeoutSeconds > 0 ? TimeSpan.FromSeconds(options.ConnectTimeoutSeconds) : client.ConnectTimeout,
        FirstByteTimeout = options.FirstByteTimeoutSeconds > 0 ? TimeSpan.FromSeconds(options.FirstByteTimeoutSeconds) : client.FirstByteTimeout,
        IdleTimeout = options.IdleTimeoutSeconds > 0 ? TimeSpan.FromSeconds(options.IdleTimeoutSeconds) : client.IdleTimeout,
    };

    // The token serves the https proxies, and the checksum database where its URL (GOSUMDB's, else https://<name>)
    // is on one of their origins (a private mirror's own database); reached through a proxy's /sumdb/, it is under that proxy anyway.
    private static IEnumerable<Uri> TokenServers(GoMirrorPolicy policy)
    {
        var proxies = policy.AllProxyEntries.Select(e => e.Url).OfType<Uri>().Distinct().ToList();
        var database = policy.ChecksumDatabase is { IsOff: false } sumDb ? sumDb.Url ?? sumDb.DirectUrl : null;
        var sameOrigin = database is not null
            && proxies.Any(p => p.Scheme == Uri.UriSchemeHttps && database.Scheme == Uri.UriSchemeHttps
                && string.Equals(p.IdnHost, database.IdnHost, StringComparison.OrdinalIgnoreCase) && p.Port == database.Port);
        return sameOrigin ? [.. proxies, database!] : proxies;
    }

    // GOFLAGS=-modcacherw asks the go command to leave extracted module folders writable; what the
    // pre-warm extracts must look the same as what Go would have extracted.
    private static bool WantsWritableCache(IReadOnlyList<string> flagWords) =>
        flagWords.Any(w => w.TrimStart('-') is "modcacherw" or "modcacherw=true" or "modcacherw=1");

    private static string? FindRepositoryRoot(string? goMod)
    {
        if (goMod is null)
        {
            return null;
        }

        var start = Path.GetDirectoryName(goMod);
        for (var folder = start; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var git = Path.Combine(folder, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return folder;
            }
        }

        return start;
    }

    // A module that a named workspace holds is built through the workspace: one component, one go command.
    private static List<GoComponent> WithoutWorkspaceMembers(List<GoComponent> components, DiagnosticBag diagnostics)
    {
        // Each member's first workspace; a loop, not LINQ over tuples, whose generic code the JIT would compile (finding 13).
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var workspace in components.Where(c => c.IsWorkspace))
        {
            foreach (var member in workspace.Modules)
            {
                members.TryAdd(member.GoModPath, workspace.GoModPath);
            }
        }

        var kept = new List<GoComponent>();
        foreach (var component in components)
        {
            if (!component.IsWorkspace && members.TryGetValue(component.GoModPath, out var workspace))
            {
                diagnostics.Add(GoModDiagnostics.GoWorkMemberNamedTwice.Create(
                    $"{component.GoModPath} is named on its own and is a member of {workspace}; it is pre-warmed and downloaded once, as part of the workspace.",
                    SourceLocation.InFile(component.GoModPath)));
                continue;
            }

            kept.Add(component);
        }

        return kept;
    }
}
