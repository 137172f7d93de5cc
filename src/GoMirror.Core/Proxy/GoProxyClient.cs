using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;
using GoMirror.Core.Policy;

namespace GoMirror.Core.Proxy;

/// <summary>
/// The GOPROXY protocol client (cmd/go/internal/modfetch/proxy.go and cmd/go/internal/web): fetches a module's
/// <c>@v/list</c>, <c>.info</c>, <c>.mod</c> and <c>.zip</c> over https, http and file, walking the GOPROXY
/// list with Go's fallback rules. One instance holds one pooled HTTP client; share it across the pre-warm and
/// call it concurrently. Failures come back as results with diagnostics, never as exceptions; only
/// cancellation through the caller's token throws.
/// </summary>
public sealed class GoProxyClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates a client with its own connection pool.</summary>
    public GoProxyClient(GoProxyClientOptions? options = null)
    {
        Options = options ?? new GoProxyClientOptions();
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed here, not by the handler: Go refuses https→http, counts to 10, and
            // credentials from the proxy URL must reach only the proxy's own origin.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            MaxConnectionsPerServer = Options.MaxConnectionsPerServer,
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = Options.RequestTimeout,
            UseCookies = false,
            UseProxy = true,
        };
        if (Options.WebProxy is { } proxy)
        {
            handler.Proxy = proxy;
        }

        if (Options.AdditionalTrustedRoots is { Count: > 0 } roots)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => IsTrusted(certificate, chain, errors, roots);
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(Options.UserAgent);
    }

    /// <summary>The settings in use.</summary>
    public GoProxyClientOptions Options { get; }

    /// <summary>Fetches <c>$base/$module/@v/list</c>.</summary>
    public async Task<ProxyFetchResult<ModuleVersionList>> FetchListAsync(string modulePath, IReadOnlyList<ProxyEntry> proxies, CancellationToken cancellationToken = default)
    {
        var (result, value) = await FetchMetadataAsync<ModuleVersionList>(modulePath, null, "@v/list", proxies, content =>
        {
            var versions = Encoding.UTF8.GetString(content)
                .Split('\n')
                .Select(line => line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Where(fields => fields.Length > 0)
                .Select(fields => fields[0])
                .ToArray();
            return (new ModuleVersionList(versions, content), (EntryFailure?)null);
        }, cancellationToken).ConfigureAwait(false);
        return new ProxyFetchResult<ModuleVersionList>(result, value);
    }

    /// <summary>Fetches <c>@v/$version.info</c> and checks, as Go does, that it names the requested version.</summary>
    public async Task<ProxyFetchResult<ModuleVersionInfo>> FetchInfoAsync(string modulePath, string version, IReadOnlyList<ProxyEntry> proxies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var (result, value) = await FetchMetadataAsync(modulePath, version, VersionResource(version, ".info"), proxies, content => ParseInfo(modulePath, version, content), cancellationToken).ConfigureAwait(false);
        return new ProxyFetchResult<ModuleVersionInfo>(result, value);
    }

    /// <summary>Fetches <c>@v/$version.mod</c>, the module's go.mod as the proxy serves it.</summary>
    public async Task<ProxyFetchResult<byte[]>> FetchModAsync(string modulePath, string version, IReadOnlyList<ProxyEntry> proxies, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var (result, value) = await FetchMetadataAsync<byte[]>(modulePath, version, VersionResource(version, ".mod"), proxies, content => (content, null), cancellationToken).ConfigureAwait(false);
        return new ProxyFetchResult<byte[]>(result, value);
    }

    /// <summary>
    /// Streams <c>@v/$version.zip</c> into <paramref name="destination"/>, which must be writable and seekable:
    /// each attempt (retry or fallback) starts again from the stream's position at the call, and on failure the
    /// stream is cut back there, so a short or aborted body is never left looking complete. The bytes are not
    /// trusted: the caller verifies them (go.sum hash) before use.
    /// </summary>
    public async Task<ProxyFetchResult> FetchZipAsync(string modulePath, string version, IReadOnlyList<ProxyEntry> proxies, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite || !destination.CanSeek)
        {
            throw new ArgumentException("the destination must be writable and seekable, so a failed attempt can be discarded", nameof(destination));
        }

        var sink = new BodySink(destination, Options.MaxZipBytes);
        var (result, _) = await WalkAsync<object>(modulePath, version, VersionResource(version, ".zip"), proxies, sink, _ => (null, null), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Streams <c>@v/$version.zip</c> into <paramref name="destinationFile"/> (created or overwritten). On failure
    /// the file is deleted. Write to a temporary name and rename after verifying, as the go command does.
    /// </summary>
    public async Task<ProxyFetchResult> FetchZipToFileAsync(string modulePath, string version, IReadOnlyList<ProxyEntry> proxies, string destinationFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(destinationFile);
        ProxyFetchResult? result = null;
        try
        {
            var file = new FileStream(destinationFile, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (file.ConfigureAwait(false))
            {
                result = await FetchZipAsync(modulePath, version, proxies, file, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            if (result is not { Succeeded: true })
            {
                File.Delete(destinationFile);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static bool IsTrusted(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, IReadOnlyList<X509Certificate2> roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }

    private static string VersionResource(string version, string extension) =>
        "@v/" + (ModuleEscaping.TryEscapeVersion(version, out var escaped, out _) ? escaped : version) + extension;

    private async Task<(ProxyFetchResult Result, T? Value)> FetchMetadataAsync<T>(
        string modulePath, string? version, string resource, IReadOnlyList<ProxyEntry> proxies, Func<byte[], (T? Value, EntryFailure? Failure)> accept, CancellationToken cancellationToken)
        where T : class
    {
        using var buffer = new MemoryStream();
        var sink = new BodySink(buffer, Options.MaxMetadataBytes);
        return await WalkAsync(modulePath, version, resource, proxies, sink, s => accept(((MemoryStream)s.Destination).ToArray()), cancellationToken).ConfigureAwait(false);
    }

    private (ModuleVersionInfo? Value, EntryFailure? Failure) ParseInfo(string modulePath, string version, byte[] content)
    {
        string served;
        DateTimeOffset? time = null;
        try
        {
            using var json = JsonDocument.Parse(content);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, new EntryFailure(FailureKind.InvalidInfo, 200, "invalid response from proxy: .info is not a JSON object"));
            }

            served = json.RootElement.TryGetProperty("Version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
            if (json.RootElement.TryGetProperty("Time", out var t) && t.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            {
                time = parsed;
            }
        }
        catch (JsonException e)
        {
            return (null, new EntryFailure(FailureKind.InvalidInfo, 200, "invalid response from proxy: " + Options.Redactor.Redact(e.Message)));
        }

        // Go insists on the requested version only when it asked for a canonical one that fits the path (modfetch Stat).
        if (served != version && new ModuleVersion(modulePath, version).CheckCanonical() is null)
        {
            return (null, new EntryFailure(FailureKind.InvalidInfo, 200, $"proxy returned info for version {Options.Redactor.Redact(served)} instead of requested version"));
        }

        return (new ModuleVersionInfo(served, time, content), null);
    }

    private async Task<(ProxyFetchResult Result, T? Value)> WalkAsync<T>(
        string modulePath, string? version, string resource, IReadOnlyList<ProxyEntry> proxies, BodySink sink, Func<BodySink, (T? Value, EntryFailure? Failure)> accept, CancellationToken cancellationToken)
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
                $"{request.Subject}: {Options.Redactor.Redact(problem)}; it cannot be requested from a proxy.")]), null);
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

            EntryRun run;
            if (entry.Kind == ProxyEntryKind.Off)
            {
                run = new EntryRun(new EntryFailure(FailureKind.Disabled, null, "module lookup disabled by GOPROXY=off"), 0, null, 0, TimeSpan.Zero);
            }
            else
            {
                run = await RunEntryAsync(entry, request, sink, accept, cancellationToken).ConfigureAwait(false);
            }

            entries.Add(new ProxyEntryAttempt(entry.DisplayName, run.Requests, run.StatusCode, run.Failure?.Text, run.Duration));
            if (run.Failure is null)
            {
                var value = run.Value as T;
                return (Finish(request, ProxyFetchOutcome.Succeeded, entry.DisplayName, run.Bytes, clock, entries, Warnings(request, failures)), value);
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

    private Diagnostic Describe(ProxyRequest request, ProxyEntry entry, EntryRun run, List<(ProxyEntry Entry, EntryRun Run)> failures, string? stoppedBefore, DiagnosticSeverity? severity)
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

    private async Task<EntryRun> RunEntryAsync<T>(ProxyEntry entry, ProxyRequest request, BodySink sink, Func<BodySink, (T? Value, EntryFailure? Failure)> accept, CancellationToken cancellationToken)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        string? urlError = null;
        if (entry.Url is null || ProxyTarget.TryCreate(entry.Url, out urlError) is not { } target)
        {
            var why = entry.Url is null ? "proxy entry has no URL" : urlError;
            return new EntryRun(new EntryFailure(FailureKind.InvalidProxyUrl, null, $"{why}: {entry.DisplayName}"), 0, null, 0, clock.Elapsed);
        }

        Options.Redactor.AddSecretsFromUrl(entry.Url.OriginalString);
        var escapedModule = ModuleEscaping.Escape(request.ModulePath);
        for (var retry = 0; ; retry++)
        {
            sink.Reset();
            var once = target.LocalRoot is not null
                ? await ReadFileAsync(entry, target, escapedModule, request.Resource, sink, cancellationToken).ConfigureAwait(false)
                : await SendAsync(target, escapedModule, request.Resource, sink, cancellationToken).ConfigureAwait(false);
            var failure = once.Failure;
            if (failure is null)
            {
                var (value, invalid) = accept(sink);
                return new EntryRun(invalid, retry + 1, once.StatusCode, once.Bytes, clock.Elapsed, value);
            }

            if (!failure.IsTransient || retry >= Options.MaxRetries)
            {
                return new EntryRun(failure, retry + 1, once.StatusCode, 0, clock.Elapsed);
            }

            TimeSpan delay;
            if (failure.RetryAfter is { } retryAfter)
            {
                if (retryAfter > Options.RetryAfterCap)
                {
                    var capped = failure with { Text = failure.Text + $" (Retry-After {retryAfter.TotalSeconds:0.#}s exceeds the {Options.RetryAfterCap.TotalSeconds:0.#}s cap; not retried)" };
                    return new EntryRun(capped, retry + 1, once.StatusCode, 0, clock.Elapsed);
                }

                delay = retryAfter;
            }
            else
            {
                delay = Backoff(retry);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int retry)
    {
        var exponential = Options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, retry);
        var bounded = Math.Min(exponential, Options.RetryMaxDelay.TotalMilliseconds);

        // Jitter spreads the retries of many parallel downloads so they do not hit the proxy in lockstep.
        return TimeSpan.FromMilliseconds(bounded * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    private async Task<SendResult> ReadFileAsync(ProxyEntry entry, ProxyTarget target, string escapedModule, string resource, BodySink sink, CancellationToken cancellationToken)
    {
        var url = entry.DisplayName.TrimEnd('/') + "/" + ProxyTarget.GoPathEscape(escapedModule) + "/" + ProxyTarget.GoPathEscape(resource);
        try
        {
            var stream = new FileStream(target.ResourceFile(escapedModule, resource), FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(Options.RequestTimeout);
                var count = await sink.CopyAsync(stream, idle, Options.RequestTimeout).ConfigureAwait(false);
                return count < 0 ? TooLarge(url, sink, resource) : new SendResult(null, 200, count);
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Go's web.getFile: a missing file is a 404, so ',' falls through as for an HTTP proxy.
            return new SendResult(new EntryFailure(FailureKind.NotFound, 404, $"reading {url}: no such file or directory"), 404, 0);
        }
        catch (UnauthorizedAccessException)
        {
            return new SendResult(new EntryFailure(FailureKind.AccessDenied, 403, $"reading {url}: permission denied"), 403, 0);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendResult(new EntryFailure(FailureKind.Unreachable, null, $"reading {url}: no data for {Seconds(Options.RequestTimeout)}"), null, 0);
        }
        catch (IOException e)
        {
            return new SendResult(new EntryFailure(FailureKind.Unreachable, null, $"reading {url}: {Options.Redactor.Redact(e.Message)}"), null, 0);
        }
    }

    private async Task<SendResult> SendAsync(ProxyTarget target, string escapedModule, string resource, BodySink sink, CancellationToken cancellationToken)
    {
        var uri = target.ResourceUri(escapedModule, resource);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(Options.RequestTimeout);
        HttpResponseMessage? response = null;
        var receivingBody = false;
        long received = 0;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, uri)
                {
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
                };
                if (target.Authorization is not null && target.IsSameOrigin(uri))
                {
                    message.Headers.Authorization = target.Authorization;
                }

                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
                if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
                {
                    break;
                }

                var next = new Uri(uri, location);
                response.Dispose();
                response = null;
                if (redirects >= 9)
                {
                    return new SendResult(new EntryFailure(FailureKind.RedirectRefused, null, $"reading {Show(uri)}: stopped after 10 redirects"), null, 0);
                }

                if (uri.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
                {
                    return new SendResult(new EntryFailure(FailureKind.RedirectRefused, null, $"redirected from secure URL {Show(uri)} to insecure URL {Show(next)}"), null, 0);
                }

                uri = next;
            }

            var status = (int)response.StatusCode;
            if (status != 200)
            {
                var text = $"reading {Show(uri)}: {status} {response.ReasonPhrase ?? response.StatusCode.ToString()}" + await ErrorDetailAsync(response, idle.Token).ConfigureAwait(false);
                return new SendResult(EntryFailure.FromStatus(status, text, RetryAfter(response)), status, 0);
            }

            var declared = response.Content.Headers.ContentLength;
            if (declared > sink.MaxBytes)
            {
                return TooLarge(Show(uri), sink, resource);
            }

            receivingBody = true;
            var body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                received = await sink.CopyAsync(body, idle, Options.RequestTimeout).ConfigureAwait(false);
            }

            if (received < 0)
            {
                return TooLarge(Show(uri), sink, resource);
            }

            if (declared is { } length && length != received)
            {
                return new SendResult(new EntryFailure(FailureKind.Truncated, 200, $"reading {Show(uri)}: response cut short: got {received} of {length} declared bytes"), 200, 0);
            }

            return new SendResult(null, 200, received);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var what = receivingBody ? "body stalled: no data" : "no response";
            return new SendResult(new EntryFailure(FailureKind.Unreachable, null, $"reading {Show(uri)}: timeout: {what} for {Seconds(Options.RequestTimeout)}"), null, 0);
        }
        catch (Exception e) when (receivingBody && e is IOException or HttpRequestException)
        {
            return new SendResult(new EntryFailure(FailureKind.Truncated, 200, $"reading {Show(uri)}: response cut short (connection closed before the declared length): {Options.Redactor.Redact(Explain(e))}"), 200, 0);
        }
        catch (HttpRequestException e)
        {
            return new SendResult(new EntryFailure(FailureKind.Unreachable, null, $"reading {Show(uri)}: {Options.Redactor.Redact(Explain(e))}"), null, 0);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private async Task<string> ErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Read a bounded prefix only: Go shows at most 8 lines / 648 bytes, and a huge error page must not cost a download.
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var prefix = new byte[16 * 1024];
        var length = 0;
        try
        {
            int read;
            while (length < prefix.Length && (read = await stream.ReadAsync(prefix.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
        }
        catch (IOException)
        {
            // An error page cut short still explains what it got so far.
        }

        if (!ProxyErrorDetail.IsShown(response.Content.Headers.ContentType))
        {
            return string.Empty;
        }

        var detail = Options.Redactor.Redact(ProxyErrorDetail.Format(prefix.AsSpan(0, length)));
        return detail.Length == 0 ? string.Empty : "\n\tserver response:" + (detail.Contains('\n', StringComparison.Ordinal) ? "\n\t" : " ") + detail;
    }

    // "The SSL connection could not be established, see inner exception" says nothing by itself: add the causes.
    private static string Explain(Exception e)
    {
        var text = new StringBuilder(e.Message);
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append(": ").Append(inner.Message);
        }

        return text.ToString();
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? (date - DateTimeOffset.UtcNow) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero : null;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static SendResult TooLarge(string url, BodySink sink, string resource) =>
        new(new EntryFailure(FailureKind.TooLarge, 200, resource.EndsWith(".zip", StringComparison.Ordinal)
            ? $"reading {url}: downloaded zip file too large (over {sink.MaxBytes} bytes)"
            : $"reading {url}: response larger than the {sink.MaxBytes}-byte limit"), 200, 0);

    private string Show(Uri uri) => Options.Redactor.Redact(uri.AbsoluteUri);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private enum ErrorRank
    {
        NotExist,
        Proxy,
    }

    private sealed record ProxyRequest(string ModulePath, string? Version, string Resource)
    {
        public string Subject => Version is null ? ModulePath : ModulePath + "@" + Version;
    }

    private sealed record SendResult(EntryFailure? Failure, int? StatusCode, long Bytes);

    private sealed record EntryRun(EntryFailure? Failure, int Requests, int? StatusCode, long Bytes, TimeSpan Duration, object? Value = null);
}
