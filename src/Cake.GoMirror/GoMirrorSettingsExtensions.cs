using Cake.Core.IO;

namespace Cake.GoMirror;

/// <summary>
/// Fluent setters for <see cref="GoMirrorSettings"/>. The Cake tool setters (<c>WithToolPath</c>,
/// <c>WithToolTimeout</c>, <c>WithEnvironmentVariable</c>, <c>WithWorkingDirectory</c>) come from Cake.Core.
/// </summary>
/// <example>
/// <code>
/// var settings = new GoMirrorSettings()
///     .WithProxy("https://goproxy.corp.example,direct")
///     .WithPrivate("corp.example")
///     .WithReportFormats("json;junit;cyclonedx")
///     .WithToolPath("/usr/local/go/bin/go");
/// </code>
/// </example>
public static class GoMirrorSettingsExtensions
{
    /// <summary>Sets <see cref="GoMirrorSettings.Proxy"/> (GOPROXY).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="proxy">The proxy list.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithProxy(this GoMirrorSettings settings, string proxy) =>
        Set(settings, s => s.Proxy = proxy);

    /// <summary>Sets <see cref="GoMirrorSettings.Private"/> (GOPRIVATE).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="patterns">Comma-separated module path patterns.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithPrivate(this GoMirrorSettings settings, string patterns) =>
        Set(settings, s => s.Private = patterns);

    /// <summary>Sets <see cref="GoMirrorSettings.NoProxy"/> (GONOPROXY).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="patterns">Comma-separated module path patterns.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithNoProxy(this GoMirrorSettings settings, string patterns) =>
        Set(settings, s => s.NoProxy = patterns);

    /// <summary>Sets <see cref="GoMirrorSettings.NoSumDb"/> (GONOSUMDB).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="patterns">Comma-separated module path patterns.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithNoSumDb(this GoMirrorSettings settings, string patterns) =>
        Set(settings, s => s.NoSumDb = patterns);

    /// <summary>Sets <see cref="GoMirrorSettings.SumDb"/> (GOSUMDB).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="sumDb">The checksum database, or <c>off</c>.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithSumDb(this GoMirrorSettings settings, string sumDb) =>
        Set(settings, s => s.SumDb = sumDb);

    /// <summary>Sets <see cref="GoMirrorSettings.Insecure"/> (GOINSECURE).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="patterns">Comma-separated module path patterns.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithInsecure(this GoMirrorSettings settings, string patterns) =>
        Set(settings, s => s.Insecure = patterns);

    /// <summary>Sets <see cref="GoMirrorSettings.Flags"/> (GOFLAGS).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="flags">Space-separated go command flags.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithFlags(this GoMirrorSettings settings, string flags) =>
        Set(settings, s => s.Flags = flags);

    /// <summary>Sets <see cref="GoMirrorSettings.ModCache"/> (GOMODCACHE).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="modCache">The module cache folder (absolute).</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithModCache(this GoMirrorSettings settings, string modCache) =>
        Set(settings, s => s.ModCache = modCache);

    /// <summary>Sets <see cref="GoMirrorSettings.Toolchain"/> (GOTOOLCHAIN).</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="toolchain">local, auto, path, a toolchain name such as go1.23.5, or a name with +auto or +path.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithToolchain(this GoMirrorSettings settings, string toolchain) =>
        Set(settings, s => s.Toolchain = toolchain);

    /// <summary>Sets <see cref="GoMirrorSettings.MaxParallel"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="maxParallel">Concurrent proxy requests; 0 for the default.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithMaxParallel(this GoMirrorSettings settings, int maxParallel) =>
        Set(settings, s => s.MaxParallel = maxParallel);

    /// <summary>Sets <see cref="GoMirrorSettings.ConnectTimeout"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="seconds">Seconds a proxy connection may take to set up; 0 for the default.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithConnectTimeout(this GoMirrorSettings settings, int seconds) =>
        Set(settings, s => s.ConnectTimeout = seconds);

    /// <summary>Sets <see cref="GoMirrorSettings.FirstByteTimeout"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="seconds">Seconds a proxy request may wait for its response headers; 0 for the default.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithFirstByteTimeout(this GoMirrorSettings settings, int seconds) =>
        Set(settings, s => s.FirstByteTimeout = seconds);

    /// <summary>Sets <see cref="GoMirrorSettings.IdleTimeout"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="seconds">Seconds a response body may stall; 0 for the default.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithIdleTimeout(this GoMirrorSettings settings, int seconds) =>
        Set(settings, s => s.IdleTimeout = seconds);

    /// <summary>Sets <see cref="GoMirrorSettings.Failover"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="failover">False to ask each <c>|</c> entry only after the one before it failed, as Go does.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithFailover(this GoMirrorSettings settings, bool failover = true) =>
        Set(settings, s => s.Failover = failover);

    /// <summary>Sets <see cref="GoMirrorSettings.ReportDir"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="reportDir">Where reports go.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithReportDir(this GoMirrorSettings settings, DirectoryPath reportDir) =>
        Set(settings, s => s.ReportDir = reportDir);

    /// <summary>Sets <see cref="GoMirrorSettings.ReportFormats"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="formats">For example <c>json;markdown;junit;cyclonedx;codequality</c>.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithReportFormats(this GoMirrorSettings settings, string formats) =>
        Set(settings, s => s.ReportFormats = formats);

    /// <summary>Sets <see cref="GoMirrorSettings.Offline"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="offline">Whether to prove the components download with GOPROXY=off.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithOffline(this GoMirrorSettings settings, bool offline = true) =>
        Set(settings, s => s.Offline = offline);

