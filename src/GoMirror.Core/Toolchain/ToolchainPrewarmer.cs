using System.Diagnostics;
using System.Globalization;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.Modules;
using GoMirror.Core.Policy;
using GoMirror.Core.Prewarm;
using GoMirror.Core.Proxy;
using GoMirror.Core.SumDb;
using Diagnostic = GoMirror.Core.Diagnostics.Diagnostic;

namespace GoMirror.Core.Toolchain;

/// <summary>
/// Fetches a Go toolchain module (<c>golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64</c>) into the module cache as
/// the go command's switch (select.go <c>Exec</c>, modfetch <c>Download</c>) would, so that Go later switches with no
/// network: the checksum database record is looked up and proved first (always: GONOSUMDB and GOPRIVATE do not
/// exempt toolchains, and GOSUMDB=off is refused before any request, as Go fails there too), which also leaves the
/// lookup, tiles and signed tree head where Go reads them; then the zip streams through the GOPROXY walk into a temp
/// file, is checked, hashed once and compared with the record before it is renamed; only then do the go.mod and
/// .info land and the tree is extracted and made runnable (<see cref="ToolchainFetchTree"/>). Whatever fails, nothing
/// Go would trust is left behind.
/// </summary>
internal sealed class ToolchainPrewarmer
{
    private const string SecurityText =
        "SECURITY ERROR\nThis download does NOT match the one reported by the checksum server.\n"
        + "The bits may have been replaced on the origin server, or an attacker may\nhave intercepted the download attempt.";

    private readonly GoMirrorPolicy _policy;
    private readonly GoModuleCache _cache;
    private readonly GoProxyClient _client;
    private readonly Action<string> _progress;
    private SumDbClient? _sumDb;

    /// <summary>Creates the pre-warmer.</summary>
    /// <param name="policy">The resolved policy: proxies, checksum database, module cache, redactor.</param>
    /// <param name="cache">The module cache to fill.</param>
    /// <param name="client">The GOPROXY client (shared with the module pre-warm).</param>
    /// <param name="progress">Receives progress lines of long downloads (already redacted).</param>
    public ToolchainPrewarmer(GoMirrorPolicy policy, GoModuleCache cache, GoProxyClient client, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(progress);
        _policy = policy;
        _cache = cache;
        _client = client;
        _progress = text => progress(policy.Redactor.Redact(text));
    }

    /// <summary>Fetches <paramref name="toolchain"/> (<c>go1.23.5</c>) for <paramref name="platform"/>. Failures are
    /// results with diagnostics; only cancellation throws.</summary>
    public async Task<ToolchainFetchResult> FetchAsync(string toolchain, ToolchainFetchPlatform platform, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(toolchain);
        ArgumentNullException.ThrowIfNull(platform);
        var clock = Stopwatch.StartNew();
        var result = await FetchCoreAsync(toolchain, platform, cancellationToken).ConfigureAwait(false);
        return result with { Duration = clock.Elapsed, Diagnostics = [.. result.Diagnostics.Select(_policy.Redactor.Redact)] };
    }

