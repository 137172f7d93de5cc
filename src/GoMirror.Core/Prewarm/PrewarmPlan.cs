using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoMod;
using GoMirror.Core.Modules;
using GoMirror.Core.Policy;
using GoMirror.Core.SumDb;

namespace GoMirror.Core.Prewarm;

/// <summary>
/// What a pre-warm will do: every module version the components' go.sum files name, once each, with the go.sum
/// lines that check it and whether the policy lets a proxy serve it. Made without any I/O beyond what the
/// components already read; nothing is guessed (a version go.mod requires but go.sum lacks is reported, not fetched).
/// </summary>
internal sealed class PrewarmPlan
{
    private PrewarmPlan(IReadOnlyList<GoComponent> components, IReadOnlyList<PrewarmItem> items, IReadOnlyList<Diagnostic> diagnostics)
    {
        Components = components;
        Items = items;
        Diagnostics = diagnostics;
    }

    /// <summary>The components, sorted by go.mod path.</summary>
    public IReadOnlyList<GoComponent> Components { get; }

    /// <summary>Every module version, in Go's module order.</summary>
    public IReadOnlyList<PrewarmItem> Items { get; }

    /// <summary>The items the pre-warm fetches through a proxy.</summary>
    public IEnumerable<PrewarmItem> Fetchable => Items.Where(i => i.Disposition == PrewarmDisposition.Fetch);

    /// <summary>Findings about the inputs: go.sum files that disagree, required versions missing from go.sum,
    /// unusable lines. Per-item reasons for leaving a version to the go command are on the items.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Plans the pre-warm of <paramref name="components"/> under <paramref name="policy"/>.</summary>
    public static PrewarmPlan Create(IEnumerable<GoComponent> components, GoMirrorPolicy policy, DiagnosticSeverity? unverifiedSeverity = null)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(policy);
        var sorted = components.DistinctBy(c => c.GoModPath).OrderBy(c => c.GoModPath, StringComparer.Ordinal).ToList();
        var diagnostics = new List<Diagnostic>();
        var lines = new Dictionary<ModuleVersion, Lines>();
        var missing = new List<Missing>();
        foreach (var component in sorted)
        {
            foreach (var goSum in component.Sums)
            {
                AddLines(component, goSum, lines, diagnostics);
            }

            missing.AddRange(MissingFromGoSum(component));
        }

        var items = new List<PrewarmItem>();
        // Keys sorted as a list, not LINQ over the dictionary's pairs: generic code over reference types ships
        // precompiled, over pairs and tuples the JIT compiles it in every fresh process (finding 13).
        var modules = new List<ModuleVersion>(lines.Count);
        foreach (var module in lines.Keys)
        {
            if (lines[module].Zip.Count + lines[module].GoMod.Count > 0)
            {
                modules.Add(module);
            }
        }

        modules.Sort(ModuleVersion.Comparer);
        foreach (var module in modules)
        {
            items.Add(Plan(module, lines[module], policy));
        }

        foreach (var group in missing.GroupBy(m => m.Module).OrderBy(g => g.Key, ModuleVersion.Comparer))
        {
            var (component, module, requiredAt) = group.First();
            var database = policy.ChecksumDatabase is { IsOff: false } db && policy.UsesChecksumDatabase(module.Path) ? db : null;
            if (lines.ContainsKey(module))
            {
                diagnostics.AddRange(group.Select(m => PrewarmDiagnostics.MissingFromGoSum.Create(
                    $"{m.Module}: {RequiredBy(m.RequiredAt)} requires it but {NoLineIn(m.Component)} line for it; another component's go.sum has it, so the pre-warm fetches it from there.",
                    m.RequiredAt)));
                continue;
            }

            if (database is null)
            {
                // Nothing vouches for it: an unverified finding, at the severity the user chose (GOMIRROR0909).
                var why = policy.ChecksumDatabase is { IsOff: false }
                    ? $"GONOSUMDB/GOPRIVATE ({policy.NoSumDb.Location}) exempt it from the checksum database"
                    : $"GOSUMDB=off ({policy.SumDb.Location})";
                diagnostics.AddRange(group.Select(m => SumDbDiagnostics.Unverified.Create(
                    $"{m.Module}: not verified: {RequiredBy(m.RequiredAt)} requires it but {NoLineIn(m.Component)} line for it, and {why}, so nothing can verify it; the pre-warm does not guess its hash and leaves it to the go command.",
                    m.RequiredAt,
                    severity: unverifiedSeverity)));
                continue;
            }

            var planned = Plan(module, new Lines(), policy) with
            {
                FromChecksumDatabase = true,
                RequiredAt = requiredAt,
                Components = group.Select(m => m.Component.GoModPath).Distinct().Order(StringComparer.Ordinal).ToList(),
            };
            items.Add(planned.Disposition == PrewarmDisposition.Fetch ? planned : planned with { FromChecksumDatabase = false });
        }

