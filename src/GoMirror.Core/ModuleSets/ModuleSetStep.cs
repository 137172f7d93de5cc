using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Prewarm;

namespace GoMirror.Core.ModuleSets;

/// <summary>
/// Module sets in the engine's steps: the pull before a pre-warm (GoMirrorModuleSetSource), the push after one
/// that downloaded anything (GoMirrorModuleSetPush), and the pack step. The engine calls in here only when a
/// module set option is set, so NuGet's assemblies load only then. Feed problems are warnings: the mirrors
/// serve what a feed cannot, and a push never fails a build.
/// </summary>
internal static class ModuleSetStep
{
    /// <summary>True when any module set option asks for the feed.</summary>
    public static bool IsOn(GoMirrorOptions options) =>
        !string.IsNullOrWhiteSpace(options.ModuleSetSource) || options.ModuleSetPush;

    /// <summary>Where packages go when <see cref="GoMirrorOptions.ModuleSetOutput"/> is unset.</summary>
    public static string OutputDirectory(EngineSetup setup) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(setup.Options.ModuleSetOutput) ? Path.Combine("artifacts", "modulesets") : setup.Options.ModuleSetOutput, setup.RepositoryRoot);

    /// <summary>
    /// Asks the feed for the set of every component that is not complete in the cache (one lookup each, at once),
    /// checks what comes back and extracts it into a folder the pre-warm tries first.
    /// </summary>
    public static async Task<ModuleSetPull> PullAsync(EngineSetup setup, Action<string> detail, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        if (setup.Options.ModuleSetPush && string.IsNullOrWhiteSpace(setup.Options.ModuleSetSource))
        {
            diagnostics.Add(ModuleSetDiagnostics.PushWithoutSource.Create(
                "GoMirrorModuleSetPush is true but GoMirrorModuleSetSource is empty: there is no feed to pull from or push to.", new SourceLocation("GoMirrorModuleSetPush")));
        }

        if (string.IsNullOrWhiteSpace(setup.Options.ModuleSetSource) || Feed(setup, diagnostics) is not { } feed)
        {
            return new ModuleSetPull([], [], diagnostics);
        }

        var wanted = setup.Components.Select(c => ModuleSet.For(c, setup.Policy, setup.Options.SumDbVerifyAll))
            .Where(set => set.Items.Count > 0 && !set.Items.All(i => ModulePrewarmer.IsCached(setup.Cache!, i)))
            .ToList();
        if (wanted.Count == 0)
        {
            detail("GoMirror module sets: every component's set is already in the module cache; the feed is not asked.");
            return new ModuleSetPull([], [], diagnostics);
        }

        var work = Directory.CreateDirectory(Path.Combine(setup.State!.Folder, "modulesets")).FullName;
        var pulls = await Task.WhenAll(wanted.Select(set => feed.PullAsync(set, work, detail, cancellationToken))).ConfigureAwait(false);
        var folders = new List<ModuleSetFolder>();
        var records = new List<ModuleSetState>();
        foreach (var (set, pull) in wanted.Zip(pulls))
        {
            diagnostics.AddRange(pull.Diagnostics);
            if (pull.Folder is { } folder)
            {
                folders.Add(folder);
            }

            var outcome = pull.Folder is not null ? ModuleSetOutcomes.Pulled
                : pull.Diagnostics.Any(d => d.Code == ModuleSetDiagnostics.SetNotInFeed.Code) ? ModuleSetOutcomes.NotInFeed
                : pull.Diagnostics.Any(d => d.Code is "GOMIRROR1106" or "GOMIRROR1107") ? ModuleSetOutcomes.Refused
                : ModuleSetOutcomes.Unavailable;
            records.Add(new ModuleSetState(set.Component.GoModPath, set.Id, set.Version, feed.DisplayName, outcome, []));
        }

        return new ModuleSetPull(folders, records, diagnostics);
    }

    /// <summary>
    /// After a successful pre-warm that downloaded anything from the mirrors: packs the set of each component that
    /// got a module from a mirror and pushes it. Every problem is a warning.
    /// </summary>
    public static async Task<IReadOnlyList<ModuleSetState>> PushAsync(
        EngineSetup setup, PrewarmResult result, ModuleSetPull pull, List<Diagnostic> diagnostics, Action<string> detail, CancellationToken cancellationToken)
    {
        var fromMirrors = result.Modules
            .Where(m => m.Outcome == PrewarmOutcome.Downloaded && pull.FolderThatServed(m.ServedBy) is null)
            .Select(m => m.Module)
            .ToHashSet();
        if (!setup.Options.ModuleSetPush || string.IsNullOrWhiteSpace(setup.Options.ModuleSetSource) || fromMirrors.Count == 0)
        {
            return [];
        }

        if (!result.Succeeded)
        {
            detail("GoMirror module sets: the pre-warm failed, so no set is pushed.");
            return [];
        }

        if (Feed(setup, diagnostics) is not { } feed)
        {
            return [];
        }

        var apiKey = ApiKey(setup, diagnostics);
        var keep = !string.IsNullOrWhiteSpace(setup.Options.ModuleSetOutput);
        var output = keep ? OutputDirectory(setup) : Path.Combine(setup.State!.Folder, "modulesets", "push-" + Guid.NewGuid().ToString("N")[..8]);
        var records = new List<ModuleSetState>();
        try
        {
            foreach (var set in setup.Components.Select(c => ModuleSet.For(c, setup.Policy, setup.Options.SumDbVerifyAll)).Where(s => s.Items.Any(i => fromMirrors.Contains(i.Module))))
            {
                var packed = await ModuleSetPacker.PackAsync(set, setup.Cache!, output, ChecksumDatabaseSession.Store(setup.Policy), cancellationToken).ConfigureAwait(false);
                if (packed.PackagePath is null)
                {
                    // The pre-warm succeeded, so a set that cannot be packed is worth a warning, never a failed build.
                    diagnostics.AddRange(packed.Diagnostics.Select(d => ModuleSetDiagnostics.PushFailed.Create($"{set.Id} {set.Version} was not pushed: {d.Code}: {d.Message}", d.Location)));
                    records.Add(new ModuleSetState(set.Component.GoModPath, set.Id, set.Version, feed.DisplayName, ModuleSetOutcomes.PushFailed, []));
                    continue;
                }

                var pushed = await feed.PushAsync(packed.PackagePath, apiKey, detail, cancellationToken).ConfigureAwait(false);
                diagnostics.AddRange(pushed.Diagnostics);
                records.Add(new ModuleSetState(set.Component.GoModPath, set.Id, set.Version, feed.DisplayName, pushed.Succeeded ? ModuleSetOutcomes.Pushed : ModuleSetOutcomes.PushFailed, []));
                detail($"GoMirror module sets: {(pushed.Succeeded ? "pushed" : "could not push")} {set.Id} {set.Version} ({set.Items.Count} module versions, {packed.Bytes} bytes) to {feed.DisplayName}.");
            }
        }
        finally
        {
            if (!keep && Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }

        return records;
    }

    /// <summary>Packs every component's set from the module cache into <see cref="OutputDirectory"/>.</summary>
    public static async Task<IReadOnlyList<ModuleSetPackResult>> PackAsync(EngineSetup setup, CancellationToken cancellationToken)
    {
        var output = OutputDirectory(setup);
        var results = new List<ModuleSetPackResult>();
        foreach (var component in setup.Components)
        {
            results.Add(await ModuleSetPacker.PackAsync(ModuleSet.For(component, setup.Policy, setup.Options.SumDbVerifyAll), setup.Cache!, output, ChecksumDatabaseSession.Store(setup.Policy), cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private static ModuleSetFeed? Feed(EngineSetup setup, List<Diagnostic> diagnostics)
    {
        var configFile = string.IsNullOrWhiteSpace(setup.Options.ModuleSetConfigFile) ? null : Path.GetFullPath(setup.Options.ModuleSetConfigFile, setup.RepositoryRoot);
        if (ModuleSetFeed.TryResolve(setup.Options.ModuleSetSource!, setup.RepositoryRoot, configFile, setup.Policy.Redactor, out var feed, out var problem))
        {
            return feed;
        }

        diagnostics.Add(problem);
        return null;
    }

    private static string? ApiKey(EngineSetup setup, List<Diagnostic> diagnostics)
    {
        if (setup.Options.ModuleSetApiKeyVariable is not { Length: > 0 } name || string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var value = setup.Host.Get(name.Trim());
        if (string.IsNullOrEmpty(value))
        {
            diagnostics.Add(ModuleSetDiagnostics.ApiKeyVariableUnset.Create(
                $"GoMirrorModuleSetApiKeyVariable names {name.Trim()}, which is not set in the build's environment; the push has no API key from it.", new SourceLocation("GoMirrorModuleSetApiKeyVariable")));
            return null;
        }

        setup.Policy.Redactor.AddSecret(value);
        return value;
    }
}
