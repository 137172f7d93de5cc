using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using GoMirror.Core.Hashing;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Core.SumDb;
using Diagnostic = GoMirror.Core.Diagnostics.Diagnostic;

namespace GoMirror.Core.Prewarm;

/// <summary>
/// Fills a module cache with what a <see cref="PrewarmPlan"/> names, many module versions at once, through the
/// GOPROXY list of the policy. Every byte is checked before it lands: a go.mod against its <c>/go.mod</c> line, a
/// zip against its <c>h1:</c> line (by <see cref="GoModuleCache.StoreZipAsync"/>, before the rename), and the
/// <c>.info</c> against Go's rules; a version whose checks fail leaves nothing Go would trust. A version that is
/// already complete costs a few stat calls and one read of its 48-byte <c>.ziphash</c>; nothing is re-hashed.
/// </summary>
internal sealed class ModulePrewarmer
{
    /// <summary>The default number of module versions fetched at once. Sized for network latency (a mirror
    /// answers in 40–600 ms), not for processor cores: the work is waiting, not computing.</summary>
    public const int DefaultMaxParallel = 32;

    private readonly GoMirrorPolicy _policy;
    private readonly GoModuleCache _cache;
    private readonly Func<GoProxyClient> _client;
    private readonly ChecksumVerifier? _checksums;

    /// <summary>Creates a pre-warmer.</summary>
    /// <param name="policy">The resolved policy: its proxies (<see cref="GoMirrorPolicy.ProxiesFor"/>) and redactor.</param>
    /// <param name="cache">The module cache to fill.</param>
    /// <param name="client">The GOPROXY client (shared; its connection pool serves every request).</param>
    /// <param name="maxParallel">Module versions fetched at once; 0 or less for <see cref="DefaultMaxParallel"/>.</param>
    public ModulePrewarmer(GoMirrorPolicy policy, GoModuleCache cache, GoProxyClient client, int maxParallel = 0)
        : this(policy, cache, Given(client), maxParallel, null)
    {
    }

