using System.Globalization;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.GoMod;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Core.Reports;

namespace GoMirror.Core.Probe;

/// <summary>
/// Probes mirrors with module versions from the components' go.sum: latency of small requests, zip throughput,
/// the checksum database endpoint, staleness (versions a mirror lacks, newest listed versions older than another
/// mirror's) and consistency (the h1: of what it serves
/// against go.sum and the other mirrors). Bounded: a fixed number of requests per mirror, one request timeout, no
/// retries, one time limit for the whole probe. Every URL it shows or saves is redacted.
/// </summary>
public static class MirrorProbe
{
    /// <summary>Probes as a build host asks for it: the mirrors of <see cref="GoMirrorOptions.ProbeProxies"/> (else
    /// GOPROXY's), plus the public ones with <see cref="GoMirrorOptions.ProbeKnown"/>, sampled from the options'
    /// components, with the files written into the report folder the other reports of these options go to.</summary>
    public static Task<MirrorProbeResult> RunAsync(GoMirrorOptions options, IProgress<ProbeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var setup = Engine.EngineSetup.Create(options);
        var folder = Path.Combine(setup.ReportDirectory, new Ci.CiEnvironment(setup.Host.Get).ReportFolderName(options.ReportLeg, setup.Check.Policy.Redactor));
        return RunAsync(
            new MirrorProbeOptions { GoModules = options.GoModules, Settings = options, Host = options.Host, ReportDirectory = folder },
            progress,
            cancellationToken);
    }

    /// <summary>Runs the probe; failures come back as diagnostics, only the caller's cancellation throws.</summary>
    public static async Task<MirrorProbeResult> RunAsync(MirrorProbeOptions options, IProgress<ProbeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new DiagnosticBag();
        var host = options.Host ?? GoPolicyHost.FromCurrentProcess();
        GoMirrorPolicy policy;
        try
        {
            // The public overload: the defaults of the Go these settings run (its go.env).
            policy = GoMirrorPolicy.Resolve(host, options.Settings ?? new GoMirrorOptions());
        }
        catch (ArgumentException e)
        {
            diagnostics.Add(Engine.EngineDiagnostics.InvalidOption.Create("PolicySettings: " + e.Message));
            policy = GoMirrorPolicy.Resolve(host);
        }

        var redactor = policy.Redactor;
        var mirrors = Mirrors(options, policy, host.OperatingSystem, diagnostics);
        foreach (var mirror in mirrors)
        {
            redactor.AddSecretsFromUrl(mirror.Url!.OriginalString);
        }

        if (mirrors.Count == 0 && !diagnostics.HasErrors)
        {
            diagnostics.Add(ProbeDiagnostics.NoMirror.Create(
                $"GOPROXY is '{redactor.Redact(policy.Proxy.Value)}' ({policy.Proxy.Location.Description}), which names no mirror URL, and no mirror was given.",
                policy.Proxy.Location));
        }

        var components = new List<GoComponent>();
        foreach (var goMod in options.GoModules)
        {
            if (GoComponent.Load(goMod, diagnostics) is { } component)
            {
                components.Add(component);
            }
        }

        var samples = ProbeSampler.Collect(components, policy, out var privateSkipped);
        if (samples.Count == 0)
        {
            diagnostics.Add(ProbeDiagnostics.NoSamples.Create(components.Count == 0
                ? "No component was given, so there is no go.sum to take module versions from."
                : string.Create(CultureInfo.InvariantCulture, $"The go.sum files of {components.Count} component(s) name no module version a mirror may be asked about ({privateSkipped} private module path(s) skipped).")));
        }

        if (diagnostics.HasErrors)
        {
            return Finish([], null, samples.Count, options, diagnostics, redactor);
        }

        var small = ProbeSampler.Spread(samples, options.SmallSamples);
        var zips = ProbeSampler.LargestZips(samples, options.ZipSamples);
        var sumDb = policy.ChecksumDatabase is { IsOff: false } database ? database.Name : null;
        var lists = small.Select(s => s.Path).Distinct(StringComparer.Ordinal).Count();
        var total = mirrors.Count * ((2 * small.Count) + lists + zips.Count + (sumDb is null ? 0 : 1));
        var done = 0;
        progress?.Report(new ProbeProgress(0, total));
        void RequestDone() => progress?.Report(new ProbeProgress(Interlocked.Increment(ref done), total));

        var clientOptions = (options.ProxyClient ?? new GoProxyClientOptions()) with
        {
            ConnectTimeout = options.RequestTimeout < GoProxyClientOptions.DefaultConnectTimeout ? options.RequestTimeout : GoProxyClientOptions.DefaultConnectTimeout,
            FirstByteTimeout = options.RequestTimeout,
            IdleTimeout = options.RequestTimeout,
            MaxRetries = 0,

            // The probe measures each mirror as it is: no mirror is skipped or hedged on another's behalf.
            BreakerThreshold = 0,
            Hedging = false,
            Redactor = redactor,
        };
        var temp = Directory.CreateTempSubdirectory("gomirror-probe-").FullName;
        var measurements = mirrors.Select(m => new MirrorMeasurement(m.DisplayName)).ToList();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.TimeLimit);
        try
        {
            using var client = new GoProxyClient(clientOptions);
            await Task.WhenAll(mirrors.Select(async (mirror, i) =>
            {
                try
                {
                    await new MirrorProber(client, mirror, measurements[i], temp, RequestDone).RunAsync(small, zips, limit.Token).ConfigureAwait(false);
                    if (sumDb is not null)
                    {
                        var supported = await SumDbSupport.CheckAsync(client, mirror, sumDb, limit.Token).ConfigureAwait(false);
                        measurements[i].Locked(() =>
                        {
                            measurements[i].SumDbSupported = supported;
                            measurements[i].Requests++;
                        });
                        RequestDone();
                    }
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    measurements[i].CutShort = true;
                }
            })).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var ranked = ProbeRanking.Rank(measurements);
        Explain(ranked, measurements, options, diagnostics);
        var suggested = ProbeRanking.Suggest(ranked, policy.ProxyList.Any(e => e.Kind == ProxyEntryKind.Direct));
        return Finish(ranked, suggested, samples.Count, options, diagnostics, redactor);
    }

