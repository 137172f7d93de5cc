using System.Globalization;
using System.Reflection;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;

namespace GoMirror.Core.Settings;

/// <summary>
/// Every setting of GoMirror, declared once: per row the Go variable, the <see cref="GoMirrorOptions"/>
/// property, the MSBuild property, the Cake setting, the CLI option, the default and a short doc. The hosts
/// (MSBuild tasks and targets, the Cake addin, the command-line tool) look rows up by their own name column
/// and hand the values to <see cref="ToOptions"/>, which is the only code that turns host values into options.
/// </summary>
/// <remarks>
/// To add a setting:
/// <list type="number">
/// <item>Add a row to <see cref="All"/> (documentation order): a Go variable for a policy setting (also add its
/// constant to <see cref="PolicyVariables"/>), else the name of a new <see cref="GoMirrorOptions"/> property of
/// type <c>string?</c>, <c>int</c> or <c>bool</c> (the type decides how a host's text is parsed); set
/// <c>UsedByCheck</c> when the policy check needs it.</item>
/// <item>Write the code that uses the option in the engine.</item>
/// <item>Add the row to the docs: <c>docs/configuration.md</c> (policy) or <c>docs/msbuild.md</c>, and
/// <c>docs/cake.md</c>.</item>
/// <item>Hosts: MSBuild reads the item list in <c>build/GoMirror.Settings.targets</c> (one line per row) and the
/// Cake addin a <c>GoMirrorSettings</c> property named <see cref="GoMirrorSetting.CakeSetting"/> (with its
/// <c>With...</c> setter). Each host has a test that fails until every row reaches the engine through it.</item>
/// </list>
/// </remarks>
public static class SettingTable
{
    /// <summary>The settings, in documentation order: the nine policy variables first.</summary>
    public static IReadOnlyList<GoMirrorSetting> All { get; } =
    [
        new(PolicyVariables.GoProxy, null, "GoMirrorProxy", "Proxy", "--proxy", "https://proxy.golang.org,direct", "The module proxies to try, in order.", UsedByCheck: true),
        new(PolicyVariables.GoPrivate, null, "GoMirrorPrivate", "Private", "--private", "empty", "Private module path patterns: the default of GONOPROXY and GONOSUMDB.", UsedByCheck: true),
        new(PolicyVariables.GoNoProxy, null, "GoMirrorNoProxy", "NoProxy", "--no-proxy", "GOPRIVATE", "Module path patterns never requested from a proxy.", UsedByCheck: true),
        new(PolicyVariables.GoNoSumDb, null, "GoMirrorNoSumDb", "NoSumDb", "--no-sumdb", "GOPRIVATE", "Module path patterns never looked up in the checksum database.", UsedByCheck: true),
        new(PolicyVariables.GoSumDb, null, "GoMirrorSumDb", "SumDb", "--sumdb", "sum.golang.org", "The checksum database, or off.", UsedByCheck: true),
        new(PolicyVariables.GoInsecure, null, "GoMirrorInsecure", "Insecure", "--insecure", "empty", "Module path patterns whose direct fetches may use plain HTTP.", UsedByCheck: true),
        new(PolicyVariables.GoFlags, null, "GoMirrorFlags", "Flags", "--go-flags", "empty", "Default flags of the go command.", UsedByCheck: true),
        new(PolicyVariables.GoModCache, null, "GoMirrorModCache", "ModCache", "--modcache", "GOPATH[0]/pkg/mod", "The module cache; an absolute path.", UsedByCheck: true),
        new(PolicyVariables.GoToolchain, null, "GoMirrorToolchain", "Toolchain", "--toolchain", "auto (from $GOROOT/go.env; Go 1.21+)", "Which Go toolchain the go command runs: local, auto, path, go1.23.5, or a name with +auto or +path.", UsedByCheck: true),
        new(null, nameof(GoMirrorOptions.Routes), "GoMirrorRoutes", "Routes", "--routes", "none (MSBuild: also the GoMirrorRoute items)", "Routes, pattern=proxy-list separated by ';': an exact module path, else the longest prefix* pattern, takes its own proxy list instead of GOPROXY; GONOPROXY still wins.", UsedByCheck: true, PolicyInput: true),
        new(null, nameof(GoMirrorOptions.Profile), "GoMirrorProfile", "Profile", "--profile", "GOMIRROR_PROFILE, else ciProfile when CI=true, else defaultProfile", "The profile of the policy file (gomirror.json) to use.", UsedByCheck: true, PolicyInput: true),
        new(null, nameof(GoMirrorOptions.PolicyFile), "GoMirrorPolicyFile", "PolicyFile", "--policy-file", "the nearest gomirror.json above the project", "The policy file with profiles and routes; none for no file.", UsedByCheck: true, PolicyInput: true),
        new(null, nameof(GoMirrorOptions.GoExecutable), "GoExecutable", "ToolPath", "--go", "$GOROOT/bin/go, then go on PATH", "The go command to run: a file, or a folder holding it.", UsedByCheck: true),
        new(null, nameof(GoMirrorOptions.GoVersion), "GoMirrorGoVersion", "GoVersion", "--go-version", "none (the Go found)", "A Go version (1.23.5) to fetch through the mirror, verified, and run from the module cache instead of an installed Go."),
        new(null, nameof(GoMirrorOptions.MaxParallel), "GoMirrorMaxParallel", "MaxParallel", "--max-parallel", "0 (the engine's default, 32)", "Module versions fetched at once during the pre-warm."),
        new(null, nameof(GoMirrorOptions.ConnectTimeoutSeconds), "GoMirrorConnectTimeout", "ConnectTimeout", "--connect-timeout", "0 (10 seconds)", "Seconds a connection to a proxy (TCP and TLS) may take to set up."),
        new(null, nameof(GoMirrorOptions.FirstByteTimeoutSeconds), "GoMirrorFirstByteTimeout", "FirstByteTimeout", "--first-byte-timeout", "0 (30 seconds)", "Seconds a proxy request may wait for its response headers."),
        new(null, nameof(GoMirrorOptions.IdleTimeoutSeconds), "GoMirrorIdleTimeout", "IdleTimeout", "--idle-timeout", "0 (30 seconds)", "Seconds a response body may stall (no data at all) before the request fails; a slow but steady download is never cut off."),
        new(null, nameof(GoMirrorOptions.Failover), "GoMirrorFailover", "Failover", "--failover", "true", "Hedge a slow '|' entry to the next one and skip a mirror that keeps failing; false asks each entry only after the one before it failed, as Go does. The timeouts apply either way."),
        new(null, nameof(GoMirrorOptions.ReportDirectory), "GoMirrorReportDir", "ReportDir", "--report-dir", "<repository root>/artifacts/gomirror", "Where reports go; each CI job and leg writes its own sub-folder."),
        new(null, nameof(GoMirrorOptions.ReportFormats), "GoMirrorReportFormats", "ReportFormats", "--report-formats", "json;markdown", "Report formats: json, markdown, junit, cyclonedx, codequality."),
        new(null, nameof(GoMirrorOptions.Offline), "GoMirrorOffline", "Offline", "--offline", "false", "Also prove every component downloads with GOPROXY=off."),
        new(null, nameof(GoMirrorOptions.BaselineReport), "GoMirrorBaselineReport", "BaselineReport", "--baseline-report", "none", "A previous gomirror-report.json to check drift against."),
        new(null, nameof(GoMirrorOptions.DriftSeverity), "GoMirrorDriftSeverity", "DriftSeverity", "--drift-severity", "each kind's default", "The severity of each kind of drift, Kind=severity entries separated by ';'."),
        new(null, nameof(GoMirrorOptions.Auth), "GoMirrorAuth", "Auth", "--auth", "GOAUTH, else netrc", "GOAUTH for the pre-warm and the go command: off, netrc, git <dir> or commands, ';'-separated.", UsedByCheck: true),
        new(null, nameof(GoMirrorOptions.ProxyTokenVariable), "GoMirrorProxyTokenVariable", "ProxyTokenVariable", "--proxy-token-variable", "none", "The environment variable holding the https proxies' credential (user:token or a token); never the secret itself.", UsedByCheck: true),
        new(null, nameof(GoMirrorOptions.ReportLeg), "GoMirrorReportLeg", "ReportLeg", "--report-leg", "GOMIRROR_REPORT_LEG, else the GitHub runner's OS and architecture", "The CI matrix leg in the report folder's name."),
        new(null, nameof(GoMirrorOptions.SumDbVerifyAll), "GoMirrorSumDbVerifyAll", "SumDbVerifyAll", "--sumdb-verify-all", "false", "Also check every go.sum line against the checksum database, not only what go.sum lacks."),
        new(null, nameof(GoMirrorOptions.SumDbUnverifiedSeverity), "GoMirrorSumDbUnverifiedSeverity", "SumDbUnverifiedSeverity", "--sumdb-unverified-severity", "warning", "The severity of GOMIRROR0909 (a version neither go.sum nor the checksum database vouches for): error, warning or info."),
        new(null, nameof(GoMirrorOptions.ProbeProxies), "GoMirrorProbeProxies", "ProbeProxies", "--probe-proxies", "GOPROXY's URL entries", "The mirrors the probe measures: GOPROXY entries or lists separated by ';'."),
        new(null, nameof(GoMirrorOptions.ProbeKnown), "GoMirrorProbeKnown", "ProbeKnown", "--probe-known", "false", "Also probe the public mirrors docs/mirrors.md lists."),
        new(null, nameof(GoMirrorOptions.ModuleSetSource), "GoMirrorModuleSetSource", "ModuleSetSource", "--module-set-source", "none", "The NuGet feed of module sets the pre-warm asks first: a v3 URL, an absolute folder, or a nuget.config source name."),
        new(null, nameof(GoMirrorOptions.ModuleSetPush), "GoMirrorModuleSetPush", "ModuleSetPush", "--module-set-push", "false", "After a pre-warm that downloaded anything, push the components' module sets to GoMirrorModuleSetSource."),
        new(null, nameof(GoMirrorOptions.ModuleSetOutput), "GoMirrorModuleSetOutput", "ModuleSetOutput", "--module-set-output", "<repository root>/artifacts/modulesets", "Where GoMirrorPackModules writes module set packages (and a push keeps them)."),
        new(null, nameof(GoMirrorOptions.ModuleSetApiKeyVariable), "GoMirrorModuleSetApiKeyVariable", "ModuleSetApiKeyVariable", "--module-set-api-key-variable", "nuget.config apikeys", "The environment variable holding the feed's API key for a push; never the key itself."),
        new(null, nameof(GoMirrorOptions.ModuleSetConfigFile), "GoMirrorModuleSetConfigFile", "ModuleSetConfigFile", "--module-set-config-file", "the nuget.config files of the repository root", "The nuget.config that names the module set source and its credentials."),
    ];

