using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;

namespace GoMirror.Core.Probe;

/// <summary>What <see cref="MirrorProbe.RunAsync(MirrorProbeOptions, IProgress{ProbeProgress}?, CancellationToken)"/> probes and how hard. Every bound has a default that keeps a
/// probe of a few mirrors within seconds and a few dozen requests per mirror.</summary>
public sealed record MirrorProbeOptions
{
    /// <summary>The mirrors, as GOPROXY entries or lists (<c>https://a|https://b</c>); empty for the URL entries of
    /// the policy's GOPROXY. <c>direct</c> and <c>off</c> are not mirrors and are skipped.</summary>
    public IReadOnlyList<string> Mirrors { get; init; } = [];

    /// <summary>Also probe the public mirrors the documentation lists (<c>docs/mirrors.md</c>).</summary>
    public bool IncludeKnown { get; init; }

    /// <summary>The go.mod files whose go.sum provide the samples.</summary>
    public IReadOnlyList<string> GoModules { get; init; } = [];

    /// <summary>Explicit policy settings (as the build's): the policy settings of a host's options, as
    /// <see cref="GoMirror.Core.Settings.SettingTable.ToOptions"/> applies them; they win over the environment.
    /// Its other options are not used. Null for none.</summary>
    public GoMirrorOptions? Settings { get; init; }

    /// <summary>The environment the policy is resolved against; null for the current process.</summary>
    public GoPolicyHost? Host { get; init; }

    /// <summary>Module versions whose <c>.info</c> and <c>.mod</c> each mirror is asked for (latency, staleness,
    /// go.mod consistency).</summary>
    public int SmallSamples { get; init; } = 8;

    /// <summary>Zips each mirror serves for throughput and zip consistency: the largest in the local module
    /// cache, else the first in go.sum order.</summary>
    public int ZipSamples { get; init; } = 2;

    /// <summary>The whole probe stops after this long; what was measured is kept.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>One request waits this long for an answer (no retries: a probe measures, it does not insist).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where <c>gomirror-probe.json</c> and <c>gomirror-probe.md</c> are written; null to write nothing.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>Settings of the HTTP client (trusted roots, HTTP proxy); null for the defaults. Timeouts and
    /// retries are the probe's own.</summary>
    internal GoProxyClientOptions? ProxyClient { get; init; }

    /// <summary>The mirrors <see cref="IncludeKnown"/> adds; tests put their own servers here, since the public
    /// mirrors cannot be reached from a test.</summary>
    internal IReadOnlyList<string> KnownMirrors { get; init; } = PublicMirrors.All;
}
