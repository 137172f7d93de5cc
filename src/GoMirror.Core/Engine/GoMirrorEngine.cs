using System.Diagnostics;
using System.Globalization;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.ModuleSets;
using GoMirror.Core.Prewarm;
using GoMirror.Core.Proxy;
using GoMirror.Core.Reports;
using GoMirror.Core.Toolchain;
using Diagnostic = GoMirror.Core.Diagnostics.Diagnostic;

namespace GoMirror.Core.Engine;

/// <summary>
/// The one entry point hosts call: check the policy, pre-warm the module cache, run <c>go mod download</c> per
/// component, write the report. Steps may run in one instance (<see cref="RunAsync"/>) or in separate instances
/// and processes (MSBuild runs three tasks): each saves its results in a state folder in the module cache
/// (<c>$GOMODCACHE/cache/gomirror/state/&lt;key&gt;/</c>) and later steps read them. A step whose inputs did not
/// change since its last successful run, with every version still in the cache, is skipped: a run with nothing
/// changed starts no go process and sends no request.
/// Everything logged or returned is redacted with the policy's redactor.
/// </summary>
/// <remarks>
/// A step whose predecessor did not run for the current inputs: the download runs anyway (the go command then
/// fetches what the cache lacks itself, one request at a time, and the log says so); the report is made from
/// whichever of the pre-warm and download results exist (a warning, GOMIRROR0578, when the download's are
/// missing) and fails with GOMIRROR0577 when neither exists. No step ever does network work of another step.
/// </remarks>
public sealed class GoMirrorEngine : IDisposable
{
    private const string ReportJsonName = "gomirror-report.json";

    private readonly GoMirrorOptions _options;
    private readonly IGoMirrorLog _log;
    private readonly Lock _gate = new();
    private readonly UpToDateCheck _steps = new();
    private EngineSetup? _setup;
    private GoProxyClient? _client;

    /// <summary>Creates an engine; nothing is read or resolved until the first call.</summary>
    /// <param name="options">What to do.</param>
    /// <param name="log">Where to report.</param>
    public GoMirrorEngine(GoMirrorOptions options, IGoMirrorLog log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        _options = options;
        _log = log;
    }

    /// <summary>The state folder of these components and report folder, once <see cref="CheckPolicy"/> has run
    /// successfully; null otherwise.</summary>
    public string? StateDirectory => _setup?.State?.Folder;

    /// <summary>
    /// Resolves the policy and checks it with the options and the components' go.mod and go.sum files. Every
    /// diagnostic goes to the log (once per engine). No network, no go process.
    /// </summary>
    public PolicyCheckResult CheckPolicy() => GetSetup().Check;

