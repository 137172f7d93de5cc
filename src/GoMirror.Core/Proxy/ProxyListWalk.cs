using GoMirror.Core.Auth;
using System.Diagnostics;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;
using GoMirror.Core.Policy;
using GoMirror.Core.Web;

namespace GoMirror.Core.Proxy;

/// <summary>
/// Go's GOPROXY list walk (cmd/go/internal/modfetch/proxy.go <c>TryProxies</c>): tries the entries in order,
/// falls back after ',' only on 404/410 and after '|' on any error, stops at <c>direct</c> (left to the go
/// command) and <c>off</c>, ranks the failures as Go does, and words the result. Each entry's requests go
/// through the transport (http(s)) or the file reader (file:); the walk itself never touches the network.
/// </summary>
internal sealed class ProxyListWalk(GoProxyClientOptions options, HttpTransport transport, FileReader files, MirrorHealthBook health)
{
    private const string LostText = "cancelled: another entry answered first (hedged request)";

    /// <summary>Fetches <paramref name="resource"/> of a module (version) from the first entry that serves it.
    /// <paramref name="accept"/> checks a received body; a failure it returns counts as the entry's failure.</summary>
    public async Task<(ProxyFetchResult Result, T? Value)> WalkAsync<T>(
        string modulePath, string? version, string resource, IReadOnlyList<ProxyEntry> proxies, BodySink sink, Func<BodySink, (T? Value, FetchFailure? Failure)> accept, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(modulePath);
        ArgumentNullException.ThrowIfNull(proxies);
        if (proxies.Count == 0)
        {
            throw new ArgumentException("GOPROXY list is not the empty string, but contains no entries", nameof(proxies));
        }

        var clock = Stopwatch.StartNew();
        var request = new ProxyRequest(modulePath, version, resource);
        var entries = new List<ProxyEntryAttempt>();
        if (!ModuleEscaping.TryEscapePath(modulePath, out _, out var problem)
            || (version is not null && !ModuleEscaping.TryEscapeVersion(version, out _, out problem)))
        {
            return (Finish(request, ProxyFetchOutcome.Failed, null, 0, clock, entries, [ProxyDiagnostics.InvalidModuleRequest.Create(
                $"{request.Subject}: {options.Redactor.Redact(problem)}; it cannot be requested from a proxy.")]), null);
        }

        var tail = await WalkFromAsync(0, request, proxies, sink, accept, cancellationToken).ConfigureAwait(false);
        foreach (var step in tail.Steps)
        {
            entries.Add(new ProxyEntryAttempt(step.Entry.DisplayName, step.Run.Requests, step.Run.StatusCode, step.Run.Lost ? LostText : step.Run.Failure?.Text, step.Run.Duration));
        }

        var failures = tail.Steps.Where(f => f.Run.Failure is not null).Select(f => (f.Entry, f.Run)).ToList();
        if (tail.Served is { } served)
        {
            return (Finish(request, ProxyFetchOutcome.Succeeded, served.Entry.DisplayName, served.Run.Bytes, clock, entries, Warnings(request, failures)), served.Run.Value as T);
        }

        if (tail.ReachedDirect)
        {
            var earlier = Warnings(request, failures);
            earlier.Insert(0, ProxyDiagnostics.LeftToGoCommand.Create(
                $"{request.Subject}: no proxy before 'direct' served {resource}; left to the go command (direct), which fetches from version control."));
            return (Finish(request, ProxyFetchOutcome.LeftToGoCommand, null, 0, clock, entries, earlier), null);
        }

        // Go's TryProxies ranking: a proxy error other than "not found" beats "not found"; among equals, the later wins.
        (ProxyEntry Entry, EntryRun Run)? best = null;
        var bestRank = ErrorRank.NotExist;
        foreach (var (entry, run) in failures)
        {
            if (!run.Failure!.IsNotExist && bestRank <= ErrorRank.Proxy)
            {
                best = (entry, run);
                bestRank = ErrorRank.Proxy;
            }
            else if (bestRank == ErrorRank.NotExist)
            {
                best = (entry, run);
            }
        }

        var stoppedBy = tail.StoppedBefore;
        sink.Reset();
        var (bestEntry, bestRun) = best!.Value;
        var outcome = bestRun.Failure!.Kind switch
        {
            FailureKind.NotFound => ProxyFetchOutcome.NotFound,
            FailureKind.Disabled => ProxyFetchOutcome.Disabled,
            _ => ProxyFetchOutcome.Failed,
        };
        var diagnostics = new List<Diagnostic> { Describe(request, bestEntry, bestRun, failures, stoppedBy, null) };
        diagnostics.AddRange(failures.Where(f => !ReferenceEquals(f.Run, bestRun)).Select(f => Describe(request, f.Entry, f.Run, failures, null, DiagnosticSeverity.Info)));
        return (Finish(request, outcome, null, 0, clock, entries, diagnostics), null);
    }

