using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoMod;
using GoMirror.Core.Policy;
using GoMirror.Core.Prewarm;
using GoMirror.Core.Reports;
using GoMirror.Core.Toolchain;

namespace GoMirror.Core.Engine;

/// <summary>
/// Joins the pre-warm results (which proxy served each version, checked against which go.sum line) and the
/// <c>go mod download -json</c> results (the hashes the go command itself verified) into a report input.
/// </summary>
internal static class ReportInputAssembler
{
    public static ReportInput Build(
        GoMirrorPolicy policy,
        IReadOnlyList<GoComponent> components,
        PrewarmState? prewarm,
        DownloadState? download,
        string tool,
        IEnumerable<Diagnostic> findings)
    {
        var timings = new List<ReportTiming>();
        if (prewarm is not null)
        {
            timings.Add(new ReportTiming("prewarm", prewarm.Duration));
        }

        if (download is not null)
        {
            timings.Add(new ReportTiming("go mod download", download.Duration));
            if (download.OfflineDuration is { } offline)
            {
                timings.Add(new ReportTiming("offline proof", offline));
            }
        }

        return new ReportInput
        {
            Policy = PolicySettings(policy),
            GoVersion = download?.GoVersion,
            Components = [.. components.Select(c => Component(policy, c, prewarm, download))],
            Environment = new ReportEnvironment
            {
                Host = Environment.MachineName,
                OperatingSystem = ToolchainPrediction.HostGoOs,
                Architecture = ToolchainPrediction.HostGoArch,
                Tool = tool + " " + EngineVersion,
                Timings = timings,
                CacheHits = prewarm?.Modules.Count(m => m.Outcome == nameof(PrewarmOutcome.CacheHit)) ?? 0,
                CacheMisses = prewarm?.Modules.Count(m => m.Outcome == nameof(PrewarmOutcome.Downloaded)) ?? 0,
                ModuleSets = [.. (prewarm?.ModuleSets ?? []).Select(m => new ReportModuleSet(m.GoModPath, m.Id, m.Version, m.Feed, m.Outcome, m.Modules))],
            },
            Findings = [.. findings],
        };
    }

    // The Go variables, then the profile and each route when there are any, so a report says which profile and routes
    // a build used (a value from the profile names it in its source).
    private static List<PolicySetting> PolicySettings(GoMirrorPolicy policy)
    {
        var settings = policy.Settings.Select(s => new PolicySetting(s.Name, s.Value, s.Kind == SettingSourceKind.Profile ? $"{s.Location.Description}, {s.Location}" : s.Location.ToString())).ToList();
        if (policy.Profile is { } profile)
        {
            settings.Add(new PolicySetting("GoMirrorProfile", profile, $"selected by {policy.ProfileSelectedBy} in {policy.PolicyFilePath}"));
        }

        settings.AddRange(policy.RouteTable.Routes.Select(r => new PolicySetting("GoMirrorRoute " + r.Pattern, r.DisplayProxy, r.Location.ToString())));
        return settings;
    }

    /// <summary>The engine's version, as the report names the tool.</summary>
    public static string EngineVersion =>
        typeof(ReportInputAssembler).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static GoComponentRecord Component(GoMirrorPolicy policy, GoComponent component, PrewarmState? prewarm, DownloadState? download)
    {
        var warmed = (prewarm?.Modules ?? []).Where(m => m.Components.Contains(component.GoModPath, StringComparer.Ordinal))
            .ToDictionary(m => (m.Path, m.Version));
        var downloaded = download?.Components.FirstOrDefault(c => c.GoModPath == component.GoModPath);
        var fromGo = (downloaded?.Modules ?? [])
            .GroupBy(m => (m.Path, m.Version))
            .ToDictionary(g => g.Key, g => g.First());
        var modules = warmed.Keys.Union(fromGo.Keys)
            .Select(key => Module(policy, component, key.Path, key.Version, warmed.GetValueOrDefault(key), fromGo.GetValueOrDefault(key)))
            .ToList();
        return new GoComponentRecord(component.GoModPath, modules)
        {
            Members = component.IsWorkspace ? [.. component.Modules.Select(m => m.GoModPath)] : [],
            Toolchain = downloaded?.Toolchain is { } ran ? Toolchain(policy, ran) : null,
        };
    }

