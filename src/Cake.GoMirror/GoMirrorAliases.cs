using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using Cake.GoMirror.Hosting;
using GoMirror.Core.Engine;
using GoMirror.Core.Probe;

namespace Cake.GoMirror;

/// <summary>
/// <para>
/// Go mirror policy, module cache pre-warm, <c>go mod download</c> and reproducibility reports for the Go
/// components of a repository: the same engine, policy and reports as the GoMirror.Build MSBuild package.
/// </para>
/// <para>
/// Add the addin to a script with <c>#addin nuget:?package=Cake.GoMirror&amp;version=0.1.0</c>. Only Go
/// itself must be installed; <see cref="Cake.Core.Tooling.ToolSettings.ToolPath"/> picks a specific
/// <c>go</c>. A go.mod argument is a file path or its folder (a string, <c>File(...)</c>,
/// <c>Directory(...)</c>); several go back from <c>GetFiles("**/go.mod")</c>. A failure fails the task with a
/// <see cref="CakeException"/> naming each GOMIRRORnnnn code; progress goes to Cake's log.
/// </para>
/// </summary>
[CakeAliasCategory("Go")]
[CakeNamespaceImport("Cake.GoMirror")]
public static class GoMirrorAliases
{
    /// <summary>
    /// Resolves and checks the Go mirror policy of the environment (variables, Go's env file, Go's defaults)
    /// together with the component's go.mod and go.sum; starts no process and downloads nothing.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMod">The component's go.mod, or its folder.</param>
    /// <example>
    /// <code>
    /// Task("Policy").Does(() => GoMirrorCheckPolicy("tools/agent/go.mod"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void GoMirrorCheckPolicy(this ICakeContext context, GoModPath goMod) =>
        GoMirrorCheckPolicy(context, goMod, new GoMirrorSettings());

    /// <summary>
    /// Resolves and checks the Go mirror policy (settings, then environment, Go's env file, Go's defaults)
    /// together with the component's go.mod and go.sum: malformed lists, unknown schemes, plain http://
    /// proxies, GOSUMDB=off, private paths that would reach the public checksum database. Starts no process
    /// and downloads nothing.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMod">The component's go.mod, or its folder.</param>
    /// <param name="settings">The policy to check.</param>
    /// <example>
    /// <code>
    /// Task("Policy").Does(() =>
    ///     GoMirrorCheckPolicy("tools/agent/go.mod", new GoMirrorSettings { Proxy = "https://goproxy.corp.example,direct", Private = "corp.example" }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void GoMirrorCheckPolicy(this ICakeContext context, GoModPath goMod, GoMirrorSettings settings) =>
        GoMirrorCheckPolicy(context, [Single(goMod)], settings);

    /// <summary>Resolves and checks the environment's Go mirror policy with several components; downloads nothing.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders, for example <c>GetFiles("tools/**/go.mod")</c>.</param>
    /// <example>
    /// <code>
    /// Task("Policy").Does(() => GoMirrorCheckPolicy(GetFiles("tools/**/go.mod")));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void GoMirrorCheckPolicy(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods) =>
        GoMirrorCheckPolicy(context, goMods, new GoMirrorSettings());

    /// <summary>Resolves and checks the Go mirror policy with several components; downloads nothing.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders.</param>
    /// <param name="settings">The policy to check.</param>
    /// <example>
    /// <code>
    /// Task("Policy").Does(() =>
    ///     GoMirrorCheckPolicy(GetFiles("tools/**/go.mod"), new GoMirrorSettings { SumDb = "sum.golang.org" }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void GoMirrorCheckPolicy(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods, GoMirrorSettings settings) =>
        GoMirrorStep.CheckPolicy(context, settings, goMods);

    /// <summary>Pre-warms the Go module cache for one component through the proxies of the environment's policy, verified against its go.sum.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMod">The component's go.mod, or its folder.</param>
    /// <example>
    /// <code>
    /// Task("GoPrewarm").Does(() => GoMirrorPrewarm("tools/agent/go.mod"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void GoMirrorPrewarm(this ICakeContext context, GoModPath goMod) =>
        GoMirrorPrewarm(context, goMod, new GoMirrorSettings());

    /// <summary>Pre-warms the Go module cache for one component through the configured proxies, in parallel, verified against its go.sum.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMod">The component's go.mod, or its folder.</param>
    /// <param name="settings">The policy and options.</param>
    /// <example>
    /// <code>
    /// Task("GoPrewarm").Does(() =>
    ///     GoMirrorPrewarm(Directory("tools/agent"), new GoMirrorSettings { Proxy = "https://goproxy.corp.example", MaxParallel = 16 }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void GoMirrorPrewarm(this ICakeContext context, GoModPath goMod, GoMirrorSettings settings) =>
        GoMirrorPrewarm(context, [Single(goMod)], settings);