    // A skipped mirror is not warned about per request: GOMIRROR0414 said it once when its breaker opened.
    private List<Diagnostic> Warnings(ProxyRequest request, List<(ProxyEntry Entry, EntryRun Run)> failures) =>
        [.. failures.Where(f => !f.Run.Failure!.IsNotExist && !f.Run.Failure.Skipped).Select(f => Describe(request, f.Entry, f.Run, failures, null, DiagnosticSeverity.Warning))];

    private static ProxyFetchResult Finish(ProxyRequest request, ProxyFetchOutcome outcome, string? servedBy, long bytes, Stopwatch clock, List<ProxyEntryAttempt> entries, IReadOnlyList<Diagnostic> diagnostics) =>
        new(request.ModulePath, request.Version, request.Resource, outcome, servedBy, bytes, clock.Elapsed, entries, diagnostics);

    private static Diagnostic Describe(ProxyRequest request, ProxyEntry entry, EntryRun run, List<(ProxyEntry Entry, EntryRun Run)> failures, string? stoppedBefore, DiagnosticSeverity? severity)
    {
        var failure = run.Failure!;
        var requests = run.Requests == 1 ? "1 request" : $"{run.Requests} requests";
        if (failure.Kind == FailureKind.Disabled)
        {
            return ProxyDiagnostics.LookupDisabled.Create($"{request.Subject}: module lookup disabled by GOPROXY=off.", severity: severity);
        }

        if (failure.Kind == FailureKind.NotFound)
        {
            var tried = string.Join(", ", failures.Where(f => f.Run.Failure!.Kind == FailureKind.NotFound).Select(f => f.Entry.DisplayName));
            return ProxyDiagnostics.ModuleNotFound.Create($"{request.Subject}: {failure.Text} (not found on: {tried}).", severity: severity);
        }

        var descriptor = failure.Kind switch
        {
            FailureKind.ServerError => ProxyDiagnostics.ProxyServerError,
            FailureKind.RateLimited => ProxyDiagnostics.ProxyRateLimited,
            FailureKind.AccessDenied => ProxyDiagnostics.ProxyAccessDenied,
            FailureKind.CredentialRejected => AuthDiagnostics.CredentialRejected,
            FailureKind.CredentialMissing => AuthDiagnostics.CredentialMissing,
            FailureKind.Unreachable => ProxyDiagnostics.ProxyUnreachable,
            FailureKind.ConnectTimeout => ProxyDiagnostics.ProxyConnectTimeout,
            FailureKind.FirstByteTimeout => ProxyDiagnostics.ProxyFirstByteTimeout,
            FailureKind.BodyStalled => ProxyDiagnostics.ProxyBodyStalled,
            FailureKind.Truncated => ProxyDiagnostics.ProxyResponseTruncated,
            FailureKind.TooLarge => ProxyDiagnostics.ProxyResponseTooLarge,
            FailureKind.InvalidInfo => ProxyDiagnostics.ProxyInvalidInfo,
            FailureKind.RedirectRefused => ProxyDiagnostics.ProxyRedirectRefused,
            FailureKind.InvalidProxyUrl => ProxyDiagnostics.InvalidProxyUrl,
            _ => ProxyDiagnostics.ProxyUnexpectedStatus,
        };
        var fix = stoppedBefore is null
            ? null
            : $"The ',' after {entry.DisplayName} falls back only on 404/410, as Go does, so {stoppedBefore} was not tried: write '|' after {entry.DisplayName} to fall back on server errors, timeouts and other failures, or fix the proxy. {descriptor.Fix}";
        return descriptor.Create($"{request.Subject}: {failure.Text} (proxy {entry.DisplayName}, {requests}).", fix: fix, severity: severity);
    }

