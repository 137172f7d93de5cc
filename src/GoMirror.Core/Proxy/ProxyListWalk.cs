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
internal sealed class ProxyListWalk(GoProxyClientOptions options, HttpTransport transport, FileReader files)
{
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

        var failures = new List<(ProxyEntry Entry, EntryRun Run)>();
        (ProxyEntry Entry, EntryRun Run)? best = null;
        var bestRank = ErrorRank.NotExist;
        string? stoppedBy = null;
        for (var i = 0; i < proxies.Count; i++)
        {
            var entry = proxies[i];
            if (entry.Kind == ProxyEntryKind.Direct)
            {
                entries.Add(new ProxyEntryAttempt(entry.DisplayName, 0, null, null, TimeSpan.Zero));
                var earlier = Warnings(request, failures);
                earlier.Insert(0, ProxyDiagnostics.LeftToGoCommand.Create(
                    $"{request.Subject}: no proxy before 'direct' served {resource}; left to the go command (direct), which fetches from version control."));
                return (Finish(request, ProxyFetchOutcome.LeftToGoCommand, null, 0, clock, entries, earlier), null);
            }

            var run = entry.Kind == ProxyEntryKind.Off
                ? new EntryRun(new FetchFailure(FailureKind.Disabled, null, "module lookup disabled by GOPROXY=off"), 0, null, 0, TimeSpan.Zero)
                : await RunEntryAsync(entry, request, sink, accept, cancellationToken).ConfigureAwait(false);
            entries.Add(new ProxyEntryAttempt(entry.DisplayName, run.Requests, run.StatusCode, run.Failure?.Text, run.Duration));
            if (run.Failure is null)
            {
                return (Finish(request, ProxyFetchOutcome.Succeeded, entry.DisplayName, run.Bytes, clock, entries, Warnings(request, failures)), run.Value as T);
            }

            // Go's TryProxies ranking: a proxy error other than "not found" beats "not found"; among equals, the later wins.
            failures.Add((entry, run));
            if (!run.Failure.IsNotExist && bestRank <= ErrorRank.Proxy)
            {
                best = (entry, run);
                bestRank = ErrorRank.Proxy;
            }
            else if (bestRank == ErrorRank.NotExist)
            {
                best = (entry, run);
            }

            if (entry.Kind == ProxyEntryKind.Off)
            {
                break;
            }

            if (!entry.FallBackOnAnyError && !run.Failure.IsNotExist)
            {
                stoppedBy = i + 1 < proxies.Count ? proxies[i + 1].DisplayName : null;
                break;
            }
        }

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

    private List<Diagnostic> Warnings(ProxyRequest request, List<(ProxyEntry Entry, EntryRun Run)> failures) =>
        [.. failures.Where(f => !f.Run.Failure!.IsNotExist).Select(f => Describe(request, f.Entry, f.Run, failures, null, DiagnosticSeverity.Warning))];

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
            FailureKind.Unreachable => ProxyDiagnostics.ProxyUnreachable,
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

    // One entry: its requests (with the transport's retries), then the caller's check of the body.
    private async Task<EntryRun> RunEntryAsync<T>(ProxyEntry entry, ProxyRequest request, BodySink sink, Func<BodySink, (T? Value, FetchFailure? Failure)> accept, CancellationToken cancellationToken)
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
        var result = target.LocalRoot is not null
            ? await files.ReadAsync(target.ResourceFile(escapedModule, request.Resource), ProxyTarget.DisplayUrl(entry, escapedModule, request.Resource), sink, cancellationToken).ConfigureAwait(false)
            : await transport.GetAsync(target.Request(escapedModule, request.Resource), sink, cancellationToken).ConfigureAwait(false);
        if (result.Failure is not null)
        {
            return new EntryRun(result.Failure, result.Requests, result.StatusCode, 0, clock.Elapsed);
        }

        var (value, invalid) = accept(sink);
        return new EntryRun(invalid, result.Requests, result.StatusCode, result.Bytes, clock.Elapsed, value);
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

    private sealed record EntryRun(FetchFailure? Failure, int Requests, int? StatusCode, long Bytes, TimeSpan Duration, object? Value = null);
}
