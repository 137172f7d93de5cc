using System.Text;
using GoMirror.Core.GoCommand;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.GoCommand;

/// <summary>A temp folder with a file:// proxy, a main module, an empty module cache and GOPATH, for runs of the real go.</summary>
internal sealed class DownloadWorkspace : IDisposable
{
    private readonly TempDirectory _temp = new("gocmd");

    public DownloadWorkspace()
    {
        Go = GoToolchain.Require();
        Proxy = new ModuleProxyFolder(_temp.Combine("proxy"));
        ModuleDirectory = _temp.Combine("main");
        Directory.CreateDirectory(ModuleDirectory);
        ModCache = _temp.Combine("modcache");
        Environment = new Dictionary<string, string>
        {
            ["GOPROXY"] = Proxy.FileUrl,
            ["GOSUMDB"] = "off",
            ["GOMODCACHE"] = ModCache,
            ["GOPATH"] = _temp.Combine("gopath"),
            ["GOFLAGS"] = "-modcacherw",
        };
    }

    public string Go { get; }

    public ModuleProxyFolder Proxy { get; }

    public string ModuleDirectory { get; }

    public string ModCache { get; }

    public Dictionary<string, string> Environment { get; }

    public string GoModPath => Path.Combine(ModuleDirectory, "go.mod");

    public string GoSumPath => Path.Combine(ModuleDirectory, "go.sum");

    /// <summary>Adds a module with one Go file to the proxy.</summary>
    public ProxiedModule AddModule(string path, string version) =>
        Proxy.Add(path, version, new Dictionary<string, byte[]> { ["lib.go"] = Encoding.UTF8.GetBytes("package lib\n") });

    /// <summary>Writes the main module's go.mod requiring <paramref name="requires"/>.</summary>
    public void WriteGoMod(params ProxiedModule[] requires) =>
        File.WriteAllText(GoModPath, "module example.com/main\n\ngo 1.19\n\n" + string.Concat(requires.Select(r => $"require {r.Path} {r.Version}\n")));

    public GoModDownloadRequest Request(params string[] modules) =>
        new(Go, ModuleDirectory, Environment) { Modules = modules };

    /// <summary>Points GOPROXY at a listener that never answers, so go stalls until stopped.</summary>
    public LoopbackServer UseSilentProxy()
    {
        WriteGoMod();
        var silent = LoopbackServer.Silent();
        Environment["GOPROXY"] = silent.Url;
        return silent;
    }

    /// <summary>Runs <paramref name="request"/> with the test's cancellation token.</summary>
    public Task<GoModDownloadResult> Run(GoModDownloadRequest request) =>
        GoModDownloader.DownloadAsync(request, TestContext.Current.CancellationToken);

    /// <summary>Empties the module cache so the next run downloads (and verifies) again.</summary>
    public void ClearModCache()
    {
        TempDirectory.MakeWritable(ModCache);
        if (Directory.Exists(ModCache))
        {
            Directory.Delete(ModCache, recursive: true);
        }
    }

    public void Dispose() => _temp.Dispose();
}
