using System.Diagnostics;
using System.Globalization;
using GoMirror.Core.Ci;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoCommand;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.Policy;
using GoMirror.Core.Prewarm;
using GoMirror.Core.Proxy;
using GoMirror.Core.Reports;
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
    private const int ListedMissingModules = 5;

    private readonly GoMirrorOptions _options;
    private readonly IGoMirrorLog _log;
    private readonly Lock _gate = new();
    private Setup? _setup;
    private GoProxyClient? _client;
    private PrewarmState? _prewarm;
    private DownloadState? _download;
    private ReportState? _report;
    private PrewarmPlan? _plan;
    private CacheCheck? _cacheCheck;

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
        var step = Begin(Step.Prewarm, "pre-warm");
        if (step.Early is { } early)
        {
            return early;
        }

        var (setup, stamp, diagnostics, clock) = (step.Setup, step.Stamp!, step.Diagnostics, step.Clock);
        var plan = Plan(setup);
        using var checksums = ChecksumDatabaseFor(setup.Policy, plan);
        var prewarmer = new ModulePrewarmer(setup.Policy, setup.Cache!, Client(setup), _options.MaxParallel, checksums?.Verifier);
        var result = await prewarmer.RunAsync(plan, ct).ConfigureAwait(false);
        if (checksums?.Verifier.TreeHeadNote is { Length: > 0 } treeHead)
        {
            Log(GoMirrorLogLevel.Normal, $"GoMirror pre-warm: verified against checksum database {checksums.Verifier.Name}, signed tree head:\n{treeHead.TrimEnd()}");
        }

        foreach (var module in result.Modules)
        {
            Log(GoMirrorLogLevel.Detailed, string.Create(CultureInfo.InvariantCulture,
                $"  {module.Module}: {Describe(module.Outcome)}{(module.ServedBy is null ? string.Empty : " from " + module.ServedBy)}, {module.Bytes} bytes, {module.Duration.TotalMilliseconds:0} ms"));
        }

        diagnostics.AddRange(result.Diagnostics);
        var state = new PrewarmState(
            stamp.ToState(),
            result.Succeeded,
            result.Duration,
            [.. result.Modules.Select(ToState)],
            [.. result.Diagnostics.Select(DiagnosticState.From)]);
        _prewarm = state;
        setup.State!.Write(state, diagnostics);
        Log(GoMirrorLogLevel.Minimal, string.Create(CultureInfo.InvariantCulture,
            $"GoMirror pre-warm: {result.Modules.Count} module versions: {result.CacheHits} already cached, {result.Downloaded} downloaded ({result.Bytes} bytes), {result.LeftToGoCommand} left to the go command, {result.Failed} failed; {result.Duration.TotalSeconds:0.00} s, up to {prewarmer.MaxParallel} at once."));
        return Finish(diagnostics, clock);
    }

    /// <summary>
    /// Runs <c>go mod download -json</c> in each component against the warmed cache, with exactly the resolved
    /// policy's Go environment, and with <see cref="GoMirrorOptions.Offline"/> proves each component also downloads
    /// with <c>GOPROXY=off</c>. Skipped when nothing changed since the last successful run.
    /// </summary>
    public async Task<StepResult> DownloadAsync(CancellationToken ct = default)
    {
        var step = Begin(Step.Download, "go mod download");
        if (step.Early is { } early)
        {
            return early;
        }

        var (setup, stamp, diagnostics, clock) = (step.Setup, step.Stamp!, step.Diagnostics, step.Clock);
        if (setup.Go.Failure is { } notFound)
        {
            diagnostics.Add(notFound);
            return Finish(diagnostics, clock);
        }

        if (Latest(Summary(_prewarm), setup.State!.ReadPrewarmSummary(diagnostics), stamp)?.Stamp != stamp.Value)
        {
            Log(GoMirrorLogLevel.Normal, "GoMirror: the pre-warm has not run for these inputs; go mod download fetches what the module cache lacks itself, one request at a time.");
        }

        var go = setup.Go.ExecutablePath!;
        var environment = setup.Policy.ToGoEnvironment();
        var components = new List<ComponentDownloadState>();
        foreach (var component in setup.Components)
        {
            var result = await DownloadComponentAsync(setup, go, component, environment, ct).ConfigureAwait(false);
            diagnostics.AddRange(result.Diagnostics);
            components.Add(new ComponentDownloadState(
                component.GoModPath,
                result.Succeeded,
                null,
                [.. result.Modules.Select(m => new GoModuleState(m.Path, m.Version, m.Sum, m.GoModSum, m.Error is null ? null : setup.Policy.Redactor.Redact(m.Error)))]));
        }

        var goVersion = (await GoToolchainInspector.Shared.GetInfoAsync(go, diagnostics, ct).ConfigureAwait(false))?.Version.Text;
        var duration = clock.Elapsed;
        TimeSpan? offlineDuration = null;
        if (_options.Offline && !diagnostics.HasErrors)
        {
            var offline = Stopwatch.StartNew();
            var withoutNetwork = new Dictionary<string, string>(environment, StringComparer.Ordinal) { [PolicyVariables.GoProxy] = "off" };
            for (var i = 0; i < setup.Components.Count; i++)
            {
                var component = setup.Components[i];
                var result = await DownloadComponentAsync(setup, go, component, withoutNetwork, ct).ConfigureAwait(false);
                components[i] = components[i] with { OfflineSucceeded = result.Succeeded };
                if (!result.Succeeded)
                {
                    diagnostics.Add(EngineDiagnostics.OfflineProofFailed.Create(
                        $"{InputStamp.Label(component, setup.RepositoryRoot)}: go mod download with GOPROXY=off failed after the pre-warm and download: the component still needs the network.",
                        SourceLocation.InFile(component.GoModPath)));
                    diagnostics.AddRange(result.Diagnostics);
                }
            }

            offlineDuration = offline.Elapsed;
            Log(GoMirrorLogLevel.Minimal, string.Create(CultureInfo.InvariantCulture,
                $"GoMirror offline proof (GOPROXY=off): {components.Count(c => c.OfflineSucceeded == true)} of {components.Count} components download without the network; {offline.Elapsed.TotalSeconds:0.00} s."));
        }

        var stepDiagnostics = diagnostics.ToList();
        var state = new DownloadState(stamp.ToState(), !diagnostics.HasErrors, goVersion, duration, offlineDuration, components, [.. stepDiagnostics.Select(Redact).Select(DiagnosticState.From)]);
        _download = state;
        setup.State.Write(state, diagnostics);
        Log(GoMirrorLogLevel.Minimal, string.Create(CultureInfo.InvariantCulture,
            $"GoMirror go mod download: {components.Count(c => c.Succeeded)} of {components.Count} components, {components.Sum(c => c.Modules.Count)} modules reported by {goVersion ?? "go"}; {duration.TotalSeconds:0.00} s."));
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
        var step = Begin(Step.Report, "report");
        if (step.Early is { } early)
        {
            var kept = step.Freshness?.Report;
            return Task.FromResult(new ReportStepResult(early.Succeeded, early.Skipped, early.SkipReason, early.Diagnostics, early.Duration, kept?.ReportFile, kept?.Fingerprint, kept?.Files ?? []));
        }

        var (setup, stamp, diagnostics, clock, freshness) = (step.Setup, step.Stamp!, step.Diagnostics, step.Clock, step.Freshness!);
        var prewarm = Current(_prewarm, setup.State!.ReadPrewarm, stamp, diagnostics);
        var download = Current(_download, setup.State.ReadDownload, stamp, diagnostics);
        if (prewarm is null && download is null)
        {
            diagnostics.Add(EngineDiagnostics.NothingToReport.Create(
                $"Neither the pre-warm nor the download ran for the current inputs of {string.Join(", ", setup.Components.Select(c => InputStamp.Label(c, setup.RepositoryRoot)))} (state folder {setup.State.Folder}); {freshness.Why}."));
            var failed = Finish(diagnostics, clock);
            return Task.FromResult(new ReportStepResult(false, false, null, failed.Diagnostics, failed.Duration, null, null, []));
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
            BaselinePath = BaselinePath(setup),
            Drift = setup.Drift,
            Leg = _options.ReportLeg,
            Environment = setup.Host.Get,
            Log = _options.CiOutput ?? Console.Out,
            Redactor = setup.Policy.Redactor,
        });
        diagnostics.AddRange(run.Diagnostics);
        var reportFile = run.Files.FirstOrDefault(f => Path.GetFileName(f) == ReportJsonName);
        var state = new ReportState(stamp.ToState(), !run.HasErrors, clock.Elapsed, prewarm is not null, download is not null, reportFile, run.Report.Fingerprint, [.. run.Files], [.. run.Diagnostics.Select(Redact).Select(DiagnosticState.From)]);
        _report = state;
        setup.State.Write(state, diagnostics);
        Log(GoMirrorLogLevel.Minimal, $"GoMirror report: {run.Files.Count} files in {run.ReportFolder}; fingerprint {run.Report.Fingerprint}.");
        var result = Finish(diagnostics, clock);
        return Task.FromResult(new ReportStepResult(result.Succeeded, false, null, result.Diagnostics, result.Duration, reportFile, run.Report.Fingerprint, [.. run.Files]));
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
            return new ReportStepResult(false, false, null, all, clock.Elapsed, null, null, []);
        }

        foreach (var step in new Func<CancellationToken, Task<StepResult>>[] { PrewarmAsync, DownloadAsync })
        {
            var result = await step(ct).ConfigureAwait(false);
            all.AddRange(result.Diagnostics);
            if (!result.Succeeded)
            {
                return new ReportStepResult(false, false, null, all, clock.Elapsed, null, null, []);
            }
        }

        var report = await ReportAsync(ct).ConfigureAwait(false);
        all.AddRange(report.Diagnostics);
        return report with { Diagnostics = all, Duration = clock.Elapsed };
    }

    /// <inheritdoc />
    public void Dispose() => _client?.Dispose();

    private static string Describe(PrewarmOutcome outcome) => outcome switch
    {
        PrewarmOutcome.CacheHit => "already cached",
        PrewarmOutcome.Downloaded => "downloaded",
        PrewarmOutcome.LeftToGoCommand => "left to the go command",
        _ => "failed",
    };

    private static ModuleState ToState(ModulePrewarmResult m) => new(
        m.Module.Path,
        m.Module.Version,
        m.NeedsZip,
        m.Outcome.ToString(),
        m.ServedBy,
        m.Bytes,
        m.Duration,
        m.ZipHash,
        m.GoModHash,
        m.GoSumLine?.File,
        m.GoSumLine?.Line ?? 0,
        [.. m.Components],
        m.Verification);

    // A step's results made from the current inputs (this instance's or the state folder's), else null.
    private static T? Current<T>(T? mine, Func<DiagnosticBag, T?> read, InputStamp stamp, DiagnosticBag diagnostics)
        where T : class
    {
        var latest = Latest(mine, read, stamp, diagnostics);
        return StampOf(latest) == stamp.Value ? latest : null;
    }

    // The state folder's results, unless only this instance's were made from the current inputs (its write failed).
    private static T? Latest<T>(T? mine, Func<DiagnosticBag, T?> read, InputStamp stamp, DiagnosticBag diagnostics)
        where T : class
    {
        var saved = read(diagnostics);
        return StampOf(mine) == stamp.Value && StampOf(saved) != stamp.Value ? mine : saved ?? mine;
    }

    // The same choice over summaries.
    private static StepSummary? Latest(StepSummary? mine, StepSummary? saved, InputStamp stamp) =>
        mine?.Stamp == stamp.Value && saved?.Stamp != stamp.Value ? mine : saved ?? mine;

    private static StepSummary? Summary(PrewarmState? state) => state is null ? null : StepSummary.From(state);

    private static StepSummary? Summary(DownloadState? state) => state is null ? null : StepSummary.From(state);

    private static StepSummary? Summary(ReportState? state) => state is null ? null : StepSummary.From(state);

    private static string? StampOf<T>(T? state)
        where T : class => state switch
        {
            PrewarmState p => p.Stamp.Value,
            DownloadState d => d.Stamp.Value,
            ReportState r => r.Stamp.Value,
            _ => null,
        };

    private async Task<GoModDownloadResult> DownloadComponentAsync(Setup setup, string go, GoComponent component, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var result = await GoModDownloader.DownloadAsync(
            new GoModDownloadRequest(go, component.Directory, environment)
            {
                GoSumPath = component.GoSumPath,
                PassProxyVariables = true,
                Timeout = _options.GoTimeout,
                Redactor = setup.Policy.Redactor,
                StandardErrorLine = line => Log(GoMirrorLogLevel.Detailed, "  go: " + line),
            },
            ct).ConfigureAwait(false);
        Log(GoMirrorLogLevel.Detailed, string.Create(CultureInfo.InvariantCulture, $"  {result.CommandLine} → exit {result.ExitCode}, {result.Modules.Count} modules, {result.Duration.TotalSeconds:0.00} s"));
        return result;
    }

    // A step is up to date when its own last run succeeded with the current stamp (equal stamps mean equal
    // inputs, so the other steps' results it depends on are unchanged too), the versions the pre-warm fetches
    // are still complete in the cache, and, for the report, its files exist and no step ran after it. Only the
    // steps' summaries are read; a full record only to say what changed when the stamps differ.
    private Freshness Evaluate(Setup setup, InputStamp stamp, Step step, DiagnosticBag diagnostics)
    {
        var state = setup.State!;
        var prewarm = Latest(Summary(_prewarm), state.ReadPrewarmSummary(diagnostics), stamp);
        var download = Latest(Summary(_download), state.ReadDownloadSummary(diagnostics), stamp);
        var report = Latest(Summary(_report), state.ReadReportSummary(diagnostics), stamp);
        var (name, own) = step switch
        {
            Step.Prewarm => ("the pre-warm", prewarm),
            Step.Download => ("go mod download", download),
            _ => ("the report", report),
        };
        var reasons = new List<string>();
        var (referenceStep, reference) = own is not null ? (step, own)
            : report is not null ? (Step.Report, report)
            : download is not null ? (Step.Download, download)
            : (Step.Prewarm, prewarm);
        if (reference is null)
        {
            reasons.Add($"no earlier run is recorded in {state.Folder} (the first run, or the module cache was cleaned)");
        }
        else if (reference.Stamp != stamp.Value && FullStamp(state, referenceStep, stamp, diagnostics) is { } before)
        {
            reasons.AddRange(stamp.ChangesSince(before));
        }

        if (reasons.Count == 0 && own?.Stamp != stamp.Value)
        {
            reasons.Add(name + " has not run for these inputs");
        }
        else if (reasons.Count == 0 && own?.Succeeded != true)
        {
            reasons.Add("the last run of " + name + " failed");
        }

        if (reasons.Count == 0 && step == Step.Report)
        {
            reasons.AddRange(report!.Files.Where(f => !File.Exists(f)).Select(f => $"report file {f} is missing"));
            if (download?.Stamp == stamp.Value && !report.UsedDownload)
            {
                reasons.Add("go mod download ran after the report was made");
            }

            if (prewarm?.Stamp == stamp.Value && !report.UsedPrewarm)
            {
                reasons.Add("the pre-warm ran after the report was made");
            }
        }

        var present = 0;
        if (reasons.Count == 0)
        {
            var check = CheckCache(setup);
            reasons.AddRange(check.Missing.Take(ListedMissingModules).Select(m => m + " is missing from the module cache"));
            if (check.Missing.Count > ListedMissingModules)
            {
                reasons.Add($"{check.Missing.Count - ListedMissingModules} more module versions are missing from the module cache");
            }

            present = check.Present;
        }

        return new Freshness(reasons, present, report);
    }

    // The stamp, with its parts, of the step whose summary was the reference: enough to say what changed.
    private StampState? FullStamp(EngineState state, Step step, InputStamp stamp, DiagnosticBag diagnostics) => step switch
    {
        Step.Prewarm => Latest(_prewarm, state.ReadPrewarm, stamp, diagnostics)?.Stamp,
        Step.Download => Latest(_download, state.ReadDownload, stamp, diagnostics)?.Stamp,
        _ => Latest(_report, state.ReadReport, stamp, diagnostics)?.Stamp,
    };

    // The plan and the cache check are made once per engine: the components and the policy are resolved once,
    // and only a step that runs changes the module cache (Begin then drops the check).
    private PrewarmPlan Plan(Setup setup)
    {
        lock (_gate)
        {
            return _plan ??= PrewarmPlan.Create(setup.Components, setup.Policy);
        }
    }

    private CacheCheck CheckCache(Setup setup)
    {
        lock (_gate)
        {
            if (_cacheCheck is null)
            {
                var fetchable = Plan(setup).Fetchable.ToList();
                var missing = fetchable.Where(i => !ModulePrewarmer.IsCached(setup.Cache!, i)).Select(i => i.Module.ToString()).ToList();
                _cacheCheck = new CacheCheck(fetchable.Count - missing.Count, missing);
            }

            return _cacheCheck;
        }
    }

    // The start every step shares: the checked setup, then the up-to-date check. Early is set when the step
    // must not run: the check failed, or every result is up to date (skipped).
    private StepStart Begin(Step step, string name)
    {
        var clock = Stopwatch.StartNew();
        var setup = GetSetup();
        var diagnostics = new DiagnosticBag();
        if (!setup.Check.Succeeded)
        {
            return new StepStart(setup, null, null, diagnostics, clock, new StepResult(false, false, null, setup.Check.Diagnostics, clock.Elapsed));
        }

        var stamp = Stamp(setup);
        var freshness = Evaluate(setup, stamp, step, diagnostics);
        if (freshness.UpToDate)
        {
            return new StepStart(setup, stamp, freshness, diagnostics, clock, Skip(name, freshness, diagnostics, clock));
        }

        if (step != Step.Report)
        {
            lock (_gate)
            {
                _cacheCheck = null;
            }
        }

        Log(GoMirrorLogLevel.Normal, $"GoMirror {name} runs: {freshness.Why}.");
        return new StepStart(setup, stamp, freshness, diagnostics, clock, null);
    }

    private StepResult Skip(string step, Freshness freshness, DiagnosticBag diagnostics, Stopwatch clock)
    {
        var reason = $"up to date: inputs unchanged since the last run; {freshness.Present} module versions present in the cache";
        Log(GoMirrorLogLevel.Normal, $"GoMirror {step} skipped: {reason}.");
        var list = diagnostics.ToList().Select(Redact).ToList();
        foreach (var d in list)
        {
            _log.Diagnostic(d);
        }

        return new StepResult(!list.Any(d => d.IsError), true, reason, list, clock.Elapsed);
    }

    private StepResult Finish(DiagnosticBag diagnostics, Stopwatch clock)
    {
        var list = diagnostics.ToList().Select(Redact).ToList();
        foreach (var d in list)
        {
            _log.Diagnostic(d);
        }

        return new StepResult(!list.Any(d => d.IsError), false, null, list, clock.Elapsed);
    }

    // The report folder's name, not the leg option alone: GOMIRROR_REPORT_LEG and the CI job name it too, and
    // a report written to another folder must not count as up to date.
    private InputStamp Stamp(Setup setup)
    {
        var settings = string.Join("\n",
            setup.ReportDirectory,
            ((int)setup.Formats).ToString(CultureInfo.InvariantCulture),
            _options.Offline ? "offline" : "online",
            BaselinePath(setup) ?? "no baseline",
            DriftSeverityList.Describe(setup.Drift),
            new CiEnvironment(setup.Host.Get).ReportFolderName(_options.ReportLeg, setup.Policy.Redactor),
            _options.Tool,
            setup.RepositoryRoot);
        return InputStamp.Compute(setup.Policy, setup.Components, setup.RepositoryRoot, setup.Go.ExecutablePath, settings, BaselinePath(setup));
    }

    private string? BaselinePath(Setup setup) =>
        string.IsNullOrWhiteSpace(_options.BaselineReport) ? null : Path.GetFullPath(_options.BaselineReport, setup.RepositoryRoot);

    // The checksum database, only when the plan needs it: a version go.sum lacks, or every line with SumDbVerifyAll.
    private ChecksumDatabaseSession? ChecksumDatabaseFor(GoMirrorPolicy policy, PrewarmPlan plan) =>
        policy.ChecksumDatabase is { IsOff: false } database
        && plan.Fetchable.Any(i => i.FromChecksumDatabase || (_options.SumDbVerifyAll && policy.UsesChecksumDatabase(i.Module.Path)))
            ? ChecksumDatabaseSession.Open(policy, database, _options.SumDbVerifyAll)
            : null;

    private GoProxyClient Client(Setup setup)
    {
        lock (_gate)
        {
            return _client ??= new GoProxyClient((_options.ProxyClient ?? new GoProxyClientOptions()) with { Redactor = setup.Policy.Redactor });
        }
    }

    private Diagnostic Redact(Diagnostic d)
    {
        var redactor = _setup?.Policy.Redactor;
        return redactor is null ? d : d with { Message = redactor.Redact(d.Message), Fix = redactor.Redact(d.Fix) };
    }

    private void Log(GoMirrorLogLevel level, string text) =>
        _log.Message(level, _setup?.Policy.Redactor.Redact(text) ?? text);

    private Setup GetSetup()
    {
        lock (_gate)
        {
            if (_setup is null)
            {
                _setup = Setup.Create(_options);
                foreach (var d in _setup.Check.Diagnostics)
                {
                    _log.Diagnostic(d);
                }
            }

            return _setup;
        }
    }

    private enum Step
    {
        Prewarm,
        Download,
        Report,
    }

    private sealed record StepStart(Setup Setup, InputStamp? Stamp, Freshness? Freshness, DiagnosticBag Diagnostics, Stopwatch Clock, StepResult? Early);

    private sealed record CacheCheck(int Present, IReadOnlyList<string> Missing);

    private sealed record Freshness(IReadOnlyList<string> Reasons, int Present, StepSummary? Report)
    {
        public bool UpToDate => Reasons.Count == 0;

        public string Why => string.Join("; ", Reasons);
    }

    // Everything resolved once per engine: the policy, the components, the folders, the cache and the state.
    private sealed class Setup
    {
        public required PolicyCheckResult Check { get; init; }

        public required GoPolicyHost Host { get; init; }

        public GoMirrorPolicy Policy => Check.Policy;

        public required IReadOnlyList<GoComponent> Components { get; init; }

        public required string RepositoryRoot { get; init; }

        public required string ReportDirectory { get; init; }

        public required ReportFormats Formats { get; init; }

        public required DriftOptions Drift { get; init; }

        public required GoLocation Go { get; init; }

        public GoModuleCache? Cache { get; init; }

        public EngineState? State { get; init; }

        public static Setup Create(GoMirrorOptions options)
        {
            var diagnostics = new DiagnosticBag();
            var host = options.Host ?? GoPolicyHost.FromCurrentProcess();
            GoMirrorPolicy policy;
            try
            {
                policy = GoMirrorPolicy.Resolve(host, options.PolicySettings);
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

            components.Sort((a, b) => string.CompareOrdinal(a.GoModPath, b.GoModPath));
            var firstGoMod = components.FirstOrDefault()?.GoModPath ?? options.GoModules.Select(p => Path.GetFullPath(p)).FirstOrDefault();
            var root = options.RepositoryRoot is { Length: > 0 } given
                ? Path.GetFullPath(given)
                : FindRepositoryRoot(firstGoMod) ?? Directory.GetCurrentDirectory();
            var reportDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(options.ReportDirectory) ? Path.Combine("artifacts", "gomirror") : options.ReportDirectory, root);
            var formats = ReportFormatList.Parse(options.ReportFormats, new SourceLocation("ReportFormats option"), diagnostics);
            var drift = DriftSeverityList.Parse(options.DriftSeverity, new SourceLocation("DriftSeverity option"), diagnostics);
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

            var machine = new GoLocatorEnvironment(host.Get, File.Exists, Directory.Exists, host.OperatingSystem == GoHostOS.Windows);
            var go = new GoExecutableLocator(machine).Locate(options.GoExecutable);
            var redacted = diagnostics.ToList().Select(d => d with { Message = policy.Redactor.Redact(d.Message), Fix = policy.Redactor.Redact(d.Fix) }).ToList();
            return new Setup
            {
                Check = new PolicyCheckResult(policy, redacted),
                Host = host,
                Components = components,
                RepositoryRoot = root,
                ReportDirectory = reportDirectory,
                Formats = formats,
                Drift = drift,
                Go = go,
                Cache = cache,
                State = state,
            };
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
    }
}
