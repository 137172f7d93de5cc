using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Proxy;

/// <summary>How a walk of the GOPROXY list ended.</summary>
internal enum ProxyFetchOutcome
{
    /// <summary>A proxy served the file; see <see cref="ProxyFetchResult.ServedBy"/>.</summary>
    Succeeded,

    /// <summary>Every proxy tried answered 404 or 410 (Go's "not found").</summary>
    NotFound,

    /// <summary>A proxy failed otherwise and the fallback rule stopped the walk, or the last entry failed.</summary>
    Failed,

    /// <summary>The walk reached <c>off</c>: "module lookup disabled by GOPROXY=off".</summary>
    Disabled,

    /// <summary>The walk reached <c>direct</c>: left to the go command, which fetches from version control.</summary>
    LeftToGoCommand,
}

/// <summary>What happened at one GOPROXY entry during a fetch.</summary>
/// <param name="Proxy">The entry's <see cref="Policy.ProxyEntry.DisplayName"/> (credentials masked).</param>
/// <param name="Requests">Requests sent to this entry, retries included (redirect hops are not counted).</param>
/// <param name="StatusCode">The last HTTP status (file: 200, 403 or 404), or <see langword="null"/> when no answer came.</param>
/// <param name="Error">Why the entry failed, redacted; <see langword="null"/> when it served the file.</param>
/// <param name="Duration">Time spent on this entry, retries and backoff included.</param>
internal sealed record ProxyEntryAttempt(string Proxy, int Requests, int? StatusCode, string? Error, TimeSpan Duration);

/// <summary>The result of fetching one proxy resource (<c>@v/list</c>, <c>.info</c>, <c>.mod</c> or
/// <c>.zip</c>) through the GOPROXY list. Never carries a credential.</summary>
internal class ProxyFetchResult
{
    internal ProxyFetchResult(
        string modulePath,
        string? version,
        string resource,
        ProxyFetchOutcome outcome,
        string? servedBy,
        long bytes,
        TimeSpan duration,
        IReadOnlyList<ProxyEntryAttempt> entries,
        IReadOnlyList<Diagnostic> diagnostics)
    {
        ModulePath = modulePath;
        Version = version;
        Resource = resource;
        Outcome = outcome;
        ServedBy = servedBy;
        Bytes = bytes;
        Duration = duration;
        Entries = entries;
        Diagnostics = diagnostics;
    }

    /// <summary>The module path as requested (not escaped).</summary>
    public string ModulePath { get; }

    /// <summary>The version as requested, or <see langword="null"/> for <c>@v/list</c>.</summary>
    public string? Version { get; }

    /// <summary>The resource below the module's URL, escaped as sent: <c>@v/list</c>, <c>@v/v1.2.3.zip</c>...</summary>
    public string Resource { get; }

    /// <summary>How the walk ended.</summary>
    public ProxyFetchOutcome Outcome { get; }

    /// <summary>True when a proxy served the resource.</summary>
    public bool Succeeded => Outcome == ProxyFetchOutcome.Succeeded;

    /// <summary>The serving entry's display name (credentials masked), or <see langword="null"/>.</summary>
    public string? ServedBy { get; }

    /// <summary>Bytes received from the serving entry (the body after any transfer decoding).</summary>
    public long Bytes { get; }

    /// <summary>Wall-clock time of the whole walk.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Requests sent in total, retries and fallbacks included.</summary>
    public int Attempts => Entries.Sum(e => e.Requests);

    /// <summary>One record per entry tried, in GOPROXY order.</summary>
    public IReadOnlyList<ProxyEntryAttempt> Entries { get; }

    /// <summary>Findings: on failure the deciding error (ranked as Go ranks them) first; on success, warnings
    /// about entries that failed before one served the file. Each names module@version and the proxy.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{ModulePath}{(Version is null ? string.Empty : "@" + Version)} {Resource}: {Outcome}{(ServedBy is null ? string.Empty : " via " + ServedBy)}";
}

/// <summary>A <see cref="ProxyFetchResult"/> that carries the fetched content.</summary>
/// <typeparam name="T">The content type.</typeparam>
internal sealed class ProxyFetchResult<T> : ProxyFetchResult
    where T : class
{
    internal ProxyFetchResult(ProxyFetchResult result, T? value)
        : base(result.ModulePath, result.Version, result.Resource, result.Outcome, result.ServedBy, result.Bytes, result.Duration, result.Entries, result.Diagnostics) =>
        Value = value;

    /// <summary>The content when <see cref="ProxyFetchResult.Succeeded"/>; otherwise <see langword="null"/>.</summary>
    public T? Value { get; }
}

/// <summary>A module's <c>@v/list</c> as a proxy served it.</summary>
/// <param name="Versions">The first field of each non-blank line, in the proxy's order. Like the go command, the
/// client ignores any further field (an optional timestamp); it does not filter or sort.</param>
/// <param name="Content">The bytes served.</param>
internal sealed record ModuleVersionList(IReadOnlyList<string> Versions, ReadOnlyMemory<byte> Content);

/// <summary>A version's <c>.info</c> as a proxy served it, checked to name the requested version.</summary>
/// <param name="Version">The <c>Version</c> field.</param>
/// <param name="Time">The <c>Time</c> field, when present and valid RFC 3339.</param>
/// <param name="Content">The JSON bytes served (may carry <c>Origin</c> and fields GoMirror does not read).</param>
internal sealed record ModuleVersionInfo(string Version, DateTimeOffset? Time, ReadOnlyMemory<byte> Content);