    /// <summary>
    /// Fetches every module version the components' go.sum files name into the module cache, in parallel,
    /// through the policy's proxies, verified against go.sum before anything lands. Private modules
    /// (GONOPROXY/GOPRIVATE) are never requested from any proxy. Skipped when nothing changed since the last
    /// successful run (see <see cref="StepResult.SkipReason"/>).
    /// </summary>
    public async Task<StepResult> PrewarmAsync(CancellationToken ct = default)
    {
        var step = Begin(EngineStep.Prewarm, "pre-warm");
        if (step.Early is { } early)
        {
            return early;
        }

        var (setup, stamp, diagnostics, clock) = (step.Setup, step.Stamp!, step.Diagnostics, step.Clock);
        var plan = _steps.Plan(setup);
        using var pull = ModuleSetStep.IsOn(_options) ? await ModuleSetStep.PullAsync(setup, Detail, ct).ConfigureAwait(false) : ModuleSetPull.None;
        diagnostics.AddRange(pull.Diagnostics);
        var checksums = ChecksumDatabaseFor(setup, plan, pull);
        var prewarmer = new ModulePrewarmer(setup.Policy, setup.Cache!, () => Client(setup), _options.MaxParallel, checksums) { LeadingProxies = pull.Proxies };

        // The toolchains (75 MB zips each) stream beside the modules, not before them: the one to provision, and each
        // one a component's go.mod or go.work makes the go command switch to, so Go finds it and switches offline.
        var toolchains = ToolchainsToWarm(setup).Select(t => WarmToolchainAsync(setup, t.Toolchain, t.Purpose, ct)).ToList();
        var result = await prewarmer.RunAsync(plan, ct).ConfigureAwait(false);
        foreach (var toolchain in toolchains)
        {
            diagnostics.AddRange((await toolchain.ConfigureAwait(false)).Diagnostics);
        }

        diagnostics.AddRange(setup.Credentials.TakeDiagnostics());
        diagnostics.AddRange(CreatedClient()?.TakeFailoverDiagnostics() ?? []);
        if (checksums?.TreeHeadNote is { Length: > 0 } treeHead)
        {
            Log(GoMirrorLogLevel.Normal, $"GoMirror pre-warm: verified against checksum database {checksums.Name}, signed tree head:\n{treeHead.TrimEnd()}");
        }

        // A module a pulled set served is named by its package and feed, never by the temporary folder it was read from.
        var modules = result.Modules.Select(m => new ServedModule(m, pull.FolderThatServed(m.ServedBy))).ToList();
        foreach (var (module, folder) in modules)
        {
            var from = folder is not null ? $" from module set {folder.Set.Id} {folder.Set.Version} ({folder.Feed})" : module.ServedBy is null ? string.Empty : " from " + module.ServedBy;
            Log(GoMirrorLogLevel.Detailed, string.Create(CultureInfo.InvariantCulture,
                $"  {module.Module}: {Describe(module.Outcome)}{from}, {module.Bytes} bytes, {module.Duration.TotalMilliseconds:0} ms"));
        }

        diagnostics.AddRange(result.Diagnostics);
        var pushDiagnostics = new List<Diagnostic>();
        var pushed = ModuleSetStep.IsOn(_options) ? await ModuleSetStep.PushAsync(setup, result, pull, pushDiagnostics, Detail, ct).ConfigureAwait(false) : [];
        diagnostics.AddRange(pushDiagnostics);
        var sets = ModuleSetStep.IsOn(_options) ? pull.WithServedModules(result).Concat(pushed).ToList() : null;
        var state = new PrewarmState(
            stamp.ToState(),
            result.Succeeded,
            result.Duration,
            [.. modules.Select(m => m.Folder is null ? ModuleState.From(m.Result) : ModuleState.From(m.Result) with { ServedBy = m.Folder.Feed, ModuleSet = m.Folder.Set.Id + " " + m.Folder.Set.Version })],
            [.. result.Diagnostics.Select(DiagnosticState.From)],
            sets);
        _steps.Prewarm.Save(setup.State!, state, diagnostics);
        var fromFeed = modules.Count(m => m.Folder is not null && m.Result.Outcome == PrewarmOutcome.Downloaded);
        Log(GoMirrorLogLevel.Minimal, string.Create(CultureInfo.InvariantCulture,
            $"GoMirror pre-warm: {result.Modules.Count} module versions: {result.CacheHits} already cached, {result.Downloaded} downloaded ({result.Bytes} bytes{(sets is null ? string.Empty : $", {fromFeed} of them from module sets")}), {result.LeftToGoCommand} left to the go command, {result.Failed} failed; {result.Duration.TotalSeconds:0.00} s, up to {prewarmer.MaxParallel} at once."));
        return Finish(diagnostics, clock);
    }

    /// <summary>
    /// Packs each component's module set (every <c>.mod</c>, <c>.info</c> and <c>.zip</c> its go.sum names that a
    /// proxy may serve, checked against go.sum again) from the module cache into a deterministic <c>.nupkg</c> in
    /// <see cref="GoMirrorOptions.ModuleSetOutput"/>. Run the pre-warm first: a set is packed whole or not at all
    /// (GOMIRROR1100 when the cache lacks a version). Touches no network.
    /// </summary>
    public async Task<PackStepResult> PackModuleSetsAsync(CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var setup = GetSetup();
        if (!setup.Check.Succeeded)
        {
            return PackStepResult.Failed(setup.Check.Diagnostics, clock.Elapsed);
        }

        var diagnostics = new DiagnosticBag();
        var results = await ModuleSetStep.PackAsync(setup, ct).ConfigureAwait(false);
        foreach (var packed in results)
        {
            diagnostics.AddRange(packed.Diagnostics);
            if (packed.PackagePath is { } package)
            {
                Log(GoMirrorLogLevel.Normal, string.Create(CultureInfo.InvariantCulture,
                    $"GoMirror pack: {packed.Set.Id} {packed.Set.Version}: {packed.Set.Items.Count} module versions, {packed.Bytes} bytes -> {package}"));
            }
        }

        var step = Finish(diagnostics, clock);
        return new PackStepResult(step.Succeeded, step.Diagnostics, step.Duration, [.. results.Select(r => r.PackagePath).OfType<string>()]);
    }

