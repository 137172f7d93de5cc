using System.Globalization;
using System.Text;
using System.Text.Json;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;
using GoMirror.Core.Policy;
using GoMirror.Core.Web;

namespace GoMirror.Core.Proxy;

/// <summary>
/// The GOPROXY protocol client (cmd/go/internal/modfetch/proxy.go): fetches a module's <c>@v/list</c>,
/// <c>.info</c>, <c>.mod</c> and <c>.zip</c> over https, http and file. The list walk with Go's fallback rules is
/// <see cref="ProxyListWalk"/>; the requests go through <see cref="HttpTransport"/> and <see cref="FileReader"/>
/// (cmd/go/internal/web). One instance holds one pooled HTTP client; share it across the pre-warm and call it
/// concurrently. Failures come back as results with diagnostics, never as exceptions; only
/// cancellation through the caller's token throws.
/// </summary>
internal sealed class GoProxyClient : IDisposable
{
    private readonly HttpTransport _transport;
    private readonly ProxyListWalk _walk;

    /// <summary>Creates a client with its own connection pool.</summary>
    public GoProxyClient(GoProxyClientOptions? options = null)
    {
        Options = options ?? new GoProxyClientOptions();
        var retry = new WebRetry(Options);
        _transport = new HttpTransport(Options, retry);
        Files = new FileReader(Options, retry);
        Health = new MirrorHealthBook(Options);
        _walk = new ProxyListWalk(Options, _transport, Files, Health);
    }

    /// <summary>What this client's run has learnt about each mirror (latency, open breakers).</summary>
    internal MirrorHealthBook Health { get; }

    /// <summary>The findings said once per run, not yet taken: breakers that opened (GOMIRROR0414) and mirrors
    /// whose requests were hedged (GOMIRROR0418). The engine adds them to the step's log.</summary>
    internal IReadOnlyList<Diagnostic> TakeFailoverDiagnostics() => Health.TakeDiagnostics();

    /// <summary>The HTTP transport under the client, for requests outside the module protocol (the probe's
    /// <c>/sumdb/&lt;name&gt;/supported</c>), so they share its pool, TLS and redirect rules.</summary>
    internal HttpTransport Transport => _transport;

    /// <summary>The <c>file://</c> reader under the client, with the same timeouts and retries (a file: checksum database).</summary>
    internal FileReader Files { get; }

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
            return (new ModuleVersionList(versions, content), null);
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

        var sink = new BodySink(destination, Options.MaxZipBytes, isModuleZip: true);
        var (result, _) = await _walk.WalkAsync<object>(modulePath, version, VersionResource(version, ".zip"), proxies, sink, _ => (null, null), cancellationToken).ConfigureAwait(false);
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
    public void Dispose() => _transport.Dispose();

    private static string VersionResource(string version, string extension) =>
        "@v/" + (ModuleEscaping.TryEscapeVersion(version, out var escaped, out _) ? escaped : version) + extension;

    private async Task<(ProxyFetchResult Result, T? Value)> FetchMetadataAsync<T>(
        string modulePath, string? version, string resource, IReadOnlyList<ProxyEntry> proxies, Func<byte[], (T? Value, FetchFailure? Failure)> accept, CancellationToken cancellationToken)
        where T : class
    {
        using var buffer = new MemoryStream();
        var sink = new BodySink(buffer, Options.MaxMetadataBytes);
        return await _walk.WalkAsync(modulePath, version, resource, proxies, sink, s => accept(s.ToArray()), cancellationToken).ConfigureAwait(false);
    }

    private (ModuleVersionInfo? Value, FetchFailure? Failure) ParseInfo(string modulePath, string version, byte[] content)
    {
        string served;
        DateTimeOffset? time = null;
        try
        {
            using var json = JsonDocument.Parse(content);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, new FetchFailure(FailureKind.InvalidInfo, 200, "invalid response from proxy: .info is not a JSON object"));
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
            return (null, new FetchFailure(FailureKind.InvalidInfo, 200, "invalid response from proxy: " + Options.Redactor.Redact(e.Message)));
        }

        // Go insists on the requested version only when it asked for a canonical one that fits the path (modfetch Stat).
        if (served != version && new ModuleVersion(modulePath, version).CheckCanonical() is null)
        {
            return (null, new FetchFailure(FailureKind.InvalidInfo, 200, $"proxy returned info for version {Options.Redactor.Redact(served)} instead of requested version"));
        }

        return (new ModuleVersionInfo(served, time, content), null);
    }
}