    /// <summary>Pre-warms the Go module cache for several components.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders, for example <c>GetFiles("tools/**/go.mod")</c>.</param>
    /// <example>
    /// <code>
    /// Task("GoPrewarm").Does(() => GoMirrorPrewarm(GetFiles("tools/**/go.mod")));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void GoMirrorPrewarm(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods) =>
        GoMirrorPrewarm(context, goMods, new GoMirrorSettings());

    /// <summary>Pre-warms the Go module cache for several components, sharing one download per module version.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders, for example <c>GetFiles("tools/**/go.mod")</c>.</param>
    /// <param name="settings">The policy and options.</param>
    /// <example>
    /// <code>
    /// Task("GoPrewarm").Does(() =>
    ///     GoMirrorPrewarm(GetFiles("tools/**/go.mod"), new GoMirrorSettings { Proxy = "https://goproxy.corp.example" }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void GoMirrorPrewarm(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods, GoMirrorSettings settings) =>
        GoMirrorStep.Run(context, settings, goMods, "pre-warm", engine => engine.PrewarmAsync());

    /// <summary>Runs <c>go mod download</c> for one component under the environment's policy.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMod">The component's go.mod, or its folder.</param>
    /// <example>
    /// <code>
    /// Task("GoDownload").Does(() => GoModDownload("tools/agent/go.mod"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void GoModDownload(this ICakeContext context, GoModPath goMod) =>
        GoModDownload(context, goMod, new GoMirrorSettings());

    /// <summary>Runs <c>go mod download</c> for one component under the given policy.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMod">The component's go.mod, or its folder.</param>
    /// <param name="settings">The policy and options.</param>
    /// <example>
    /// <code>
    /// Task("GoDownload").Does(() =>
    ///     GoModDownload("tools/agent/go.mod", new GoMirrorSettings { Proxy = "https://goproxy.corp.example", Offline = true }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void GoModDownload(this ICakeContext context, GoModPath goMod, GoMirrorSettings settings) =>
        GoModDownload(context, [Single(goMod)], settings);

    /// <summary>Runs <c>go mod download</c> for several components.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders.</param>
    /// <example>
    /// <code>
    /// Task("GoDownload").Does(() => GoModDownload(GetFiles("tools/**/go.mod")));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void GoModDownload(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods) =>
        GoModDownload(context, goMods, new GoMirrorSettings());

    /// <summary>Runs <c>go mod download</c> for several components under the given policy.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders.</param>
    /// <param name="settings">The policy and options.</param>
    /// <example>
    /// <code>
    /// Task("GoDownload").Does(() =>
    ///     GoModDownload(GetFiles("tools/**/go.mod"), new GoMirrorSettings { Flags = "-mod=mod" }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static void GoModDownload(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods, GoMirrorSettings settings) =>
        GoMirrorStep.Run(context, settings, goMods, "download", engine => engine.DownloadAsync());

    /// <summary>Writes the reproducibility reports for one component (by default under <c>artifacts/gomirror</c>).</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMod">The component's go.mod, or its folder.</param>
    /// <returns>The report file, its fingerprint and every file written.</returns>
    /// <example>
    /// <code>
    /// var report = GoMirrorReport("tools/agent/go.mod");
    /// Information("GoMirror fingerprint {0}", report.Fingerprint);
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static GoMirrorReportResult GoMirrorReport(this ICakeContext context, GoModPath goMod) =>
        GoMirrorReport(context, goMod, new GoMirrorSettings());

    /// <summary>Writes the reproducibility reports for one component in the chosen formats.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMod">The component's go.mod, or its folder.</param>
    /// <param name="settings">The policy, report folder, formats and baseline.</param>
    /// <returns>The report file, its fingerprint and every file written.</returns>
    /// <example>
    /// <code>
    /// var report = GoMirrorReport("tools/agent/go.mod", new GoMirrorSettings
    /// {
    ///     ReportDir = "artifacts/gomirror",
    ///     ReportFormats = "json;junit;cyclonedx",
    ///     BaselineReport = "baseline/gomirror-report.json",
    /// });
    /// Information("Report {0} ({1})", report.ReportFile, report.Fingerprint);
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static GoMirrorReportResult GoMirrorReport(this ICakeContext context, GoModPath goMod, GoMirrorSettings settings) =>
        GoMirrorReport(context, [Single(goMod)], settings);

