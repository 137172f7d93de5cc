using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Reports;

/// <summary>What changed between a baseline report and the current one.</summary>
public enum DriftKind
{
    /// <summary>A module version is used now that was not before.</summary>
    ModuleAdded,

    /// <summary>A module is no longer used.</summary>
    ModuleRemoved,

    /// <summary>A module is used at another version.</summary>
    VersionChanged,

    /// <summary>The same module version has another <c>h1:</c> hash (zip or go.mod): re-tagged upstream, or a
    /// mirror served other bytes.</summary>
    HashChanged,

    /// <summary>A policy setting was added, removed, or has another value or source.</summary>
    PolicyChanged,

    /// <summary>The Go toolchain version differs.</summary>
    GoVersionChanged,
}

/// <summary>One difference between two reports.</summary>
/// <param name="Kind">What kind of change.</param>
/// <param name="Component">The go.mod it concerns, or <see langword="null"/> for policy and Go version.</param>
/// <param name="Subject">The module path or setting name.</param>
/// <param name="Before">The baseline's value, or <see langword="null"/> when it had none.</param>
/// <param name="After">The current value, or <see langword="null"/> when there is none.</param>
public sealed record DriftFinding(DriftKind Kind, string? Component, string Subject, string? Before, string? After);

/// <summary>The outcome of a drift check.</summary>
/// <param name="Findings">The differences, sorted.</param>
/// <param name="Diagnostics">One diagnostic per difference, each with its fix, at its configured severity.</param>
public sealed record DriftResult(IReadOnlyList<DriftFinding> Findings, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any difference is configured as an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>The drift between two report files, as <see cref="DriftAnalyzer.CompareFiles"/> found it.</summary>
/// <param name="BaselineFingerprint">The baseline report's fingerprint.</param>
/// <param name="CurrentFingerprint">The current report's fingerprint.</param>
/// <param name="Drift">The differences.</param>
public sealed record ReportComparison(string BaselineFingerprint, string CurrentFingerprint, DriftResult Drift);

/// <summary>The severity of each kind of drift. Defaults: a changed hash for the same version is an error;
/// a changed version or policy a warning; added/removed modules and another Go version are info.</summary>
internal sealed record DriftOptions
{
    /// <summary>Severity overrides by kind; kinds not listed use their code's default severity.</summary>
    public IReadOnlyDictionary<DriftKind, DiagnosticSeverity> Severities { get; init; } = new Dictionary<DriftKind, DiagnosticSeverity>();

    /// <summary>The severity used for <paramref name="kind"/>.</summary>
    public DiagnosticSeverity SeverityOf(DriftKind kind) =>
        Severities.TryGetValue(kind, out var severity) ? severity : DriftAnalyzer.DescriptorOf(kind).DefaultSeverity;
}

/// <summary>Compares a current report with a baseline (an earlier <c>gomirror-report.json</c>).</summary>
public static class DriftAnalyzer
{
    /// <summary>The diagnostic code of each kind of drift.</summary>
    public static DiagnosticDescriptor DescriptorOf(DriftKind kind) => kind switch
    {
        DriftKind.ModuleAdded => ReportDiagnostics.ModuleAdded,
        DriftKind.ModuleRemoved => ReportDiagnostics.ModuleRemoved,
        DriftKind.VersionChanged => ReportDiagnostics.ModuleVersionChanged,
        DriftKind.HashChanged => ReportDiagnostics.ModuleHashChanged,
        DriftKind.PolicyChanged => ReportDiagnostics.PolicyChanged,
        _ => ReportDiagnostics.GoVersionChanged,
    };

    /// <summary>Reads the reports at <paramref name="baselinePath"/> and <paramref name="currentPath"/> and compares
    /// them with the severities <paramref name="driftSeverity"/> asks for (the <c>DriftSeverity</c> setting's
    /// syntax, named by <paramref name="severitySource"/> in diagnostics); null, with the reasons in
    /// <paramref name="diagnostics"/>, when a report cannot be read or the severity list is malformed.</summary>
    public static ReportComparison? CompareFiles(string baselinePath, string currentPath, string? driftSeverity, SourceLocation severitySource, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var options = DriftSeverityList.Parse(driftSeverity, severitySource, diagnostics);
        var baseline = ReportJsonReader.ReadFile(baselinePath, diagnostics);
        var current = ReportJsonReader.ReadFile(currentPath, diagnostics);
        return diagnostics.HasErrors || baseline is null || current is null
            ? null
            : new ReportComparison(baseline.Fingerprint, current.Fingerprint, Compare(baseline, current, options));
    }

    /// <summary>Compares <paramref name="current"/> with <paramref name="baseline"/>. A hash is compared only
    /// when both reports have one for the same module version.</summary>
    internal static DriftResult Compare(ReproducibilityReport baseline, ReproducibilityReport current, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DriftOptions();
        var findings = new List<DriftFinding>();
        if (!string.Equals(baseline.Reproducible.GoVersion, current.Reproducible.GoVersion, StringComparison.Ordinal))
        {
            findings.Add(new(DriftKind.GoVersionChanged, null, "go", baseline.Reproducible.GoVersion, current.Reproducible.GoVersion));
        }

        ComparePolicy(baseline.Reproducible.Policy, current.Reproducible.Policy, findings);
        var before = baseline.Reproducible.Components.ToLookup(c => c.GoMod, StringComparer.Ordinal);
        var after = current.Reproducible.Components.ToLookup(c => c.GoMod, StringComparer.Ordinal);
        foreach (var goMod in before.Select(g => g.Key).Union(after.Select(g => g.Key), StringComparer.Ordinal))
        {
            CompareModules(goMod, [.. before[goMod].SelectMany(c => c.Modules)], [.. after[goMod].SelectMany(c => c.Modules)], findings);
        }

        var sorted = findings
            .OrderBy(f => f.Kind)
            .ThenBy(f => f.Component ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(f => f.Subject, StringComparer.Ordinal)
            .ThenBy(f => f.Before ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(f => f.After ?? string.Empty, StringComparer.Ordinal)
            .ToList();
        return new DriftResult(sorted, [.. sorted.Select(f => ToDiagnostic(f, current, options))]);
    }

    private static void ComparePolicy(IReadOnlyList<PolicySetting> before, IReadOnlyList<PolicySetting> after, List<DriftFinding> findings)
    {
        var old = before.ToLookup(s => s.Name, StringComparer.Ordinal);
        var now = after.ToLookup(s => s.Name, StringComparer.Ordinal);
        foreach (var name in old.Select(g => g.Key).Union(now.Select(g => g.Key), StringComparer.Ordinal))
        {
            var was = Describe(old[name]);
            var @is = Describe(now[name]);
            if (!string.Equals(was, @is, StringComparison.Ordinal))
            {
                findings.Add(new(DriftKind.PolicyChanged, null, name, was, @is));
            }
        }

        static string? Describe(IEnumerable<PolicySetting> settings)
        {
            var parts = settings.Select(s => $"{s.Value} (from {s.Source})").Order(StringComparer.Ordinal).ToList();
            return parts.Count == 0 ? null : string.Join("; ", parts);
        }
    }

    private static void CompareModules(string goMod, List<ReportModule> before, List<ReportModule> after, List<DriftFinding> findings)
    {
        var old = before.ToLookup(m => m.Path, StringComparer.Ordinal);
        var now = after.ToLookup(m => m.Path, StringComparer.Ordinal);
        foreach (var path in old.Select(g => g.Key).Union(now.Select(g => g.Key), StringComparer.Ordinal))
        {
            var oldVersions = old[path].Select(m => m.Version).ToHashSet(StringComparer.Ordinal);
            var newVersions = now[path].Select(m => m.Version).ToHashSet(StringComparer.Ordinal);
            var removed = oldVersions.Except(newVersions).Order(StringComparer.Ordinal).ToList();
            var added = newVersions.Except(oldVersions).Order(StringComparer.Ordinal).ToList();
            if (removed.Count > 0 && added.Count > 0)
            {
                findings.Add(new(DriftKind.VersionChanged, goMod, path, string.Join(", ", removed), string.Join(", ", added)));
            }
            else if (added.Count > 0)
            {
                findings.Add(new(DriftKind.ModuleAdded, goMod, path, null, string.Join(", ", added)));
            }
            else if (removed.Count > 0)
            {
                findings.Add(new(DriftKind.ModuleRemoved, goMod, path, string.Join(", ", removed), null));
            }

            foreach (var version in oldVersions.Intersect(newVersions).Order(StringComparer.Ordinal))
            {
                var was = old[path].Where(m => m.Version == version).ToList();
                var @is = now[path].Where(m => m.Version == version).ToList();
                CompareHashes(goMod, path, version, "zip", was.Select(m => (m.Sum, m.Proxy)), @is.Select(m => (m.Sum, m.Proxy)), findings);
                CompareHashes(goMod, path, version, "go.mod", was.Select(m => (m.GoModSum, m.Proxy)), @is.Select(m => (m.GoModSum, m.Proxy)), findings);
            }
        }
    }

    private static void CompareHashes(string goMod, string path, string version, string what, IEnumerable<(string? Hash, string? Proxy)> before, IEnumerable<(string? Hash, string? Proxy)> after, List<DriftFinding> findings)
    {
        var was = before.Where(h => h.Hash is not null).ToList();
        var @is = after.Where(h => h.Hash is not null).ToList();
        var wasHashes = was.Select(h => h.Hash!).ToHashSet(StringComparer.Ordinal);
        var isHashes = @is.Select(h => h.Hash!).ToHashSet(StringComparer.Ordinal);
        if (wasHashes.Count == 0 || isHashes.Count == 0 || wasHashes.SetEquals(isHashes))
        {
            return;
        }

        findings.Add(new(
            DriftKind.HashChanged,
            goMod,
            $"{path}@{version} ({what})",
            Describe(was),
            Describe(@is)));

        static string Describe(List<(string? Hash, string? Proxy)> hashes) => string.Join("; ", hashes
            .Select(h => $"{h.Hash} from {h.Proxy ?? "an unknown proxy"}")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal));
    }

    private static Diagnostic ToDiagnostic(DriftFinding finding, ReproducibilityReport current, DriftOptions options)
    {
        var descriptor = DescriptorOf(finding.Kind);
        var severity = options.SeverityOf(finding.Kind);
        var goSum = finding.Component is null ? null : GoSumNextTo(finding.Component);
        return finding.Kind switch
        {
            DriftKind.ModuleAdded => descriptor.Create(
                $"{finding.Subject}@{finding.After} is used by {finding.Component} but was not in the baseline report.",
                SourceLocation.InFile(finding.Component!),
                $"If {finding.Subject} is an intended new dependency, accept this report as the baseline; otherwise remove it from {finding.Component} and run 'go mod tidy'.",
                severity),
            DriftKind.ModuleRemoved => descriptor.Create(
                $"{finding.Subject}@{finding.Before} was used by {finding.Component} in the baseline report and is not any more.",
                SourceLocation.InFile(finding.Component!),
                $"If dropping {finding.Subject} is intended, accept this report as the baseline; otherwise restore its require line in {finding.Component}.",
                severity),
            DriftKind.VersionChanged => descriptor.Create(
                $"{finding.Subject} changed from {finding.Before} to {finding.After} in {finding.Component}.",
                SourceLocation.InFile(finding.Component!),
                $"If the change is intended, accept this report as the baseline; otherwise run 'go get {finding.Subject}@{finding.Before}' in the folder of {finding.Component}.",
                severity),
            DriftKind.HashChanged => descriptor.Create(
                $"{finding.Subject} has other bytes than in the baseline report: was {finding.Before}, now {finding.After}. Someone re-tagged the version or a mirror served different content.",
                SourceLocation.InFile(goSum!),
                $"Do not accept this: find which proxy served the new hash, remove it from GOPROXY or have it fixed, and restore {goSum} from version control. Accept the new hash only if the module's authors confirm the re-tag.",
                severity),
            DriftKind.PolicyChanged => descriptor.Create(
                $"Policy setting {finding.Subject} changed: was {finding.Before ?? "unset"}, now {finding.After ?? "unset"}.",
                new SourceLocation(current.Reproducible.Policy.FirstOrDefault(s => s.Name == finding.Subject)?.Source ?? "policy setting " + finding.Subject),
                $"If the new {finding.Subject} is intended, accept this report as the baseline; otherwise restore it where the baseline says it came from.",
                severity),
            _ => descriptor.Create(
                $"Go changed from {finding.Before ?? "unknown"} to {finding.After ?? "unknown"}.",
                null,
                $"Install {finding.Before ?? "the baseline's Go version"} (or pin it in CI), or accept this report as the baseline.",
                severity),
        };
    }

    private static string GoSumNextTo(string goMod)
    {
        var slash = goMod.LastIndexOf('/');
        return slash < 0 ? "go.sum" : goMod[..(slash + 1)] + "go.sum";
    }
}
