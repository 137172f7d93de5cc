using System.Collections.Concurrent;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Prewarm;

/// <summary>
/// One test's world: a repository folder with Go components whose go.sum the real go command wrote (from a
/// file:// proxy of generated modules), an HTTP proxy serving the same modules on 127.0.0.1, an empty module
/// cache for the engine, and Go's environment to check that cache offline.
/// </summary>
internal sealed class PrewarmScenario : IAsyncDisposable
{
    private PrewarmScenario(TempDirectory temp, ModuleProxyFolder proxy, TestProxyServer server)
    {
        Temp = temp;
        Proxy = proxy;
        Server = server;
        Directory.CreateDirectory(Path.Combine(RepositoryRoot, ".git"));
    }

    public TempDirectory Temp { get; }

    public ModuleProxyFolder Proxy { get; }

    public TestProxyServer Server { get; }

    public string RepositoryRoot => Temp.Combine("repo");

    public string CacheRoot => Temp.Combine("modcache");

    public string GoPath => Temp.Combine("gopath");

    public string ReportDirectory => Temp.Combine("reports");

    public GoModuleCache Cache => new(CacheRoot);

    public static async Task<PrewarmScenario> StartAsync()
    {
        var temp = new TempDirectory("gomirror-prewarm");
        var proxy = new ModuleProxyFolder(temp.Combine("proxy"));
        var server = await TestProxyServer.StartAsync(proxy, "/proxy", cancellationToken: TestContext.Current.CancellationToken);
        return new PrewarmScenario(temp, proxy, server);
    }

    /// <summary>Adds a small module version to the proxy.</summary>
    public ProxiedModule Module(string path, string version = "v1.0.0", string? content = null) =>
        Proxy.Add(path, version, new Dictionary<string, byte[]> { ["lib.go"] = System.Text.Encoding.UTF8.GetBytes(content ?? $"package lib\n\n// {path}@{version}\n") });

    /// <summary>
    /// Writes the component <paramref name="name"/> (repo/name/go.mod requiring <paramref name="modules"/>) and
    /// lets Go write its go.sum from the file:// proxy into a scratch cache. Returns the go.mod path.
    /// </summary>
    public string Component(string name, params ProxiedModule[] modules)
    {
        var dir = Path.Combine(RepositoryRoot, name);
        Directory.CreateDirectory(dir);
        var requires = string.Concat(modules.Select(m => $"\t{m.Path} {m.Version}\n"));
        File.WriteAllText(Path.Combine(dir, "go.mod"), $"module example.com/main/{name.Replace('\\', '/')}\n\ngo 1.19\n\nrequire (\n{requires})\n");
        if (modules.Length > 0)
        {
            var environment = GoEnvironment(Proxy.FileUrl, Temp.Combine("oracle-cache"));
            GoToolchain.Run(dir, environment, ["mod", "download", .. modules.Select(m => m.Path + "@" + m.Version)]).AssertSuccess();
        }

        return Path.Combine(dir, "go.mod");
    }

    /// <summary>Go's environment against <paramref name="goProxy"/> (GOPROXY=off by default) and the engine's cache.</summary>
    public Dictionary<string, string> GoEnvironment(string goProxy = "off", string? cacheRoot = null) => new()
    {
        ["GOPROXY"] = goProxy,
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = "-mod=mod",
        ["GOMODCACHE"] = cacheRoot ?? CacheRoot,
        ["GOPATH"] = GoPath,
    };

    /// <summary>The engine's options: policy from a host environment with exactly these variables.</summary>
    public GoMirrorOptions Options(string goProxy, params string[] goMods) => OptionsWith(goProxy, new Dictionary<string, string>(), goMods);

    public GoMirrorOptions OptionsWith(string goProxy, IReadOnlyDictionary<string, string> extraVariables, params string[] goMods) =>
        OptionsFor(Temp.Path, goProxy, goMods, extraVariables);

    /// <summary>The options of a scenario rooted at <paramref name="root"/> (also from another process).</summary>
    public static GoMirrorOptions OptionsFor(string root, string goProxy, IReadOnlyList<string> goMods, IReadOnlyDictionary<string, string>? extraVariables = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["GOPROXY"] = goProxy,
            ["GOSUMDB"] = "off",
            ["GOFLAGS"] = "-mod=mod",
            ["GOMODCACHE"] = Path.Combine(root, "modcache"),
            ["GOPATH"] = Path.Combine(root, "gopath"),
            ["HOME"] = root,
            ["GOENV"] = "off",
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? string.Empty,
        };
        foreach (var (name, value) in extraVariables ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return new GoMirrorOptions
        {
            Host = new GoPolicyHost(OperatingSystem.IsWindows() ? GoHostOS.Windows : GoHostOS.Linux, environment),
            GoExecutable = GoToolchain.Require(),
            GoModules = goMods,
            RepositoryRoot = Path.Combine(root, "repo"),
            ReportDirectory = Path.Combine(root, "reports"),
            ProxyClient = FastClient,
            CiOutput = TextWriter.Null,
        };
    }

    /// <summary>Short timeouts and backoff, so fault tests take milliseconds, not the production minute.</summary>
    public static GoProxyClientOptions FastClient { get; } = new()
    {
        FirstByteTimeout = TimeSpan.FromSeconds(1),
        IdleTimeout = TimeSpan.FromSeconds(1),
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>Runs go in <paramref name="directory"/> against the engine's cache with no network.</summary>
    public GoRun GoOffline(string directory, params string[] arguments) => GoToolchain.Run(directory, GoEnvironment(), arguments);

    /// <summary>Runs <c>GOPROXY=off go mod download M@V</c> outside any module: true when Go finds it complete in the cache.</summary>
    public bool GoFindsOffline(ProxiedModule module)
    {
        var scratch = Temp.Combine("scratch");
        Directory.CreateDirectory(scratch);
        return GoOffline(scratch, "mod", "download", "-json", module.Path + "@" + module.Version).ExitCode == 0;
    }

    /// <summary>Checks a component offline the way the issue asks: download everything, then verify every module.</summary>
    public void AssertGoAcceptsOffline(string goMod)
    {
        var dir = Path.GetDirectoryName(goMod)!;
        GoOffline(dir, "mod", "download").AssertSuccess();
        var verify = GoOffline(dir, "mod", "verify").AssertSuccess();
        Assert.Contains("all modules verified", verify.Stdout, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Temp.Dispose();
    }
}

/// <summary>An <see cref="IGoMirrorLog"/> that keeps everything, for assertions.</summary>
internal sealed class RecordingLog : IGoMirrorLog
{
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly ConcurrentQueue<Diagnostic> _diagnostics = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    public IReadOnlyList<Diagnostic> Diagnostics => [.. _diagnostics];

    public string Text => string.Join("\n", Messages.Concat(Diagnostics.Select(d => d.ToString())));

    public void Message(GoMirrorLogLevel level, string text) => _messages.Enqueue(text);

    public void Diagnostic(Diagnostic diagnostic) => _diagnostics.Enqueue(diagnostic);
}
