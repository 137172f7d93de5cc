using GoMirror.Testing;

namespace GoMirror.Core.Tests.Hashing;

/// <summary>The awkward modules in a file:// proxy, downloaded once by the real go command for all tests of a class.</summary>
public sealed class AwkwardModulesFixture : IDisposable
{
    private readonly TempDirectory _temp = new("gomirror-awkward");
    private readonly Lazy<IReadOnlyList<(ProxiedModule Module, GoDownloadResult Go)>> _downloaded;

    /// <summary>Prepares the proxy; Go runs on first use so a missing Go skips instead of failing the fixture.</summary>
    public AwkwardModulesFixture() => _downloaded = new(Download);

    /// <summary>Each module as written to the proxy, with what Go made of it.</summary>
    public IReadOnlyList<(ProxiedModule Module, GoDownloadResult Go)> Downloaded
    {
        get
        {
            GoToolchain.Require();
            return _downloaded.Value;
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

    private IReadOnlyList<(ProxiedModule, GoDownloadResult)> Download()
    {
        var proxy = new ModuleProxyFolder(_temp.Combine("proxy"));
        var modules = AwkwardModules.All().Select(spec => AwkwardModules.AddTo(proxy, spec)).ToList();
        var results = GoModDownload.Run(_temp.Combine("go"), proxy.FileUrl, modules.Select(m => m.Path + "@" + m.Version));
        return [.. modules.Select(m => (m, results.Single(r => r.Path == m.Path && r.Version == m.Version)))];
    }
}