    private async Task<ToolchainFetchResult> FetchCoreAsync(string toolchain, ToolchainFetchPlatform platform, CancellationToken cancellationToken)
    {
        if (!platform.TryGetModule(toolchain, out var module, out var unsupported))
        {
            return Failed(toolchain, module, unsupported!);
        }

        if (_policy.ChecksumDatabase is not { IsOff: false } database)
        {
            return Failed(toolchain, module, ToolchainFetchDiagnostics.ChecksumDatabaseOff.Create(
                $"{module}: GOSUMDB=off (set by {_policy.SumDb.Location}), but Go verifies every toolchain against the checksum database and refuses the switch without it; nothing was requested.",
                _policy.SumDb.Location));
        }

        if (!_cache.TryGetPaths(module.Path, module.Version, out var paths, out var pathError))
        {
            return Failed(toolchain, module, pathError);
        }

        // The record first: a small request that decides what the 75 MB must hash to, and which Go reads offline later.
        _sumDb ??= ChecksumDatabaseSession.OpenClient(_policy, database, _client, _ => false);
        SumDbLookup lookup;
        try
        {
            lookup = await _sumDb.LookupAsync(module.Path, module.Version, cancellationToken).ConfigureAwait(false);
        }
        catch (SumDbException e)
        {
            return Failed(toolchain, module, e.IsSecurityError
                ? ToolchainFetchDiagnostics.ChecksumMismatch.Create($"verifying {module}: {e.Message}\n\n{SecurityText}")
                : ToolchainFetchDiagnostics.NotVerified.Create($"verifying {module}: {e.Message}; nothing was fetched."));
        }

        if (lookup.ZipHash is not { } expectedZip || lookup.ModHash is not { } expectedMod)
        {
            return Failed(toolchain, module, ToolchainFetchDiagnostics.NotVerified.Create(
                $"verifying {module}: the checksum database {database.Name} has no h1: line for its {(lookup.ZipHash is null ? "zip" : "go.mod")}; nothing was fetched."));
        }

        var verification = string.Create(CultureInfo.InvariantCulture,
            $"checksum database {database.Name}: record {lookup.RecordId}, signed tree head of size {lookup.Tree.Size} and hash {lookup.Tree.Hash}");
        var done = new ToolchainFetchResult(toolchain, module, ToolchainFetchOutcome.CacheHit, [])
        {
            ZipHash = expectedZip,
            Verification = verification,
            Directory = paths.SourceDirectory,
            GoExecutable = Path.Combine(paths.SourceDirectory, "bin", "go" + platform.ExecutableSuffix),
        };

        if (_cache.TryGetCachedZipHash(module.Path, module.Version) is { } cached && GoModuleCache.IsExtracted(paths))
        {
            if (cached != expectedZip)
            {
                return Failed(toolchain, module, ToolchainFetchDiagnostics.ChecksumMismatch.Create(
                    $"verifying {module}: the module cache holds a zip that hashes to {cached}, but the checksum database {database.Name} records {expectedZip}.\n\n{SecurityText}",
                    new Diagnostics.SourceLocation(paths.ZipHashFile)));
            }

            return Finish(done, platform);
        }

        return await DownloadAsync(done, expectedMod, platform, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ToolchainFetchResult> DownloadAsync(ToolchainFetchResult done, string expectedMod, ToolchainFetchPlatform platform, CancellationToken cancellationToken)
    {
        var module = done.Module;
        var proxies = _policy.ProxiesFor(module.Path);
        _progress($"GoMirror toolchain: downloading {done.Toolchain} ({module}) through {(proxies.Count == 0 ? "no proxy" : string.Join(", ", proxies.Select(p => p.DisplayName)))}");
        var modTask = _cache.IsModCached(module.Path, module.Version) ? null : _client.FetchModAsync(module.Path, module.Version, proxies, cancellationToken);
        var infoTask = _cache.IsInfoCached(module.Path, module.Version) ? null : _client.FetchInfoAsync(module.Path, module.Version, proxies, cancellationToken);
        ProxyFetchResult? zipFetch = null;
        var stored = await _cache.StoreZipGatedAsync(
            module.Path,
            module.Version,
            async (stream, token) =>
            {
                var counted = new ToolchainFetchProgress(stream, "downloading " + done.Toolchain, _progress);
                zipFetch = await _client.FetchZipAsync(module.Path, module.Version, proxies, counted, token).ConfigureAwait(false);
                return zipFetch.Succeeded;
            },
            done.ZipHash,
            new Diagnostics.SourceLocation("checksum database " + _policy.ChecksumDatabase!.Name),
            mayLand: null,
            extract: true,
            cancellationToken).ConfigureAwait(false);
        var mod = modTask is null ? null : await modTask.ConfigureAwait(false);
        var info = infoTask is null ? null : await infoTask.ConfigureAwait(false);
        var bytes = (zipFetch?.Bytes ?? 0) + (mod?.Bytes ?? 0) + (info?.Bytes ?? 0);
        var servedBy = zipFetch?.ServedBy;

        if (zipFetch is { Succeeded: false } failedZip)
        {
            return Failed(done.Toolchain, module, ToolchainFetchDiagnostics.NotOnAnyMirror.Create(
                $"download {done.Toolchain} for {platform.GoOs}/{platform.GoArch}: toolchain not available: {Reasons(failedZip)}"));
        }

        if (!stored.Succeeded)
        {
            var mismatch = stored.Diagnostics.Any(d => d.Code == ModuleCacheDiagnostics.ZipChecksumMismatch.Code || d.Code == ModuleCacheDiagnostics.CachedHashDiffers.Code);
            return Failed(done.Toolchain, module, [.. stored.Diagnostics.Select(d => mismatch
                ? ToolchainFetchDiagnostics.ChecksumMismatch.Create($"verifying {module}: checksum mismatch: {d.Message} (served by {servedBy})\n\n{SecurityText}")
                : d)]);
        }

        // Go's switch reads only the zip; the go.mod and .info complete the version for `go mod download` and the
        // cache-as-GOPROXY use. The go.mod is checked against the record too; a mirror lacking them is no failure.
        if (mod is { Succeeded: true, Value: { } goMod })
        {
            var storedMod = await _cache.StoreModAsync(module.Path, module.Version, goMod, expectedMod, new Diagnostics.SourceLocation("checksum database " + _policy.ChecksumDatabase.Name), cancellationToken).ConfigureAwait(false);
            if (!storedMod.Succeeded)
            {
                return Failed(done.Toolchain, module, [.. storedMod.Diagnostics.Select(d => ToolchainFetchDiagnostics.ChecksumMismatch.Create($"verifying {module}/go.mod: {d.Message} (served by {mod.ServedBy})\n\n{SecurityText}"))]);
            }
        }

        if (info is { Succeeded: true, Value: { } served })
        {
            var storedInfo = await _cache.StoreInfoAsync(module.Path, module.Version, served.Content, cancellationToken).ConfigureAwait(false);
            if (!storedInfo.Succeeded)
            {
                return Failed(done.Toolchain, module, storedInfo.Diagnostics);
            }
        }

        var extracted = await _cache.ExtractAsync(module.Path, module.Version, cancellationToken).ConfigureAwait(false);
        if (!extracted.Succeeded)
        {
            return Failed(done.Toolchain, module, extracted.Diagnostics);
        }

        _progress(string.Create(CultureInfo.InvariantCulture, $"GoMirror toolchain: {done.Toolchain} stored in the module cache from {servedBy} ({bytes} bytes), {done.ZipHash}"));
        return Finish(done with { Outcome = ToolchainFetchOutcome.Downloaded, ServedBy = servedBy, Bytes = bytes }, platform);
    }

    private static ToolchainFetchResult Finish(ToolchainFetchResult done, ToolchainFetchPlatform platform) =>
        ToolchainFetchTree.MakeRunnable(done.Directory!, platform) is { } problem
            ? Failed(done.Toolchain, done.Module, problem)
            : done;

    private static string Reasons(ProxyFetchResult fetch) =>
        fetch.Diagnostics.Count == 0
            ? fetch.Outcome == ProxyFetchOutcome.NotFound ? "no proxy has it (404/410)" : "no proxy to ask (GOPROXY has none before 'direct' or 'off')"
            : string.Join("; ", fetch.Diagnostics.Select(d => d.Message));

    private static ToolchainFetchResult Failed(string toolchain, ModuleVersion module, params IReadOnlyList<Diagnostic> diagnostics) =>
        new(toolchain, module, ToolchainFetchOutcome.Failed, diagnostics);
}