    // The module's h1: as the cache records it (the toolchain pre-warm, or Go itself, wrote it only after the checksum
    // database agreed: toolchains are always checked there, GONOSUMDB or not).
    private static ReportToolchain Toolchain(GoMirrorPolicy policy, ComponentToolchainState ran)
    {
        var toolchain = new ReportToolchain(ran.Go, ran.FoundGo, ran.Selection, ran.Module);
        var at = ran.Module?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (at < 0 || policy.ModCache.Value is not { Length: > 0 } cache || !Path.IsPathFullyQualified(cache))
        {
            return toolchain;
        }

        var zipHash = Path.Combine(cache, "cache", "download", "golang.org", "toolchain", "@v", ran.Module![(at + 1)..] + ".ziphash");
        string? hash;
        try
        {
            hash = File.Exists(zipHash) ? File.ReadAllText(zipHash).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            hash = null;
        }

        return toolchain with
        {
            Hash = hash,
            Verification = hash is null ? null : "checksum database " + (policy.ChecksumDatabase?.Name ?? "sum.golang.org"),
        };
    }

    private static ModuleRecord Module(GoMirrorPolicy policy, GoComponent component, string path, string version, ModuleState? warmed, GoModuleState? go)
    {
        var sum = go?.Sum ?? warmed?.ZipHash;
        var record = new ModuleRecord(path, version)
        {
            Sum = sum,
            GoModSum = go?.GoModSum ?? warmed?.GoModHash,
            // A module a feed's set served: its bytes are the mirror's, checked against go.sum; named like a cache
            // hit so the fingerprint is the same whether a runner warmed from the feed or the mirrors (the
            // environment's moduleSets says which came from the feed).
            Proxy = warmed?.ModuleSet is null ? warmed?.ServedBy ?? ProxyOf(policy, path, warmed) : FirstProxy(policy, path),
            Route = policy.RouteFor(path)?.Pattern,
        };
        if (sum is null)
        {
            var reason = go?.Error is { } error ? "go mod download failed: " + error
                : warmed is { NeedsZip: false } ? "only its go.mod is used (module graph)"
                : warmed is not null ? "not in the module cache (" + warmed.Outcome + ")"
                : "no zip downloaded";
            return record with { Verification = ModuleVerification.NotApplicable, NoDigestReason = reason };
        }

        if (component.Sums.FirstOrDefault(s => s.TryGetZipHash(path, version, out _)) is { } goSum
            && goSum.TryGetZipHash(path, version, out var line))
        {
            var where = goSum.FileName + ":" + line.Line;
            return line.Hash == sum
                ? record with { Verification = ModuleVerification.GoSum, VerificationDetail = "equal to " + where }
                : record with { Verification = ModuleVerification.Mismatch, VerificationDetail = $"{where} records {line.Hash}" };
        }

        if (warmed?.Verification is { } checkedBy && checkedBy.StartsWith("checksum database", StringComparison.Ordinal) && warmed.ZipHash == sum)
        {
            return record with { Verification = ModuleVerification.ChecksumDatabase, VerificationDetail = "no go.sum line; the pre-warm proved it in the " + checkedBy };
        }

        return go is { Error: null } && policy.UsesChecksumDatabase(path)
            ? record with { Verification = ModuleVerification.ChecksumDatabase, VerificationDetail = "no go.sum line; the go command checked it against " + policy.ChecksumDatabase?.Name }
            : record with { Verification = ModuleVerification.NotVerified, VerificationDetail = "no go.sum line and no checksum database (GONOSUMDB/GOSUMDB)" };
    }

    // For a cache hit: the entry the policy asks first; for a private module: the go command's direct fetch.
    private static string? ProxyOf(GoMirrorPolicy policy, string path, ModuleState? warmed)
    {
        if (policy.BypassesProxy(path))
        {
            return "direct";
        }

        return warmed?.Outcome == nameof(PrewarmOutcome.CacheHit) ? FirstProxy(policy, path) : null;
    }

    private static string? FirstProxy(GoMirrorPolicy policy, string path) =>
        policy.ProxiesFor(path).FirstOrDefault(p => p.Kind == ProxyEntryKind.Url)?.DisplayName;
}