    /// <summary>
    /// Runs <c>go mod download -json</c> in each component against the warmed cache, with exactly the resolved
    /// policy's Go environment, and with <see cref="GoMirrorOptions.Offline"/> proves each component also downloads
    /// with <c>GOPROXY=off</c>. Skipped when nothing changed since the last successful run.
    /// </summary>
    public async Task<StepResult> DownloadAsync(CancellationToken ct = default)
    {
        var step = Begin(EngineStep.Download, "go mod download");
        if (step.Early is { } early)
        {
            return early;
        }

        var (setup, stamp, diagnostics, clock) = (step.Setup, step.Stamp!, step.Diagnostics, step.Clock);
        var goExecutable = setup.Go.ExecutablePath;
        if (ProvisionedVersion(setup) is { } version)
        {
            var provisioned = await WarmToolchainAsync(setup, version, "provisioned", ct).ConfigureAwait(false);
            diagnostics.AddRange(provisioned.Diagnostics);
            if (!provisioned.Succeeded)
            {
                return Finish(diagnostics, clock);
            }

            goExecutable = provisioned.GoExecutable;
        }
        else if (setup.Go.Failure is { } notFound)
        {
            // An explicit GoExecutable that leads nowhere is a wrong path (its own error); an empty search may be provisioned.
            diagnostics.Add(_options.GoExecutable is { Length: > 0 }
                ? notFound
                : ToolchainFetchDiagnostics.ProvisionNeedsVersion.Create(
                    $"no go executable was found ({notFound.Message}), GoMirrorGoVersion is not set, and no component's go.mod or go.work names a Go release in its toolchain or go line, so there is no Go to provision through the mirror."));
            return Finish(diagnostics, clock);
        }

        if (_steps.Prewarm.LatestSummary(setup.State!, stamp, diagnostics)?.Stamp != stamp.Value)
        {
            Log(GoMirrorLogLevel.Normal, "GoMirror: the pre-warm has not run for these inputs; go mod download fetches what the module cache lacks itself, one request at a time.");
        }

        var run = await new DownloadStep(_options, Log).RunAsync(setup, goExecutable!, diagnostics, clock, ct).ConfigureAwait(false);
        var stepDiagnostics = diagnostics.ToList();
        var state = new DownloadState(stamp.ToState(), !diagnostics.HasErrors, run.GoVersion, run.Duration, run.OfflineDuration, run.Components, [.. stepDiagnostics.Select(Redact).Select(DiagnosticState.From)]);
        _steps.Download.Save(setup.State!, state, diagnostics);
        Log(GoMirrorLogLevel.Minimal, string.Create(CultureInfo.InvariantCulture,
            $"GoMirror go mod download: {run.Components.Count(c => c.Succeeded)} of {run.Components.Count} components, {run.Components.Sum(c => c.Modules.Count)} modules reported by {DescribeGo(run)}; {run.Duration.TotalSeconds:0.00} s."));
        return Finish(diagnostics, clock);
    }

    /// <summary>
    /// Joins the pre-warm and download results into the reproducibility report and writes it (the formats
    /// chosen, drift against the baseline, CI publishing). Skipped, with the earlier files kept, when nothing
    /// changed since the last successful run.
    /// </summary>
    public Task<ReportStepResult> ReportAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var step = Begin(EngineStep.Report, "report");
        if (step.Early is { } early)
        {
            return Task.FromResult(ReportStepResult.Kept(early, step.Freshness?.Report));
        }