    /// <summary>Writes one set of reproducibility reports covering several components.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders.</param>
    /// <returns>The report file, its fingerprint and every file written.</returns>
    /// <example>
    /// <code>
    /// var report = GoMirrorReport(GetFiles("tools/**/go.mod"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static GoMirrorReportResult GoMirrorReport(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods) =>
        GoMirrorReport(context, goMods, new GoMirrorSettings());

    /// <summary>Writes one set of reproducibility reports covering several components, in the chosen formats.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders.</param>
    /// <param name="settings">The policy, report folder, formats and baseline.</param>
    /// <returns>The report file, its fingerprint and every file written.</returns>
    /// <example>
    /// <code>
    /// var report = GoMirrorReport(GetFiles("tools/**/go.mod"), new GoMirrorSettings { ReportFormats = "all" });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static GoMirrorReportResult GoMirrorReport(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods, GoMirrorSettings settings) =>
        ToResult(GoMirrorStep.Run(context, settings, goMods, "report", engine => engine.ReportAsync()));

    /// <summary>Checks the policy, pre-warms the module cache, runs <c>go mod download</c> and writes the reports for one component, in that order.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMod">The component's go.mod, or its folder.</param>
    /// <returns>The report file, its fingerprint and every file written.</returns>
    /// <example>
    /// <code>
    /// Task("Go").Does(() => GoMirror("tools/agent/go.mod"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static GoMirrorReportResult GoMirror(this ICakeContext context, GoModPath goMod) =>
        GoMirror(context, goMod, new GoMirrorSettings());

    /// <summary>Checks the policy, pre-warms the module cache, runs <c>go mod download</c> and writes the reports for one component, in that order.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMod">The component's go.mod, or its folder.</param>
    /// <param name="settings">The policy and options.</param>
    /// <returns>The report file, its fingerprint and every file written.</returns>
    /// <example>
    /// <code>
    /// #addin nuget:?package=Cake.GoMirror&amp;version=0.1.0
    ///
    /// Task("Go").Does(() =>
    /// {
    ///     var report = GoMirror("tools/agent/go.mod", new GoMirrorSettings
    ///     {
    ///         Proxy = "https://goproxy.corp.example|https://proxy.golang.org,direct",
    ///         Private = "corp.example",
    ///         ReportFormats = "json;markdown;junit;cyclonedx",
    ///     });
    ///     Information("GoMirror fingerprint {0}", report.Fingerprint);
    /// });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static GoMirrorReportResult GoMirror(this ICakeContext context, GoModPath goMod, GoMirrorSettings settings) =>
        GoMirror(context, [Single(goMod)], settings);

    /// <summary>Does everything (policy, pre-warm, download, reports) for several components.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders.</param>
    /// <returns>The report file, its fingerprint and every file written.</returns>
    /// <example>
    /// <code>
    /// Task("Go").Does(() => GoMirror(GetFiles("tools/**/go.mod")));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static GoMirrorReportResult GoMirror(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods) =>
        GoMirror(context, goMods, new GoMirrorSettings());

    /// <summary>Does everything (policy, pre-warm, download, reports) for several components under the given settings.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders.</param>
    /// <param name="settings">The policy and options.</param>
    /// <returns>The report file, its fingerprint and every file written.</returns>
    /// <example>
    /// <code>
    /// Task("Go").Does(() =>
    ///     GoMirror(GetFiles("tools/**/go.mod"), new GoMirrorSettings { Proxy = "https://goproxy.corp.example", Offline = true }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static GoMirrorReportResult GoMirror(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods, GoMirrorSettings settings) =>
        ToResult(GoMirrorStep.Run(context, settings, goMods, "run", engine => engine.RunAsync()));

    /// <summary>
    /// Measures the mirrors (<see cref="GoMirrorSettings.ProbeProxies"/>, else GOPROXY's URL entries; plus the public
    /// mirrors the documentation lists with <see cref="GoMirrorSettings.ProbeKnown"/>) with module versions from the
    /// components' go.sum: latency, zip throughput, checksum database support, staleness and consistency. Writes
    /// <c>gomirror-probe.json</c> and <c>gomirror-probe.md</c> into the report folder. Fails the task when a mirror
    /// serves other bytes than go.sum records, or nothing could be probed.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders whose go.sum gives the samples.</param>
    /// <param name="settings">The mirrors and policy.</param>
    /// <returns>Every mirror measured, best first, and the suggested GOPROXY.</returns>
    /// <example>
    /// <code>
    /// Task("Mirrors").Does(() =>
    /// {
    ///     var probe = GoMirrorProbe(GetFiles("tools/**/go.mod"), new GoMirrorSettings { ProbeProxies = "https://goproxy.corp.example;https://goproxy.cn" });
    ///     Information("Suggested GOPROXY: {0}", probe.SuggestedProxy);
    /// });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static MirrorProbeResult GoMirrorProbe(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods, GoMirrorSettings settings) =>
        GoMirrorStep.Probe(context, settings, goMods);