    // The walk from entry `start` on: Go's sequential rule, except that a '|' entry that has not answered within
    // its hedge delay races the rest of the list (only 404/410 fall through ',', so there is nothing to race there).
    private async Task<Tail> WalkFromAsync<T>(int start, ProxyRequest request, IReadOnlyList<ProxyEntry> proxies, BodySink sink, Func<BodySink, (T? Value, FetchFailure? Failure)> accept, CancellationToken cancellationToken)
        where T : class
    {
        var steps = new List<Step>();
        for (var i = start; i < proxies.Count; i++)
        {
            var entry = proxies[i];
            if (entry.Kind == ProxyEntryKind.Direct)
            {
                steps.Add(new Step(entry, new EntryRun(null, 0, null, 0, TimeSpan.Zero)));
                return new Tail(steps, null, null, ReachedDirect: true);
            }

            if (entry.Kind == ProxyEntryKind.Off)
            {
                steps.Add(new Step(entry, new EntryRun(new FetchFailure(FailureKind.Disabled, null, "module lookup disabled by GOPROXY=off"), 0, null, 0, TimeSpan.Zero)));
                return new Tail(steps, null, null, ReachedDirect: false);
            }

            if (IsHedgeable(proxies, i))
            {
                var hedged = await HedgedAsync(i, request, proxies, sink, accept, cancellationToken).ConfigureAwait(false);
                steps.Add(hedged.First);
                if (hedged.Others is { } rest)
                {
                    steps.AddRange(rest.Steps);
                    return rest with { Steps = steps, Served = hedged.First.Run.Failure is null && !hedged.First.Run.Lost ? hedged.First : rest.Served };
                }

                if (hedged.First.Run.Failure is null)
                {
                    return new Tail(steps, hedged.First, null, ReachedDirect: false);
                }

                continue;
            }

            var run = await RunEntryAsync(entry, request, sink, accept, null, cancellationToken).ConfigureAwait(false);
            steps.Add(new Step(entry, run));
            if (run.Failure is null)
            {
                return new Tail(steps, steps[^1], null, ReachedDirect: false);
            }

            if (!entry.FallBackOnAnyError && !run.Failure.IsNotExist)
            {
                return new Tail(steps, null, i + 1 < proxies.Count ? proxies[i + 1].DisplayName : null, ReachedDirect: false);
            }
        }

        return new Tail(steps, null, null, ReachedDirect: false);
    }

    // Hedging needs an http(s) entry followed by '|' and another proxy to ask (direct and off answer at once).
    private bool IsHedgeable(IReadOnlyList<ProxyEntry> proxies, int i) =>
        options.Hedging
        && proxies[i] is { Kind: ProxyEntryKind.Url, FallBackOnAnyError: true, Url.Scheme: "http" or "https" }
        && i + 1 < proxies.Count
        && proxies[i + 1].Kind == ProxyEntryKind.Url
        && !health.For(proxies[i]).IsOpen;