        var (setup, stamp, diagnostics, clock, freshness) = (step.Setup, step.Stamp!, step.Diagnostics, step.Clock, step.Freshness!);
        var prewarm = _steps.Prewarm.Current(setup.State!, stamp, diagnostics);
        var download = _steps.Download.Current(setup.State!, stamp, diagnostics);
        if (prewarm is null && download is null)
        {
            diagnostics.Add(EngineDiagnostics.NothingToReport.Create(
                $"Neither the pre-warm nor the download ran for the current inputs of {string.Join(", ", setup.Components.Select(c => InputStamp.Label(c, setup.RepositoryRoot)))} (state folder {setup.State!.Folder}); {freshness.Why}."));
            var failed = Finish(diagnostics, clock);
            return Task.FromResult(ReportStepResult.Failed(failed.Diagnostics, failed.Duration));
        }

        if (download is null)
        {
            diagnostics.Add(EngineDiagnostics.ReportWithoutDownload.Create(
                "go mod download did not run for the current inputs; the report records the pre-warm's go.sum-checked hashes only."));
        }

        var findings = (prewarm?.Diagnostics ?? []).Concat(download?.Diagnostics ?? []).Select(d => d.ToDiagnostic()).Concat(diagnostics.ToList());
        var input = ReportInputAssembler.Build(setup.Policy, setup.Components, prewarm, download, _options.Tool, findings);
        var run = ReportRun.Execute(new ReportRunRequest
        {
            Input = input,
            RepositoryRoot = setup.RepositoryRoot,
            OutputRoot = setup.ReportDirectory,
            Formats = setup.Formats,
            BaselinePath = setup.BaselinePath,
            Drift = setup.Drift,
            Leg = _options.ReportLeg,
            Environment = setup.Host.Get,
            Log = _options.CiOutput ?? Console.Out,
            Redactor = setup.Policy.Redactor,
        });
        diagnostics.AddRange(run.Diagnostics);
        var reportFile = run.Files.FirstOrDefault(f => Path.GetFileName(f) == ReportJsonName);
        var state = new ReportState(stamp.ToState(), !run.HasErrors, clock.Elapsed, prewarm is not null, download is not null, reportFile, run.Report.Fingerprint, [.. run.Files], [.. run.Diagnostics.Select(Redact).Select(DiagnosticState.From)]);
        _steps.Report.Save(setup.State!, state, diagnostics);
        Log(GoMirrorLogLevel.Minimal, $"GoMirror report: {run.Files.Count} files in {run.ReportFolder}; fingerprint {run.Report.Fingerprint}.");
        return Task.FromResult(ReportStepResult.Written(Finish(diagnostics, clock), reportFile, run.Report.Fingerprint, [.. run.Files]));
    }

    /// <summary>Runs <see cref="CheckPolicy"/>, <see cref="PrewarmAsync"/>, <see cref="DownloadAsync"/> and
    /// <see cref="ReportAsync"/> in order and stops after the first that fails. The result is the report step's
    /// (or the failed step's) with every step's diagnostics and the total duration.</summary>
    public async Task<ReportStepResult> RunAsync(CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var check = CheckPolicy();
        var all = new List<Diagnostic>(check.Diagnostics);
        if (!check.Succeeded)
        {
            return ReportStepResult.Failed(all, clock.Elapsed);
        }

        foreach (var step in new Func<CancellationToken, Task<StepResult>>[] { PrewarmAsync, DownloadAsync })
        {
            var result = await step(ct).ConfigureAwait(false);
            all.AddRange(result.Diagnostics);
            if (!result.Succeeded)
            {
                return ReportStepResult.Failed(all, clock.Elapsed);
            }
        }

        var report = await ReportAsync(ct).ConfigureAwait(false);
        all.AddRange(report.Diagnostics);
        return report with { Diagnostics = all, Duration = clock.Elapsed };
    }

    /// <inheritdoc />
    public void Dispose() => _client?.Dispose();

    // The Go that ran, and the Go found beside it when a component switched.
    private static string DescribeGo(DownloadRun run)
    {
        var ran = run.Components.Select(c => c.Toolchain?.Go).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var found = run.GoVersion ?? "go";
        return ran.Count == 0 || (ran.Count == 1 && ran[0] == found) ? found : $"{string.Join(", ", ran)} (found {found})";
    }

    private static string Describe(PrewarmOutcome outcome) => outcome switch
    {
        PrewarmOutcome.CacheHit => "already cached",
        PrewarmOutcome.Downloaded => "downloaded",
        PrewarmOutcome.LeftToGoCommand => "left to the go command",
        _ => "failed",
    };

    // The start every step shares: the checked setup, then the up-to-date check. Early is set when the step
    // must not run: the check failed, or every result is up to date (skipped).
    private StepStart Begin(EngineStep step, string name)
    {
        var clock = Stopwatch.StartNew();
        var setup = GetSetup();
        var diagnostics = new DiagnosticBag();
        if (!setup.Check.Succeeded)
        {
            return new StepStart(setup, null, null, diagnostics, clock, StepResult.Failed(setup.Check.Diagnostics, clock.Elapsed));
        }

        var stamp = setup.Stamp();
        var freshness = _steps.Evaluate(setup, stamp, step, diagnostics);
        if (freshness.UpToDate)
        {
            return new StepStart(setup, stamp, freshness, diagnostics, clock, Skip(name, freshness, diagnostics, clock));
        }

        if (step != EngineStep.Report)
        {
            _steps.ForgetCacheCheck();
        }

        Log(GoMirrorLogLevel.Normal, $"GoMirror {name} runs: {freshness.Why}.");
        return new StepStart(setup, stamp, freshness, diagnostics, clock, null);
    }

    private StepResult Skip(string step, Freshness freshness, DiagnosticBag diagnostics, Stopwatch clock)
    {
        var reason = $"up to date: inputs unchanged since the last run; {freshness.Present} module versions present in the cache";
        Log(GoMirrorLogLevel.Normal, $"GoMirror {step} skipped: {reason}.");
        return StepResult.UpToDate(reason, Logged(diagnostics), clock.Elapsed);
    }

    private StepResult Finish(DiagnosticBag diagnostics, Stopwatch clock) => StepResult.Ran(Logged(diagnostics), clock.Elapsed);

    // Every diagnostic of a step, redacted, goes to the log once.
    private List<Diagnostic> Logged(DiagnosticBag diagnostics)
    {
        var list = diagnostics.ToList().Select(Redact).ToList();
        foreach (var d in list)
        {
            _log.Diagnostic(d);
        }

        return list;
    }

    // GoMirrorGoVersion names the Go to run. Without it, and with no Go found (nor an explicit GoExecutable, whose
    // wrong path is its own error), the components' toolchain or go lines name it: the newest release they ask for.
    // Failing both, nothing is provisioned and the download step says what to set.
    private string? ProvisionedVersion(EngineSetup setup)
    {
        if (setup.Cache is null)
        {
            return null;
        }

        if (_options.GoVersion is { Length: > 0 } version)
        {
            return ToolchainFetchPlatform.ToolchainNameOf(version);
        }

        if (setup.Go.Found || _options.GoExecutable is { Length: > 0 })
        {
            return null;
        }

        var asked = setup.Components.Select(c => ToolchainLines.Read(c.GoModPath)).Select(ReleaseAskedFor).OfType<string>().ToList();
        return asked.Count == 0 ? null : "go" + asked.Aggregate(GoVersionOrder.Max);
    }

    // A release (1.23.5, not the language version 1.23) from the toolchain line, else the go line.
    private static string? ReleaseAskedFor(ToolchainLines lines)
    {
        var toolchain = GoVersionOrder.FromToolchain(lines.Toolchain);
        var candidate = toolchain.Length > 0 ? toolchain : lines.Go;
        return GoVersionOrder.IsValid(candidate) && !GoVersionOrder.IsLang(candidate) ? candidate : null;
    }

    // The toolchain to provision, then every toolchain a component switches to (a module download), each once.
    private IEnumerable<ToolchainToWarm> ToolchainsToWarm(EngineSetup setup)
    {
        var provisioned = ProvisionedVersion(setup);
        var warmed = provisioned is null ? [] : new[] { new ToolchainToWarm(provisioned, "provisioned") };
        var switched = setup.Cache is null
            ? []
            : setup.Toolchains.Where(c => c.Kind == ToolchainChoiceKind.Switch && !c.Fails && c.Toolchain != provisioned)
                .Select(c => c.Toolchain).Distinct(StringComparer.Ordinal).Select(t => new ToolchainToWarm(t, "pre-warmed for the switch"));
        return warmed.Concat(switched);
    }

    // Fetches (or finds in the cache) the toolchain through the mirror, verified, and says in the log where it came from.
    private async Task<ToolchainFetchResult> WarmToolchainAsync(EngineSetup setup, string toolchain, string purpose, CancellationToken ct)
    {
        var fetched = await new ToolchainPrewarmer(setup.Policy, setup.Cache!, Client(setup), line => Log(GoMirrorLogLevel.Normal, line))
            .FetchAsync(toolchain, ToolchainFetchPlatform.Host, ct).ConfigureAwait(false);
        if (fetched.Succeeded)
        {
            var from = fetched.Outcome == ToolchainFetchOutcome.Downloaded ? "downloaded from " + fetched.ServedBy : "already in the module cache";
            Log(GoMirrorLogLevel.Minimal, $"GoMirror: Go {toolchain} {purpose} ({fetched.Module}, {from}; {fetched.ZipHash}, verified by {fetched.Verification}): {fetched.GoExecutable}");
        }

        return fetched;
    }

    // The checksum database, only when the plan needs it: a version go.sum lacks, or every line with SumDbVerifyAll.
    // A pulled set with records of the database takes its place, as a proxy that answers /sumdb/<name>/supported does for Go.
    private ChecksumVerifier? ChecksumDatabaseFor(EngineSetup setup, PrewarmPlan plan, ModuleSetPull pull) =>
        setup.Policy.ChecksumDatabase is { IsOff: false } database
        && plan.Fetchable.Any(i => i.FromChecksumDatabase || (_options.SumDbVerifyAll && setup.Policy.UsesChecksumDatabase(i.Module.Path)))
            ? ChecksumDatabaseSession.Open(setup.Policy, database, _options.SumDbVerifyAll, Client(setup), remote => pull.ChecksumDatabaseRemote(database, remote) is { } sets ? (sets, sets.Description) : null)
            : null;

    private GoProxyClient Client(EngineSetup setup)
    {
        lock (_gate)
        {
            return _client ??= new GoProxyClient(EngineSetup.WithHostSettings(_options.ProxyClient ?? new GoProxyClientOptions(), _options) with { Redactor = setup.Policy.Redactor, Credentials = setup.Credentials });
        }
    }

    /// <summary>Whether a step of this engine has built the HTTP client (a step that fetches nothing builds none).</summary>
    internal bool HasHttpClient => CreatedClient() is not null;

    // The client when a step has needed one; a step that fetched nothing created none and has no failover to report.
    private GoProxyClient? CreatedClient()
    {
        lock (_gate)
        {
            return _client;
        }
    }

    private Diagnostic Redact(Diagnostic d)
    {
        var redactor = _setup?.Policy.Redactor;
        return redactor is null ? d : redactor.Redact(d);
    }

    private void Detail(string text) => Log(GoMirrorLogLevel.Detailed, text);

    private void Log(GoMirrorLogLevel level, string text) =>
        _log.Message(level, _setup?.Policy.Redactor.Redact(text) ?? text);

    private EngineSetup GetSetup()
    {
        lock (_gate)
        {
            if (_setup is null)
            {
                _setup = EngineSetup.Create(_options);
                foreach (var d in _setup.Check.Diagnostics)
                {
                    _log.Diagnostic(d);
                }
            }

            return _setup;
        }
    }

    // Records, not tuples, so the LINQ over them runs precompiled generic code (docs/performance.md, finding 13).
    private sealed record ServedModule(ModulePrewarmResult Result, ModuleSetFolder? Folder);

    private sealed record ToolchainToWarm(string Toolchain, string Purpose);

    private sealed record StepStart(EngineSetup Setup, InputStamp? Stamp, Freshness? Freshness, DiagnosticBag Diagnostics, Stopwatch Clock, StepResult? Early);
}