    /// <summary>Sets <see cref="GoMirrorSettings.SumDbVerifyAll"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="verifyAll">Whether every go.sum line is checked against the checksum database.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithSumDbVerifyAll(this GoMirrorSettings settings, bool verifyAll = true) =>
        Set(settings, s => s.SumDbVerifyAll = verifyAll);

    /// <summary>Sets <see cref="GoMirrorSettings.SumDbUnverifiedSeverity"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="severity"><c>error</c>, <c>warning</c> or <c>info</c>.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithSumDbUnverifiedSeverity(this GoMirrorSettings settings, string severity) =>
        Set(settings, s => s.SumDbUnverifiedSeverity = severity);

    /// <summary>Adds a route to <see cref="GoMirrorSettings.Routes"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="pattern">An exact module path, or a prefix ending in <c>*</c> (<c>git.corp.example/*</c>).</param>
    /// <param name="proxy">The proxy list for those paths, GOPROXY syntax.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithRoute(this GoMirrorSettings settings, string pattern, string proxy) =>
        Set(settings, s => s.Routes = string.IsNullOrWhiteSpace(s.Routes) ? $"{pattern}={proxy}" : $"{s.Routes};{pattern}={proxy}");

    /// <summary>Sets <see cref="GoMirrorSettings.Profile"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="profile">The profile of the policy file, for example <c>ci</c>.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithProfile(this GoMirrorSettings settings, string profile) =>
        Set(settings, s => s.Profile = profile);

    /// <summary>Sets <see cref="GoMirrorSettings.PolicyFile"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="policyFile">The policy file, or <c>none</c>.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithPolicyFile(this GoMirrorSettings settings, string policyFile) =>
        Set(settings, s => s.PolicyFile = policyFile);

    /// <summary>Sets <see cref="GoMirrorSettings.ProbeProxies"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="mirrors">GOPROXY entries or lists separated by <c>;</c>.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithProbeProxies(this GoMirrorSettings settings, string mirrors) =>
        Set(settings, s => s.ProbeProxies = mirrors);

    /// <summary>Sets <see cref="GoMirrorSettings.GoVersion"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="goVersion">The Go version to provision through the mirror (<c>1.23.5</c>).</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithGoVersion(this GoMirrorSettings settings, string goVersion) =>
        Set(settings, s => s.GoVersion = goVersion);

    /// <summary>Sets <see cref="GoMirrorSettings.ProbeKnown"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="known">Whether the documented public mirrors are probed too.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithProbeKnown(this GoMirrorSettings settings, bool known = true) =>
        Set(settings, s => s.ProbeKnown = known);

    /// <summary>Sets <see cref="GoMirrorSettings.BaselineReport"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="baselineReport">A previous gomirror-report.json.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithBaselineReport(this GoMirrorSettings settings, FilePath baselineReport) =>
        Set(settings, s => s.BaselineReport = baselineReport);

    /// <summary>Sets <see cref="GoMirrorSettings.DriftSeverity"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="driftSeverity">For example <c>VersionChanged=error;HashChanged=warning</c>.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithDriftSeverity(this GoMirrorSettings settings, string driftSeverity) =>
        Set(settings, s => s.DriftSeverity = driftSeverity);

    /// <summary>Sets <see cref="GoMirrorSettings.Auth"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="auth">For example <c>netrc</c>, <c>off</c> or <c>/usr/local/bin/corp-auth</c>.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithAuth(this GoMirrorSettings settings, string auth) =>
        Set(settings, s => s.Auth = auth);

    /// <summary>Sets <see cref="GoMirrorSettings.ProxyTokenVariable"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="variable">The environment variable's name, for example <c>GOPROXY_TOKEN</c>.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithProxyTokenVariable(this GoMirrorSettings settings, string variable) =>
        Set(settings, s => s.ProxyTokenVariable = variable);

    /// <summary>Sets <see cref="GoMirrorSettings.ReportLeg"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="reportLeg">The CI matrix leg, for example <c>linux-go1.22</c>.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithReportLeg(this GoMirrorSettings settings, string reportLeg) =>
        Set(settings, s => s.ReportLeg = reportLeg);

    /// <summary>Sets <see cref="GoMirrorSettings.ModuleSetSource"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="source">A v3 feed URL, an absolute folder, or a nuget.config source name.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithModuleSetSource(this GoMirrorSettings settings, string source) =>
        Set(settings, s => s.ModuleSetSource = source);

    /// <summary>Sets <see cref="GoMirrorSettings.ModuleSetPush"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="push">True to push the sets after a pre-warm that downloaded anything.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithModuleSetPush(this GoMirrorSettings settings, bool push = true) =>
        Set(settings, s => s.ModuleSetPush = push);

    /// <summary>Sets <see cref="GoMirrorSettings.ModuleSetOutput"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="output">The folder packages are written to.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithModuleSetOutput(this GoMirrorSettings settings, DirectoryPath output) =>
        Set(settings, s => s.ModuleSetOutput = output);

    /// <summary>Sets <see cref="GoMirrorSettings.ModuleSetApiKeyVariable"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="variable">The environment variable's name, for example <c>NUGET_API_KEY</c>.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithModuleSetApiKeyVariable(this GoMirrorSettings settings, string variable) =>
        Set(settings, s => s.ModuleSetApiKeyVariable = variable);

    /// <summary>Sets <see cref="GoMirrorSettings.ModuleSetConfigFile"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="configFile">The nuget.config naming the source.</param>
    /// <returns>The same settings.</returns>
    public static GoMirrorSettings WithModuleSetConfigFile(this GoMirrorSettings settings, FilePath configFile) =>
        Set(settings, s => s.ModuleSetConfigFile = configFile);

    private static GoMirrorSettings Set(GoMirrorSettings settings, Action<GoMirrorSettings> set)
    {
        ArgumentNullException.ThrowIfNull(settings);
        set(settings);
        return settings;
    }
}