    private static List<ProxyEntry> Mirrors(MirrorProbeOptions options, GoMirrorPolicy policy, GoHostOS os, DiagnosticBag diagnostics)
    {
        var entries = new List<ProxyEntry>();
        var named = options.Mirrors.Count > 0 ? options.Mirrors : Split(options.Settings?.ProbeProxies);
        if (named.Count == 0)
        {
            entries.AddRange(policy.ProxyList.Where(e => e.Kind == ProxyEntryKind.Url));
        }

        foreach (var given in options.IncludeKnown || options.Settings?.ProbeKnown == true ? [.. named, .. options.KnownMirrors] : named)
        {
            var parsed = new DiagnosticBag();
            var list = ProxyListParser.Parse(given, new SourceLocation("mirror " + given), os, parsed);
            if (parsed.HasErrors)
            {
                foreach (var error in parsed.ToList().Where(d => d.IsError))
                {
                    diagnostics.Add(ProbeDiagnostics.InvalidMirror.Create(error.Message, error.Location));
                }

                continue;
            }

            entries.AddRange(list.Where(e => e.Kind == ProxyEntryKind.Url));
        }

        return [.. entries.DistinctBy(e => e.Url!.OriginalString.TrimEnd('/'), StringComparer.Ordinal)];
    }

    private static IReadOnlyList<string> Split(string? list) =>
        list is null ? [] : list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Explain(IReadOnlyList<ProbedMirror> ranked, IReadOnlyList<MirrorMeasurement> measurements, MirrorProbeOptions options, DiagnosticBag diagnostics)
    {
        var served = measurements.ToDictionary(m => m.Display, m => m.Served, StringComparer.Ordinal);
        foreach (var mirror in ranked)
        {
            var where = new SourceLocation("mirror " + mirror.Url);
            if (!mirror.Consistent)
            {
                var agreeing = measurements
                    .Where(m => m.Display != mirror.Url && mirror.Inconsistent.All(item => m.Served.ContainsKey(item) && !m.Inconsistent.Contains(item)))
                    .Select(m => m.Display)
                    .ToList();
                diagnostics.Add(ProbeDiagnostics.InconsistentMirror.Create(
                    $"SECURITY ERROR: {mirror.Url} served {string.Join(", ", mirror.Inconsistent.Select(item => $"{item} as {served[mirror.Url][item]}"))}, which go.sum does not record; "
                    + (agreeing.Count == 0 ? "no other mirror probed served these items." : $"{string.Join(", ", agreeing)} served the bytes go.sum records."),
                    where));
            }

            if (mirror.Missing.Count > 0)
            {
                diagnostics.Add(ProbeDiagnostics.StaleMirror.Create(
                    string.Create(CultureInfo.InvariantCulture, $"{mirror.Url} answered 404/410 for {mirror.Missing.Count} module version(s) go.sum names: {string.Join(", ", mirror.Missing.Take(5))}{(mirror.Missing.Count > 5 ? ", ..." : string.Empty)}."),
                    where));
            }

            if (mirror.LatestBehind.Count > 0)
            {
                diagnostics.Add(ProbeDiagnostics.LatestBehind.Create(
                    string.Create(CultureInfo.InvariantCulture, $"{mirror.Url} lists older newest versions than another mirror for {mirror.LatestBehind.Count} module(s): {string.Join(", ", mirror.LatestBehind.Take(5))}{(mirror.LatestBehind.Count > 5 ? ", ..." : string.Empty)}."),
                    where));
            }

            if (mirror.Requests > 0 && mirror.Failures == mirror.Requests)
            {
                diagnostics.Add(ProbeDiagnostics.UnreachableMirror.Create(
                    string.Create(CultureInfo.InvariantCulture, $"None of the {mirror.Requests} requests to {mirror.Url} got an answer within {options.RequestTimeout.TotalSeconds:0.#} s."),
                    where));
            }

            if (mirror.SumDbSupported == false)
            {
                diagnostics.Add(ProbeDiagnostics.SumDbNotSupported.Create($"{mirror.Url}/sumdb/.../supported did not answer 200: the go command asks the checksum database directly for modules go.sum lacks.", where));
            }
        }

        var cut = measurements.Where(m => m.CutShort).Select(m => m.Display).ToList();
        if (cut.Count > 0)
        {
            diagnostics.Add(ProbeDiagnostics.ProbeTimeLimit.Create(
                string.Create(CultureInfo.InvariantCulture, $"The probe's time limit of {options.TimeLimit.TotalSeconds:0.#} s ended the requests to {string.Join(", ", cut)}.")));
        }
    }

    private static MirrorProbeResult Finish(IReadOnlyList<ProbedMirror> mirrors, string? suggested, int samples, MirrorProbeOptions options, DiagnosticBag diagnostics, Security.CredentialRedactor redactor)
    {
        var json = ProbeWriters.Json(mirrors, suggested, samples);
        var markdown = ProbeWriters.Markdown(mirrors, suggested, samples);
        var files = new List<string>();
        if (options.ReportDirectory is { Length: > 0 } folder && mirrors.Count > 0)
        {
            Directory.CreateDirectory(folder);
            foreach (var (name, content) in new[] { (ProbeWriters.JsonName, json), (ProbeWriters.MarkdownName, markdown) })
            {
                var path = Path.Combine(Path.GetFullPath(folder), name);
                if (ReportFileWriter.TryWriteAtomically(path, content, diagnostics))
                {
                    files.Add(path);
                }
            }
        }

        var redacted = diagnostics.ToList().Select(redactor.Redact).ToList();
        return new MirrorProbeResult(mirrors, suggested, samples, json, markdown, files, redacted);
    }
}