    /// <summary>The row whose MSBuild property is <paramref name="name"/> (MSBuild names ignore case), or null.</summary>
    public static GoMirrorSetting? ByMSBuildProperty(string name) =>
        All.FirstOrDefault(s => string.Equals(s.MSBuildProperty, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// <paramref name="options"/> with every value applied: a policy row joins <see cref="GoMirrorOptions.PolicySettings"/>
    /// (with its location), any other row sets its option, parsed by the option's type. An empty or blank value
    /// is unset; other values are trimmed. A value that does not parse is reported in <paramref name="problems"/>
    /// (<see cref="EngineDiagnostics.InvalidOption"/>) and leaves the option as it was.
    /// </summary>
    public static GoMirrorOptions ToOptions(GoMirrorOptions options, IEnumerable<SettingValue> values, ICollection<Diagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(problems);
        var result = options with { };
        var policy = new List<ExplicitSetting>(options.PolicySettings);
        foreach (var (setting, raw, location) in values)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            var value = raw.Trim();
            if (setting.GoVariable is { } goName)
            {
                policy.Add(new ExplicitSetting(goName, value, location));
                continue;
            }

            var property = OptionProperty(setting);
            if (Parse(property.PropertyType, value) is { } parsed)
            {
                property.SetValue(result, parsed);
            }
            else
            {
                problems.Add(EngineDiagnostics.InvalidOption.Create(
                    $"{location.Description} is '{value}'; use {(property.PropertyType == typeof(bool) ? "true or false" : "a whole number")}.", location));
            }
        }

        return result with { PolicySettings = policy };
    }

    private static PropertyInfo OptionProperty(GoMirrorSetting setting) =>
        typeof(GoMirrorOptions).GetProperty(setting.OptionName ?? string.Empty)
        ?? throw new InvalidOperationException($"setting {setting.MSBuildProperty} names no GoMirrorOptions property '{setting.OptionName}'");

    // MSBuild's own spellings of a boolean (true/false, on/off, yes/no), so a task parameter means what it did.
    private static object? Parse(Type type, string value)
    {
        if (type == typeof(int))
        {
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
        }

        if (type == typeof(bool))
        {
            return value.ToUpperInvariant() switch
            {
                "TRUE" or "ON" or "YES" or "!FALSE" => true,
                "FALSE" or "OFF" or "NO" or "!TRUE" => false,
                _ => null,
            };
        }

        return value;
    }
}
