using GoMirror.Core.Policy;

namespace GoMirror.Core.ModuleSets;

/// <summary>
/// A module set pulled from a feed and checked, extracted into a temporary GOPROXY folder: the pre-warm puts
/// <see cref="Proxy"/> ahead of the configured GOPROXY list, so each module is verified against go.sum exactly
/// as if a proxy had served it, and what the folder lacks falls through to the mirrors. Disposing deletes it.
/// </summary>
internal sealed class ModuleSetFolder : IDisposable
{
    internal ModuleSetFolder(ModuleSet set, string root, string feed)
    {
        Set = set;
        Root = root;
        Feed = feed;
        Proxy = new ProxyEntry(ProxyEntryKind.Url, new Uri(Path.GetFullPath(root) + Path.DirectorySeparatorChar), FallBackOnAnyError: true);
    }

    /// <summary>The set it holds.</summary>
    public ModuleSet Set { get; }

    /// <summary>The GOPROXY folder.</summary>
    public string Root { get; }

    /// <summary>The feed it came from, as a person may see it (credentials masked).</summary>
    public string Feed { get; }

    /// <summary>The folder as a <c>file://</c> GOPROXY entry followed by <c>|</c>: any miss or error falls through.</summary>
    public ProxyEntry Proxy { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