    // Entry i alone until its hedge delay passes without an answer; then the rest of the list too, into a sink of its
    // own. The first to deliver a body that passes `accept` wins and the other is cancelled. Rest is null when no
    // hedge was sent (entry i's result then stands as in the sequential walk).
    private async Task<(Step First, Tail? Others)> HedgedAsync<T>(int i, ProxyRequest request, IReadOnlyList<ProxyEntry> proxies, BodySink sink, Func<BodySink, (T? Value, FetchFailure? Failure)> accept, CancellationToken cancellationToken)
        where T : class
    {
        var entry = proxies[i];
        var mirror = health.For(entry);
        var delay = mirror.HedgeDelay;
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var firstCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = RunEntryAsync(entry, request, sink, accept, answered, firstCancel.Token);
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var timer = Task.Delay(delay, wait.Token);
            await Task.WhenAny(first, answered.Task, timer).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (first.IsCompleted || answered.Task.IsCompleted)
        {
            return (new Step(entry, await first.ConfigureAwait(false)), null);
        }

        var fork = sink.Fork();
        await using (fork.ConfigureAwait(false))
        {
            using var restCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var rest = WalkFromAsync(i + 1, request, proxies, fork.Sink, accept, restCancel.Token);
            var done = await Task.WhenAny(first, rest).ConfigureAwait(false);
            if (done == first && (await first.ConfigureAwait(false)).Failure is null)
            {
                await restCancel.CancelAsync().ConfigureAwait(false);
                await Observe(rest).ConfigureAwait(false);
                mirror.Hedge(lostUnanswered: false, delay);
                return (new Step(entry, first.Result), new Tail([new Step(proxies[i + 1], Lost(TimeSpan.Zero))], null, null, ReachedDirect: false));
            }

            var tail = await rest.ConfigureAwait(false);
            if (tail.Served is not null)
            {
                var unanswered = !answered.Task.IsCompleted && !first.IsCompleted;
                await firstCancel.CancelAsync().ConfigureAwait(false);
                await Observe(first).ConfigureAwait(false);
                if (first.IsCompletedSuccessfully && first.Result.Failure is null && !first.Result.Lost)
                {
                    // Both delivered at the same moment: the first entry's body is already in the caller's sink.
                    mirror.Hedge(lostUnanswered: false, delay);
                    return (new Step(entry, first.Result), tail with { Served = null, Steps = [.. tail.Steps.Select(s => s == tail.Served ? new Step(s.Entry, Lost(s.Run.Duration)) : s)] });
                }

                if (mirror.Hedge(unanswered, delay))
                {
                    health.NoteOpened(mirror);
                }

                await fork.CopyToAsync(sink, cancellationToken).ConfigureAwait(false);
                var firstStep = first.IsCompletedSuccessfully && first.Result.Failure is not null ? new Step(entry, first.Result) : new Step(entry, Lost(delay));
                return (firstStep, tail);
            }

            // The rest of the list did not serve it: the first entry decides (its success, or its failure ranked with theirs).
            var firstRun = await first.ConfigureAwait(false);
            mirror.Hedge(lostUnanswered: false, delay);
            return (new Step(entry, firstRun), tail);
        }
    }

