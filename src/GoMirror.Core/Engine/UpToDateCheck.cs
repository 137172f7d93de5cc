using GoMirror.Core.Diagnostics;
using GoMirror.Core.Prewarm;

namespace GoMirror.Core.Engine;

/// <summary>The three steps that save state.</summary>
internal enum EngineStep
{
    Prewarm,
    Download,
    Report,
}

/// <summary>
/// Decides whether a step may be skipped, and otherwise says why it runs. A step is up to date when its own
/// last run succeeded with the current stamp (equal stamps mean equal inputs, so the other steps' results it
/// depends on are unchanged too), the versions the pre-warm fetches are still complete in the cache, and, for
/// the report, its files exist and no step ran after it. Only the steps' summaries are read; a full record only
/// to say what changed when the stamps differ. Holds each step's record and, once per engine, the plan and the
/// cache check (only a step that runs changes the module cache: <see cref="ForgetCacheCheck"/>).
/// </summary>
internal sealed class UpToDateCheck
{
    private const int ListedMissingModules = 5;

    private readonly Lock _gate = new();
    private PrewarmPlan? _plan;
    private CacheCheck? _cacheCheck;

    public StepRecord<PrewarmState> Prewarm { get; } = new();

    public StepRecord<DownloadState> Download { get; } = new();

    public StepRecord<ReportState> Report { get; } = new();

    /// <summary>The plan of the components and policy, made once.</summary>
    public PrewarmPlan Plan(EngineSetup setup)
    {
        lock (_gate)
        {
            return _plan ??= PrewarmPlan.Create(setup.Components, setup.Policy, setup.UnverifiedSeverity);
        }
    }

    /// <summary>Drops the cache check: a step is about to change the module cache.</summary>
    public void ForgetCacheCheck()
    {
        lock (_gate)
        {
            _cacheCheck = null;
        }
    }

    /// <summary>Why <paramref name="step"/> must run (no reasons: it is up to date), with the report's summary.</summary>
    public Freshness Evaluate(EngineSetup setup, InputStamp stamp, EngineStep step, DiagnosticBag diagnostics)
    {
        var state = setup.State!;
        var prewarm = Prewarm.LatestSummary(state, stamp, diagnostics);
        var download = Download.LatestSummary(state, stamp, diagnostics);
        var report = Report.LatestSummary(state, stamp, diagnostics);
        Func<StampState?> FullStamp<T>(StepRecord<T> record)
            where T : class, IStepState<T> =>
            () => record.Latest(state, stamp, diagnostics)?.Stamp;

        var (name, own, ownStamp) = step switch
        {
            EngineStep.Prewarm => ("the pre-warm", prewarm, FullStamp(Prewarm)),
            EngineStep.Download => ("go mod download", download, FullStamp(Download)),
            _ => ("the report", report, FullStamp(Report)),
        };
        var reasons = new List<string>();

        // The reference says what changed: the step's own last run, else the latest other step's.
        var (reference, referenceStamp) = own is not null ? (own, ownStamp)
            : report is not null ? (report, FullStamp(Report))
            : download is not null ? (download, FullStamp(Download))
            : (prewarm, FullStamp(Prewarm));
        if (reference is null)
        {
            reasons.Add($"no earlier run is recorded in {state.Folder} (the first run, or the module cache was cleaned)");
        }
        else if (reference.Stamp != stamp.Value && referenceStamp() is { } before)
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

        if (reasons.Count == 0 && step == EngineStep.Report)
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

    private CacheCheck CheckCache(EngineSetup setup)
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

    private sealed record CacheCheck(int Present, IReadOnlyList<string> Missing);
}

/// <summary>Why a step must run; none when it is up to date.</summary>
/// <param name="Reasons">Each reason, in words for the build log.</param>
/// <param name="Present">Module versions found complete in the cache (counted only when up to date).</param>
/// <param name="Report">The report step's latest summary, for the files a skipped report keeps.</param>
internal sealed record Freshness(IReadOnlyList<string> Reasons, int Present, StepSummary? Report)
{
    public bool UpToDate => Reasons.Count == 0;

    public string Why => string.Join("; ", Reasons);
}