        items.Sort((a, b) => ModuleVersion.Comparer.Compare(a.Module, b.Module));
        return new PrewarmPlan(sorted, items, diagnostics);
    }

    private static PrewarmItem Plan(ModuleVersion module, Lines found, GoMirrorPolicy policy)
    {
        var reasons = new List<Diagnostic>();
        var zip = Agreed(module, "zip", found.Zip, reasons);
        var goMod = Agreed(module, "go.mod", found.GoMod, reasons);
        var components = found.Zip.Concat(found.GoMod).Select(l => l.Component).Distinct().Order(StringComparer.Ordinal).ToList();
        var where = zip?.Location ?? goMod?.Location;
        var invalid = module.Check(where);
        if (invalid is not null || !Semver.TryCanonicalModuleVersion(module.Version, out var canonical) || canonical != module.Version)
        {
            reasons.Add(PrewarmDiagnostics.UnusableGoSumLine.Create(
                $"{module}: {(invalid?.Message ?? "the version is not canonical")}; the pre-warm leaves it to the go command.", where));
            return new PrewarmItem(module, zip, goMod, PrewarmDisposition.Unusable, components, reasons);
        }

        if (reasons.Count > 0)
        {
            return new PrewarmItem(module, zip, goMod, PrewarmDisposition.Unusable, components, reasons);
        }

        if (policy.BypassesProxy(module.Path))
        {
            var pattern = policy.NoProxyPatterns.Globs.FirstOrDefault(g => ModulePathPatterns.MatchesPrefix(g, module.Path)) ?? policy.NoProxy.Value;
            reasons.Add(PrewarmDiagnostics.PrivateModuleLeftToGo.Create(
                $"{module}: GONOPROXY matches it ('{pattern}', {policy.NoProxy.Location}); no proxy is asked for it; left to the go command, which fetches it from version control.",
                where));
            return new PrewarmItem(module, zip, goMod, PrewarmDisposition.Private, components, reasons);
        }

        var proxies = policy.ProxiesFor(module.Path);
        if (proxies.Count == 0 || proxies[0].Kind != ProxyEntryKind.Url)
        {
            var first = proxies.Count == 0 ? "no entry" : proxies[0].DisplayName;
            reasons.Add(PrewarmDiagnostics.NoProxyToFetchFrom.Create(
                $"{module}: {(policy.RouteFor(module.Path) is { } route ? $"route '{route.Pattern}' ({route.Location})" : $"GOPROXY ({policy.Proxy.Location})")} starts with {first}, so there is no proxy to pre-warm it from; left to the go command.",
                where));
            return new PrewarmItem(module, zip, goMod, PrewarmDisposition.NoProxy, components, reasons);
        }

        return new PrewarmItem(module, zip, goMod, PrewarmDisposition.Fetch, components, []);
    }

    // The hash every component agrees on; an error naming both lines when two go.sum files differ.
    private static ExpectedHash? Agreed(ModuleVersion module, string what, List<SumLine> lines, List<Diagnostic> reasons)
    {
        if (lines.Count == 0)
        {
            return null;
        }

        var first = lines[0].Hash;
        if (lines.FirstOrDefault(l => l.Hash.Hash != first.Hash) is { Hash: { } other })
        {
            reasons.Add(PrewarmDiagnostics.GoSumFilesDisagree.Create(
                $"{module}: {first.Location} records the {what} hash {first.Hash}, but {other.Location} records {other.Hash}; the pre-warm fetches neither and leaves it to the go command.",
                other.Location));
        }

        return first;
    }

    private static string RequiredBy(SourceLocation? requiredAt) => requiredAt?.File is { } goMod ? Path.GetFileName(goMod) : "go.mod";

    private static string NoLineIn(GoComponent component) =>
        component.IsWorkspace ? "neither the members' go.sum files nor go.work.sum have a" : component.GoSumPath + " has no";

    private static void AddLines(GoComponent component, GoSumFile goSum, Dictionary<ModuleVersion, Lines> lines, List<Diagnostic> diagnostics)
    {
        foreach (var entry in goSum.Entries.Where(e => !e.Hash.StartsWith("h1:", StringComparison.Ordinal)))
        {
            diagnostics.Add(PrewarmDiagnostics.UnusableGoSumLine.Create(
                $"{entry.Module}: the hash '{entry.Hash}' is not an h1: hash; the pre-warm cannot check it and ignores the line.",
                SourceLocation.InFile(goSum.FileName, entry.Line)));
        }

        // Go checks against the first h1: line of a version in a go.sum (GoSumFile reports later conflicting ones).
        foreach (var bare in goSum.Entries.Select(e => e.BareModule).Distinct())
        {
            if (!lines.TryGetValue(bare, out var found))
            {
                lines[bare] = found = new Lines();
            }

            if (goSum.TryGetZipHash(bare.Path, bare.Version, out var zip))
            {
                found.Zip.Add(new SumLine(component.GoModPath, new ExpectedHash(zip.Hash, SourceLocation.InFile(goSum.FileName, zip.Line))));
            }

            if (goSum.TryGetGoModHash(bare.Path, bare.Version, out var goMod))
            {
                found.GoMod.Add(new SumLine(component.GoModPath, new ExpectedHash(goMod.Hash, SourceLocation.InFile(goSum.FileName, goMod.Line))));
            }
        }
    }

    // Go's own rule: a required version with no go.sum line makes the go command fail ("missing go.sum entry")
    // or, with -mod=mod, check it against the checksum database. The pre-warm never guesses a hash for it: it
    // asks the database, or leaves it to the go command.
    // In a workspace, go.work's replacements win over the members' (cmd/go modload), and a sum in any of the
    // workspace's go.sum files or go.work.sum counts.
    private static IEnumerable<Missing> MissingFromGoSum(GoComponent component)
    {
        foreach (var module in component.Modules)
        {
            foreach (var require in module.GoMod.Require)
            {
                var target = component.IsWorkspace && Replacement(component.GoMod, require.Module) is var fromWork && fromWork != require.Module
                    ? fromWork
                    : Replacement(module.GoMod, require.Module);
                if (target is null || component.Modules.Any(m => m.GoMod.Module?.Path == target.Path))
                {
                    continue;
                }

                var goModLine = target with { Version = target.Version + ModuleVersion.GoModSuffix };
                if (!component.Sums.Any(s => s.EntriesFor(target).Count > 0 || s.EntriesFor(goModLine).Count > 0))
                {
                    yield return new Missing(component, target, require.Location);
                }
            }
        }
    }

    // The module a requirement really resolves to after replace directives; null for a folder replacement.
    private static ModuleVersion? Replacement(GoModFile goMod, ModuleVersion required)
    {
        var replace = goMod.Replace.LastOrDefault(r => r.Old.Path == required.Path && r.Old.Version == required.Version)
            ?? goMod.Replace.LastOrDefault(r => r.Old.Path == required.Path && r.Old.Version.Length == 0);
        return replace is null ? required : replace.IsDirectoryReplacement ? null : replace.New;
    }

    private sealed class Lines
    {
        public List<SumLine> Zip { get; } = [];

        public List<SumLine> GoMod { get; } = [];
    }

    // One component's go.sum line for a version.
    private sealed record SumLine(string Component, ExpectedHash Hash);

    // A version a component's go.mod requires that its go.sum has no line for.
    private sealed record Missing(GoComponent Component, ModuleVersion Module, SourceLocation? RequiredAt);
}