    // Waits for a cancelled race's loser to unwind; its cancellation is expected, its result unused.
    private static async Task Observe(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loser of a hedge, cancelled on purpose.
        }
    }

    private static EntryRun Lost(TimeSpan duration) => new(null, 0, null, 0, duration, Lost: true);

    // One entry: its requests (with the transport's retries), then the caller's check of the body. A mirror whose
    // breaker is open is not asked; one whose breaker opens meanwhile is left at once.
    private async Task<EntryRun> RunEntryAsync<T>(ProxyEntry entry, ProxyRequest request, BodySink sink, Func<BodySink, (T? Value, FetchFailure? Failure)> accept, TaskCompletionSource? answered, CancellationToken cancellationToken)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        string? urlError = null;
        if (entry.Url is null || ProxyTarget.TryCreate(entry.Url, out urlError) is not { } target)
        {
            var why = entry.Url is null ? "proxy entry has no URL" : urlError;
            return new EntryRun(new FetchFailure(FailureKind.InvalidProxyUrl, null, $"{why}: {entry.DisplayName}"), 0, null, 0, clock.Elapsed);
        }

        options.Redactor.AddSecretsFromUrl(entry.Url.OriginalString);
        var escapedModule = ModuleEscaping.Escape(request.ModulePath);
        if (target.LocalRoot is not null)
        {
            var read = await files.ReadAsync(target.ResourceFile(escapedModule, request.Resource), ProxyTarget.DisplayUrl(entry, escapedModule, request.Resource), sink, cancellationToken).ConfigureAwait(false);
            return Accepted(read, sink, accept, clock);
        }

        var mirror = health.For(entry);
        if (mirror.IsOpen)
        {
            return new EntryRun(Skipped(mirror), 0, null, 0, clock.Elapsed);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, mirror.Opened);
        var observer = new EntryObserver(mirror, health, answered);
        WebResult result;
        try
        {
            result = await transport.GetAsync(target.Request(escapedModule, request.Resource), sink, linked.Token, observer).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (mirror.IsOpen && !cancellationToken.IsCancellationRequested)
        {
            return new EntryRun(Skipped(mirror), observer.Attempts, null, 0, clock.Elapsed);
        }

        return Accepted(result, sink, accept, clock);
    }

    private static EntryRun Accepted<T>(WebResult result, BodySink sink, Func<BodySink, (T? Value, FetchFailure? Failure)> accept, Stopwatch clock)
        where T : class
    {
        if (result.Failure is not null)
        {
            return new EntryRun(result.Failure, result.Requests, result.StatusCode, 0, clock.Elapsed);
        }

        var (value, invalid) = accept(sink);
        return new EntryRun(invalid, result.Requests, result.StatusCode, result.Bytes, clock.Elapsed, value);
    }

    // The failure of a request its mirror's open breaker stopped: not the mirror's answer to this request, but
    // under ',' it ends the walk as the error that opened the breaker would have (never a 404, which opens none).
    // Its text says the request was never sent and names the opening failure as such, since that failure's URL is
    // another request's.
    private static FetchFailure Skipped(MirrorHealth mirror) =>
        mirror.OpenedBy! with
        {
            Text = $"not requested: proxy skipped after {mirror.Threshold} failed requests in a row; GOMIRROR0414 (the last failure: {mirror.OpenedBy.Text})",
            RetryAfter = null,
            Skipped = true,
        };

    // Feeds the mirror's health from each attempt, and tells a hedging walk that the headers came.
    private sealed class EntryObserver(MirrorHealth mirror, MirrorHealthBook book, TaskCompletionSource? answered) : IAttemptObserver
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public void Answered(TimeSpan elapsed)
        {
            mirror.Answered(elapsed);
            answered?.TrySetResult();
        }

        public void Ended(FetchFailure? failure)
        {
            Interlocked.Increment(ref _attempts);
            if (mirror.Ended(failure))
            {
                book.NoteOpened(mirror);
            }
        }
    }

    private enum ErrorRank
    {
        NotExist,
        Proxy,
    }

    private sealed record ProxyRequest(string ModulePath, string? Version, string Resource)
    {
        public string Subject => Version is null ? ModulePath : ModulePath + "@" + Version;
    }

    // Failure null and Lost false: the entry served the resource. Lost: cancelled because another entry won a hedge.
    private sealed record EntryRun(FetchFailure? Failure, int Requests, int? StatusCode, long Bytes, TimeSpan Duration, object? Value = null, bool Lost = false);

    private sealed record Step(ProxyEntry Entry, EntryRun Run);

    // How a walk from some entry on ended: every entry it reached, the one that served (if any), the entry a ','
    // stopped it before, and whether it reached 'direct'.
    private sealed record Tail(List<Step> Steps, Step? Served, string? StoppedBefore, bool ReachedDirect);
}