    /// <summary>Measures the mirrors of the environment's GOPROXY with versions from the components' go.sum.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders.</param>
    /// <returns>Every mirror measured, best first, and the suggested GOPROXY.</returns>
    /// <example>
    /// <code>
    /// Task("Mirrors").Does(() => GoMirrorProbe(GetFiles("tools/**/go.mod")));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static MirrorProbeResult GoMirrorProbe(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods) =>
        GoMirrorProbe(context, goMods, new GoMirrorSettings());

    /// <summary>Pre-warms the module cache for one component, then packs its verified module set into a
    /// <c>.nupkg</c> (in <see cref="GoMirrorSettings.ModuleSetOutput"/>) for a NuGet feed other runners warm from.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMod">The component's go.mod, or its folder.</param>
    /// <returns>The packages written.</returns>
    /// <example>
    /// <code>
    /// Task("PackModules").Does(() => GoMirrorPackModules("tools/agent/go.mod"));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static FilePathCollection GoMirrorPackModules(this ICakeContext context, GoModPath goMod) =>
        GoMirrorPackModules(context, goMod, new GoMirrorSettings());

    /// <summary>Pre-warms the module cache for one component under the given settings, then packs its module set.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMod">The component's go.mod, or its folder.</param>
    /// <param name="settings">The policy and options.</param>
    /// <returns>The packages written.</returns>
    /// <example>
    /// <code>
    /// Task("PackModules").Does(() =>
    /// {
    ///     var packages = GoMirrorPackModules("tools/agent/go.mod", new GoMirrorSettings().WithModuleSetOutput("artifacts/modulesets"));
    ///     DotNetNuGetPush(packages.First(), new DotNetNuGetPushSettings { Source = "modulesets", SkipDuplicate = true });
    /// });
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static FilePathCollection GoMirrorPackModules(this ICakeContext context, GoModPath goMod, GoMirrorSettings settings) =>
        GoMirrorPackModules(context, [Single(goMod)], settings);

    /// <summary>Pre-warms the module cache for several components, then packs each one's module set.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders.</param>
    /// <returns>The packages written, one per component with a non-empty set.</returns>
    /// <example>
    /// <code>
    /// Task("PackModules").Does(() => GoMirrorPackModules(GetFiles("tools/**/go.mod")));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static FilePathCollection GoMirrorPackModules(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods) =>
        GoMirrorPackModules(context, goMods, new GoMirrorSettings());

    /// <summary>Pre-warms the module cache for several components under the given settings, then packs each one's module set.</summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="goMods">go.mod files or their folders.</param>
    /// <param name="settings">The policy and options.</param>
    /// <returns>The packages written, one per component with a non-empty set.</returns>
    /// <example>
    /// <code>
    /// Task("PackModules").Does(() =>
    ///     GoMirrorPackModules(GetFiles("tools/**/go.mod"), new GoMirrorSettings { ModuleSetOutput = "artifacts/modulesets" }));
    /// </code>
    /// </example>
    [CakeMethodAlias]
    public static FilePathCollection GoMirrorPackModules(this ICakeContext context, IEnumerable<Cake.Core.IO.Path> goMods, GoMirrorSettings settings)
    {
        var result = GoMirrorStep.Run(context, settings, goMods, "pack", async engine =>
        {
            var prewarm = await engine.PrewarmAsync().ConfigureAwait(false);
            return prewarm.Succeeded ? await engine.PackModuleSetsAsync().ConfigureAwait(false) : PackStepResult.Failed(prewarm.Diagnostics, prewarm.Duration);
        });
        return new FilePathCollection(result.Packages.Select(p => new FilePath(p)));
    }

    private static Cake.Core.IO.Path Single(GoModPath goMod) =>
        (goMod ?? throw new ArgumentNullException(nameof(goMod))).Path;

    private static GoMirrorReportResult ToResult(ReportStepResult result) =>
        new(result.ReportFile is { } file ? new FilePath(file) : null, result.Fingerprint, [.. result.Files.Select(f => new FilePath(f))]);
}
