using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;
using GoMirror.Core.Prewarm;
using GoMirror.Core.SumDb;

namespace GoMirror.Core.ModuleSets;

/// <summary>What happened to one component's module set in a run, as the state and the report record it.</summary>
/// <param name="GoModPath">The component's go.mod (or go.work).</param>
/// <param name="Id">The package id.</param>
/// <param name="Version">The package version.</param>
/// <param name="Feed">The feed, credentials masked.</param>
/// <param name="Outcome">One of the <see cref="ModuleSetOutcomes"/>.</param>
/// <param name="Modules">For a pulled set, the module versions (<c>path@version</c>) the feed served, sorted.</param>
internal sealed record ModuleSetState(string GoModPath, string Id, string Version, string Feed, string Outcome, List<string> Modules);

/// <summary>The outcomes a <see cref="ModuleSetState"/> names.</summary>
internal static class ModuleSetOutcomes
{
    /// <summary>Pulled, checked and used: its modules came from the feed.</summary>
    public const string Pulled = "pulled";

    /// <summary>The feed has no package for these inputs yet.</summary>
    public const string NotInFeed = "not-in-feed";

    /// <summary>The package was corrupt or did not match go.sum: nothing of it was used.</summary>
    public const string Refused = "refused";

    /// <summary>The feed could not be read.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Pushed after the pre-warm (or already in the feed).</summary>
    public const string Pushed = "pushed";

    /// <summary>The push failed (a warning).</summary>
    public const string PushFailed = "push-failed";
}

/// <summary>
/// The module sets pulled before a pre-warm: their checked GOPROXY folders, which the pre-warm tries ahead of the
/// policy's list (<see cref="Proxies"/>), and what happened per component. Holds no NuGet type, so an engine with
/// module sets off never loads NuGet. Disposing deletes the folders.
/// </summary>
internal sealed class ModuleSetPull : IDisposable
{
    private readonly List<ModuleSetFolder> _folders;

    internal ModuleSetPull(List<ModuleSetFolder> folders, List<ModuleSetState> records, List<Diagnostic> diagnostics)
    {
        _folders = folders;
        Records = records;
        Diagnostics = diagnostics;
    }

    /// <summary>Nothing pulled: module sets are off.</summary>
    public static ModuleSetPull None => new([], [], []);

    /// <summary>The pulled folders as <c>file://</c> GOPROXY entries, to try first.</summary>
    public IReadOnlyList<ProxyEntry> Proxies => [.. _folders.Select(f => f.Proxy)];

    /// <summary>What happened to each component's set that was asked for (not those already cached).</summary>
    public List<ModuleSetState> Records { get; }

    /// <summary>Why a set was not used (not in the feed, unreadable, corrupt, tampered), each a warning or info.</summary>
    public List<Diagnostic> Diagnostics { get; }

    /// <summary>The pulled sets' checksum database records in front of <paramref name="database"/> as
    /// <paramref name="reached"/> reaches it (see <see cref="ModuleSetSumDbRemote"/>); null when no pulled set carries
    /// records of it.</summary>
    public ModuleSetSumDbRemote? ChecksumDatabaseRemote(ChecksumDatabase database, ISumDbRemote reached) => ModuleSetSumDbRemote.For(_folders, database, reached);

    /// <summary>The set whose folder served <paramref name="servedBy"/> (a pre-warm result's proxy), or null for a mirror.</summary>
    public ModuleSetFolder? FolderThatServed(string? servedBy) =>
        servedBy is null ? null : _folders.FirstOrDefault(f => f.Proxy.DisplayName == servedBy);

    /// <summary>The records with the module versions each pulled folder served in <paramref name="result"/>.</summary>
    public IEnumerable<ModuleSetState> WithServedModules(PrewarmResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var record in Records)
        {
            var folder = _folders.FirstOrDefault(f => f.Set.Component.GoModPath == record.GoModPath);
            yield return folder is null ? record : record with
            {
                Modules = [.. result.Modules.Where(m => m.ServedBy == folder.Proxy.DisplayName).Select(m => m.Module.ToString()).Order(StringComparer.Ordinal)],
            };
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            folder.Dispose();
        }
    }
}
