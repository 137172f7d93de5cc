using GoMirror.Testing;

namespace GoMirror.Core.Tests.Hashing;

/// <summary>The awkward modules in a file:// proxy, downloaded once per Go release by the real go command for all tests of a class.</summary>
public sealed class AwkwardModulesFixture : IDisposable
{
    private readonly TempDirectory _temp = new("gomirror-awkward");
    private readonly Lazy<(ModuleProxyFolder Proxy, IReadOnlyList<ProxiedModule> Modules)> _proxied;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<IReadOnlyList<(ProxiedModule Module, GoDownloadResult Go)>>> _downloaded = new(StringComparer.Ordinal);

    /// <summary>Prepares nothing yet; Go runs on first use so a missing Go skips instead of failing the fixture.</summary>
    public AwkwardModulesFixture() => _proxied = new(WriteProxy);

    /// <summary>Each module as written to the proxy, with what the selected Go release (see <see cref="GoVersions.Use"/>) made of it.</summary>
    public IReadOnlyList<(ProxiedModule Module, GoDownloadResult Go)> Downloaded
    {
        get
        {
            var go = GoToolchain.Require();
            return _downloaded.GetOrAdd(go, _ => new(Download)).Value;
        }
    }

    /// <summary>A fresh folder below the fixture's temp folder.</summary>
    public string NewFolder(string name)
    {
        var path = _temp.Combine(name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <inheritdoc />
    public void Dispose() => _temp.Dispose();

    private (ModuleProxyFolder, IReadOnlyList<ProxiedModule>) WriteProxy()
    {
        var proxy = new ModuleProxyFolder(_temp.Combine("proxy"));
        return (proxy, [.. AwkwardModules.All().Select(spec => AwkwardModules.AddTo(proxy, spec))]);
    }

    // Runs inside the caller's GoVersions.Use, so GoModDownload runs the release the cache key names.
    private IReadOnlyList<(ProxiedModule, GoDownloadResult)> Download()
    {
        var (proxy, modules) = _proxied.Value;
        var results = GoModDownload.Run(NewFolder("go"), proxy.FileUrl, modules.Select(m => m.Path + "@" + m.Version));
        return [.. modules.Select(m => (m, results.Single(r => r.Path == m.Path && r.Version == m.Version)))];
    }
}