    /// <summary>Creates the pre-warmer, with the checksum database for what go.sum lacks. The client is asked for
    /// only when a version must be fetched, so a run that finds everything cached builds no HTTP stack.</summary>
    internal ModulePrewarmer(GoMirrorPolicy policy, GoModuleCache cache, Func<GoProxyClient> client, int maxParallel, ChecksumVerifier? checksums)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(client);
        _policy = policy;
        _cache = cache;
        _client = client;
        MaxParallel = maxParallel > 0 ? maxParallel : DefaultMaxParallel;
        _checksums = checksums;
    }

    /// <summary>Module versions fetched at once.</summary>
    public int MaxParallel { get; }

    private static Func<GoProxyClient> Given(GoProxyClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return () => client;
    }

    /// <summary>Proxies tried before the policy's GOPROXY list for every path a proxy may serve, never for a
    /// GONOPROXY path: module sets pulled from a NuGet feed, as <c>file://</c> folders. Their answers are verified
    /// like any proxy's; what they lack falls through to the configured list.</summary>
    public IReadOnlyList<ProxyEntry> LeadingProxies { get; init; } = [];

    /// <summary>
    /// True when <paramref name="item"/> is complete in <paramref name="cache"/> as the go command would find it:
    /// its <c>.mod</c> (when go.sum has a <c>/go.mod</c> line) and, when a zip is needed, its <c>.info</c>, <c>.zip</c>,
    /// <c>.ziphash</c> and extracted folder without <c>.partial</c>. Stat calls only.
    /// </summary>
    public static bool IsCached(GoModuleCache cache, PrewarmItem item)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(item);
        var (path, version) = (item.Module.Path, item.Module.Version);
        return ((item.GoModHash is null && !item.FromChecksumDatabase) || cache.IsModCached(path, version))
            && (!item.NeedsZip || (cache.IsInfoCached(path, version) && cache.IsZipComplete(path, version) && cache.IsExtracted(path, version)));
    }

    /// <summary>Runs the plan. Failures are results with diagnostics; only cancellation throws.</summary>
    public async Task<PrewarmResult> RunAsync(PrewarmPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var clock = Stopwatch.StartNew();
        var results = new ModulePrewarmResult[plan.Items.Count];
        // A version go.sum alone vouches for that is already cached costs a few stat calls and one small read: checked
        // here, in turn, so a restored cache never starts the parallel machinery. The rest go out in parallel, over
        // indexed items, not Enumerable.Range: Parallel.ForEachAsync over a reference type runs precompiled code,
        // over int the JIT compiles it in every fresh process (docs/performance.md, finding 13).
        var pending = new List<Slot>();
        for (var i = 0; i < results.Length; i++)
        {
            var item = plan.Items[i];
            if (ChecksByGoSumAlone(item) && GoSumHit(new Run(item, Stopwatch.StartNew())) is { } hit)
            {
                results[i] = hit;
                continue;
            }

            pending.Add(new Slot(i, item));
        }

        if (pending.Count > 0)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = MaxParallel, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(pending, options, async (slot, token) =>
                results[slot.Index] = await PrewarmAsync(slot.Item, token).ConfigureAwait(false)).ConfigureAwait(false);
        }

        var diagnostics = plan.Diagnostics.Concat(results.SelectMany(r => r.Diagnostics)).Select(_policy.Redactor.Redact).ToList();
        return new PrewarmResult(results, diagnostics, clock.Elapsed);
    }

    private async Task<ModulePrewarmResult> PrewarmAsync(PrewarmItem item, CancellationToken cancellationToken)
    {
        var run = new Run(item, Stopwatch.StartNew());
        if (item.Disposition != PrewarmDisposition.Fetch)
        {
            run.Diagnostics.AddRange(item.Diagnostics);
            return run.End(PrewarmOutcome.LeftToGoCommand);
        }

        if (UsesChecksumDatabase(item))
        {
            var check = await _checksums.CheckAsync(item, cancellationToken).ConfigureAwait(false);
            if (check.Failure is { } failure)
            {
                run.Diagnostics.Add(failure);
                return run.End(PrewarmOutcome.Failed);
            }

            run = new Run(check.Item, run.Clock) { Verification = check.Verification };
            var checkedResult = IsCached(_cache, check.Item) ? Hit(run) : await FetchAsync(run, cancellationToken).ConfigureAwait(false);
            return check.Item.FromChecksumDatabase ? ChecksumVerifier.AsSecurityErrors(checkedResult) : checkedResult;
        }

        if (item.FromChecksumDatabase)
        {
            // The plan only asks for a lookup when the database is on for this path; without a verifier it cannot be done.
            run.Diagnostics.Add(SumDbDiagnostics.Unverified.Create(
                $"{item.Module}: go.mod requires it and go.sum has no line for it, and no checksum database is available to verify it; left to the go command.",
                item.Diagnostics.FirstOrDefault()?.Location));
            return run.End(PrewarmOutcome.LeftToGoCommand);
        }

        return GoSumHit(run) ?? await FetchAsync(run, cancellationToken).ConfigureAwait(false);
    }

    // A version go.sum alone vouches for: its hit when the cache holds it whole, else null (it must be fetched).
    private ModulePrewarmResult? GoSumHit(Run run)
    {
        run.Verification = "go.sum";
        return IsCached(_cache, run.Item) ? Hit(run) : null;
    }

    // The database checks what go.sum lacks, and every line when SumDbVerifyAll asks for it.
    [MemberNotNullWhen(true, nameof(_checksums))]
    private bool UsesChecksumDatabase(PrewarmItem item) =>
        _checksums is not null && (item.FromChecksumDatabase || _checksums.VerifyAll) && _policy.UsesChecksumDatabase(item.Module.Path);

    // A version to fetch whose go.sum lines are its only check (the "go.sum" branch of PrewarmAsync).
    private bool ChecksByGoSumAlone(PrewarmItem item) =>
        item.Disposition == PrewarmDisposition.Fetch && !item.FromChecksumDatabase && !UsesChecksumDatabase(item);

    private ModulePrewarmResult Hit(Run run)
    {
        var item = run.Item;
        run.GoModHash = item.GoModHash?.Hash;
        if (item.ZipHash is { } expected)
        {
            // One small read, no re-hash: go.sum may have changed since the zip was cached.
            var cached = _cache.TryGetCachedZipHash(item.Module.Path, item.Module.Version);
            if (cached != expected.Hash)
            {
                run.Diagnostics.Add(ModuleCacheDiagnostics.CachedHashDiffers.Create(
                    $"{item.Module}: the module cache holds a zip that hashes to {cached ?? "(no valid .ziphash)"}, but {expected.Location} expects {expected.Hash}.",
                    expected.Location));
                return run.End(PrewarmOutcome.Failed);
            }

            run.ZipHash = cached;
        }

        return run.End(PrewarmOutcome.CacheHit);
    }

    private async Task<ModulePrewarmResult> FetchAsync(Run run, CancellationToken cancellationToken)
    {
        var item = run.Item;
        var (path, version) = (item.Module.Path, item.Module.Version);
        var proxies = ProxiesFor(path);

        // All three requests of a version go out at once (one round trip, not two). The .mod and .info are held in
        // memory and checked while the zip streams to a temp file; the zip lands only when they passed too, and they
        // land only after it, so a version whose checks fail leaves nothing Go would trust.
        var modTask = item.GoModHash is not null && !_cache.IsModCached(path, version)
            ? _client().FetchModAsync(path, version, proxies, cancellationToken)
            : null;
        var infoTask = item.NeedsZip && !_cache.IsInfoCached(path, version)
            ? _client().FetchInfoAsync(path, version, proxies, cancellationToken)
            : null;
        var smallFiles = CheckSmallFilesAsync(item, modTask, infoTask);
        using var zipCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var zipTask = item.ZipHash is { } expectedZip
            ? StoreZipAsync(item, proxies, expectedZip, async () => (await smallFiles.ConfigureAwait(false)).Passed, zipCancel.Token)
            : null;
        var small = await smallFiles.ConfigureAwait(false);
        ZipStore? zip = null;
        if (!small.Passed)
        {
            // The zip can no longer land: stop its download rather than wait for it.
            await zipCancel.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            zip = zipTask is null ? null : await zipTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!small.Passed && !cancellationToken.IsCancellationRequested)
        {
            // Stopped above; the cache deleted its temp file.
        }

        // When the small files failed, the zip was discarded unseen and its own fetch problems (most often the same
        // proxy failing the same way) are not reported: the small files' diagnostics say why the version failed.
        var smallPassed = run.Accept(small.Mod) && run.Accept(small.Info);
        run.Diagnostics.AddRange(small.Diagnostics);
        if (!smallPassed || small.Diagnostics.Count > 0)
        {
            return run.End(PrewarmOutcome.Failed);
        }

        if (zip is not null && !AcceptZip(run, zip))
        {
            return run.End(PrewarmOutcome.Failed);
        }

        var mod = small.Mod;
        if (mod?.Value is { } verified && !run.Stored(await _cache.StoreModAsync(path, version, verified, item.GoModHash!.Hash, item.GoModHash.Location, cancellationToken).ConfigureAwait(false)))
        {
            return run.End(PrewarmOutcome.Failed);
        }

        run.GoModHash = item.GoModHash?.Hash;
        if (small.InfoJson is { } infoJson && !run.Stored(await _cache.StoreInfoAsync(path, version, infoJson, cancellationToken).ConfigureAwait(false)))
        {
            return run.End(PrewarmOutcome.Failed);
        }

        if (item.NeedsZip && !run.Stored(await _cache.ExtractAsync(path, version, cancellationToken).ConfigureAwait(false)))
        {
            return run.End(PrewarmOutcome.Failed);
        }

        run.ServedBy ??= mod?.ServedBy ?? small.Info?.ServedBy;
        return run.End(run.ServedBy is null ? PrewarmOutcome.CacheHit : PrewarmOutcome.Downloaded);
    }

    private IReadOnlyList<ProxyEntry> ProxiesFor(string path)
    {
        var configured = _policy.ProxiesFor(path);
        return LeadingProxies.Count == 0 || configured.Count == 0 ? configured : [.. LeadingProxies, .. configured];
    }

    // The .mod against go.sum and the .info against Go's rules; touches no shared state, so it runs beside the zip.
    private static async Task<SmallFiles> CheckSmallFilesAsync(PrewarmItem item, Task<ProxyFetchResult<byte[]>>? modTask, Task<ProxyFetchResult<ModuleVersionInfo>>? infoTask)
    {
        var mod = modTask is null ? null : await modTask.ConfigureAwait(false);
        var info = infoTask is null ? null : await infoTask.ConfigureAwait(false);
        var diagnostics = new List<Diagnostic>();
        if (mod is { Succeeded: false } || info is { Succeeded: false })
        {
            return new SmallFiles(mod, info, null, diagnostics, Passed: false);
        }

        if (mod?.Value is { } goMod && item.GoModHash is { } expectedMod)
        {
            var actual = ModuleHash.HashGoMod(goMod);
            if (actual != expectedMod.Hash)
            {
                diagnostics.Add(ModuleCacheDiagnostics.GoModChecksumMismatch.Create(
                    $"{item.Module}: the go.mod served by {mod.ServedBy} hashes to {actual}, but {expectedMod.Location} expects {expectedMod.Hash}; nothing was stored.",
                    expectedMod.Location));
                return new SmallFiles(mod, info, null, diagnostics, Passed: false);
            }
        }

        byte[]? infoJson = null;
        if (info?.Value is { } served && !GoInfoJson.TryCanonicalize(served.Content.Span, item.Module.Version, out infoJson, out var problem))
        {
            diagnostics.Add(ModuleCacheDiagnostics.InvalidInfo.Create(
                $"{item.Module}: the .info served by {info.ServedBy} cannot be used: {problem}; nothing was stored.", item.GoSumLine));
            return new SmallFiles(mod, info, null, diagnostics, Passed: false);
        }

        return new SmallFiles(mod, info, infoJson, diagnostics, Passed: true);
    }

    private async Task<ZipStore> StoreZipAsync(PrewarmItem item, IReadOnlyList<ProxyEntry> proxies, ExpectedHash expected, Func<Task<bool>> mayLand, CancellationToken cancellationToken)
    {
        var (path, version) = (item.Module.Path, item.Module.Version);
        ProxyFetchResult? fetched = null;
        var stored = await _cache.StoreZipGatedAsync(
            path,
            version,
            async (stream, token) =>
            {
                fetched = await _client().FetchZipAsync(path, version, proxies, stream, token).ConfigureAwait(false);
                return fetched.Succeeded;
            },
            expected.Hash,
            expected.Location,
            mayLand,
            extract: item.NeedsZip,
            cancellationToken).ConfigureAwait(false);
        return new ZipStore(fetched, stored);
    }

    private static bool AcceptZip(Run run, ZipStore zip)
    {
        if (zip.Fetched is { } fetched)
        {
            run.Accept(fetched);
            if (!fetched.Succeeded)
            {
                // No proxy served it: the fetch's diagnostics say why; the cache only discarded its temp file.
                return false;
            }
        }

        if (!run.Stored(zip.Stored))
        {
            return false;
        }

        run.ZipHash = zip.Stored.Hash;
        return true;
    }

    // What the .mod and .info fetches gave and whether they may land; Diagnostics holds the checks' failures.
    private sealed record SmallFiles(ProxyFetchResult<byte[]>? Mod, ProxyFetchResult<ModuleVersionInfo>? Info, byte[]? InfoJson, List<Diagnostic> Diagnostics, bool Passed);

    // The zip's fetch (null when the cache already held it) and the cache's verdict.
    private sealed record ZipStore(ProxyFetchResult? Fetched, CacheStoreResult Stored);

    private sealed class Run(PrewarmItem item, Stopwatch clock)
    {
        public PrewarmItem Item { get; } = item;

        public Stopwatch Clock { get; } = clock;

        public List<Diagnostic> Diagnostics { get; } = [];

        public string? ServedBy { get; set; }

        public long Bytes { get; private set; }

        public string? ZipHash { get; set; }

        public string? GoModHash { get; set; }

        public string? Verification { get; set; }

        private bool ReachedDirect { get; set; }

        // Records a proxy fetch; false when it failed (its diagnostics say why).
        public bool Accept(ProxyFetchResult? fetch)
        {
            if (fetch is null)
            {
                return true;
            }

            Bytes += fetch.Bytes;
            ReachedDirect |= fetch.Outcome == ProxyFetchOutcome.LeftToGoCommand;
            Diagnostics.AddRange(fetch.Diagnostics.Select(d => d with { Location = d.Location ?? Item.GoSumLine }));
            if (fetch.Succeeded && fetch.Resource.EndsWith(".zip", StringComparison.Ordinal))
            {
                ServedBy = fetch.ServedBy;
            }

            return fetch.Succeeded;
        }

        // Records a cache write; false when the cache refused it. Its diagnostics name the module; add the proxy.
        public bool Stored(CacheStoreResult result)
        {
            if (result.Succeeded)
            {
                return true;
            }

            var by = ServedBy is null ? string.Empty : $" (served by {ServedBy})";
            Diagnostics.AddRange(result.Diagnostics.Select(d => d with
            {
                Message = d.Message.Contains(Item.Module.ToString(), StringComparison.Ordinal) ? d.Message + by : $"{Item.Module}: {d.Message}{by}",
                Location = d.Location ?? Item.GoSumLine,
            }));
            return false;
        }

        public ModulePrewarmResult End(PrewarmOutcome outcome)
        {
            if (outcome == PrewarmOutcome.Failed && ReachedDirect && !Diagnostics.Any(d => d.IsError))
            {
                // A fetch that reached 'direct' is the go command's to do, not a failure of ours.
                outcome = PrewarmOutcome.LeftToGoCommand;
            }

            return new ModulePrewarmResult(
                Item.Module,
                Item.NeedsZip,
                outcome,
                outcome == PrewarmOutcome.Downloaded ? ServedBy : null,
                Bytes,
                Clock.Elapsed,
                outcome is PrewarmOutcome.Downloaded or PrewarmOutcome.CacheHit ? ZipHash : null,
                outcome is PrewarmOutcome.Downloaded or PrewarmOutcome.CacheHit ? GoModHash : null,
                Item.GoSumLine,
                Item.Components,
                Diagnostics)
            {
                Verification = outcome is PrewarmOutcome.Downloaded or PrewarmOutcome.CacheHit ? Verification : null,
            };
        }
    }

    private sealed record Slot(int Index, PrewarmItem Item);
}
