using GoMirror.Core.ModuleCache;
using GoMirror.Core.Modules;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.ModuleCache;

/// <summary>
/// One test's world: a temp folder with a file:// proxy of generated modules, a module cache that our
/// writer fills, and the environment that runs Go against that cache offline.
/// </summary>
internal sealed class GoCacheScenario : IDisposable
{
    public GoCacheScenario()
    {
        Proxy = new ModuleProxyFolder(Temp.Combine("proxy"));
        CacheRoot = Temp.Combine("modcache");
        Cache = new GoModuleCache(CacheRoot);
    }

    public TempDirectory Temp { get; } = new("gomirror-modcache");

    public ModuleProxyFolder Proxy { get; }

    public string CacheRoot { get; }

    public GoModuleCache Cache { get; }

    /// <summary>Go's environment for this scenario; GOPROXY=off unless a proxy is given.</summary>
    public Dictionary<string, string> GoEnvironment(string? goProxy = null, string? cacheRoot = null) => new()
    {
        ["GOPROXY"] = goProxy ?? "off",
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = "-mod=mod",
        ["GOMODCACHE"] = cacheRoot ?? CacheRoot,
        ["GOPATH"] = Temp.Combine("gopath"),
    };

    /// <summary>A proxy file of <paramref name="module"/> (which must have been added to <see cref="Proxy"/>).</summary>
    public byte[] ProxyFile(ProxiedModule module, string suffix) =>
        File.ReadAllBytes(Path.Combine(Proxy.VersionDirectory(module.Path), ModuleEscaping.Escape(module.Version) + "." + suffix));

    /// <summary>Writes a main module requiring <paramref name="modules"/> (with no go.sum) and returns its folder.</summary>
    public string MainModule(params ProxiedModule[] modules)
    {
        var dir = Temp.Combine("main-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        var requires = string.Concat(modules.Select(m => $"require {m.Path} {m.Version}\n"));
        File.WriteAllText(Path.Combine(dir, "go.mod"), $"module example.com/main\n\ngo 1.19\n\n{requires}");
        return dir;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after a generous minute.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "timed out waiting until " + what);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public void Dispose() => Temp.Dispose();
}
