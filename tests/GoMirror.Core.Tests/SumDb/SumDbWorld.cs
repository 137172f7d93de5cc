using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Core.SumDb;
using GoMirror.Testing;
using GoMirror.Testing.SumDb;

namespace GoMirror.Core.Tests.SumDb;

/// <summary>
/// A module proxy folder with a few modules, Go's checksum database over it, and a module cache and GOPATH
/// for GoMirror's client; plus what it takes to run Go against the same things.
/// </summary>
internal sealed class SumDbWorld : IDisposable
{
    public const string Name = "sumdb.test.example";

    private readonly List<SumDbTestServer> _servers = [];
    private readonly List<GoProxyClient> _clients = [];

    public SumDbWorld()
    {
        Proxy = new ModuleProxyFolder(Temp.Combine("proxy"));
        A = Proxy.Add("example.com/a", "v1.0.0", new Dictionary<string, byte[]> { ["a.go"] = "package a\n"u8.ToArray() });
        B = Proxy.Add("example.com/b", "v1.2.0", new Dictionary<string, byte[]> { ["b.go"] = "package b\n"u8.ToArray() });
        C = Proxy.Add("corp.example/private", "v0.1.0", new Dictionary<string, byte[]> { ["p.go"] = "package private\n"u8.ToArray() });
        Keys = SumDbKeys.Generate(Name);
    }

    public TempDirectory Temp { get; } = new("gomirror-sumdb");

    public ModuleProxyFolder Proxy { get; }

    public ProxiedModule A { get; }

    public ProxiedModule B { get; }

    public ProxiedModule C { get; }

    public SumDbKeys Keys { get; }

    public string ModCache => Temp.Combine("engine", "pkg", "mod");

    public string GoPath => Temp.Combine("engine");

    public GoSumDbCache Store => new(ModCache, GoPath);

    public SumDbTestServer Start(SumDbServerOptions? options = null)
    {
        var server = new SumDbTestServer((options ?? new SumDbServerOptions { ModuleFolder = Proxy.Root }) with { Keys = Keys, Name = Name });
        _servers.Add(server);
        return server;
    }

    /// <summary>A client that reaches the database as GOSUMDB and GOPROXY say, over the engine's real HTTP
    /// transport (a GOPROXY client's, with <paramref name="web"/>'s options: credentials, trusted roots).</summary>
    public SumDbClient Client(string goSumDb, string goProxy = "off", Func<string, bool>? skip = null, GoProxyClientOptions? web = null)
    {
        var diagnostics = new DiagnosticBag();
        var database = ChecksumDatabase.Parse(goSumDb, null, diagnostics) ?? throw new InvalidOperationException(string.Join("; ", diagnostics));
        var proxies = ProxyListParser.Parse(goProxy, null, GoHostOS.Linux, diagnostics);
        var client = new GoProxyClient(web ?? new GoProxyClientOptions { MaxRetries = 0 });
        _clients.Add(client);
        var endpoint = new SumDbEndpoint(database, proxies, new SumDbTransport(client.Transport, client.Files, client.Options.MaxMetadataBytes), client.Options.Redactor);
        return new SumDbClient(NoteVerifier.Parse(database.VerifierKey), endpoint, Store, skip ?? (_ => false));
    }

    /// <summary>A component under <c>repo/</c> requiring <paramref name="modules"/> with an empty go.sum: every
    /// version is one go.sum lacks. Returns its go.mod path.</summary>
    public string Component(string name, params ProxiedModule[] modules)
    {
        var dir = Temp.Combine("repo", name);
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Temp.Combine("repo", ".git"));
        var requires = string.Concat(modules.Select(m => $"\t{m.Path} {m.Version}\n"));
        File.WriteAllText(Path.Combine(dir, "go.mod"), $"module example.com/main/{name}\n\ngo 1.19\n\nrequire (\n{requires})\n");
        File.WriteAllText(Path.Combine(dir, "go.sum"), string.Empty);
        return Path.Combine(dir, "go.mod");
    }

    /// <summary>Copies GoMirror's sumdb cache and tree head into a fresh GOPATH/GOMODCACHE for one Go run.</summary>
    public (string GoPath, string ModCache) CopyForGo(string label)
    {
        var goPath = Temp.Combine("go-" + label);
        var modCache = Path.Combine(goPath, "pkg", "mod");
        Copy(Store.CacheDirectory, Path.Combine(modCache, "cache", "download", "sumdb"));
        Copy(Store.ConfigDirectory, Path.Combine(goPath, "pkg", "sumdb"));
        return (goPath, modCache);
    }

    /// <summary><c>go mod download -json M@V</c> outside any module (so no go.sum: Go asks the database).</summary>
    public GoRun GoDownload(string go, string goPath, string modCache, string goProxy, string goSumDb, params ProxiedModule[] modules)
    {
        var work = Temp.Combine("work-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(work);
        return GoToolchain.RunGo(go, work, new Dictionary<string, string>
        {
            ["GOPATH"] = goPath,
            ["GOMODCACHE"] = modCache,
            ["GOCACHE"] = Temp.Combine("gocache"),
            ["GOPROXY"] = goProxy,
            ["GOSUMDB"] = goSumDb,
            ["GONOSUMDB"] = string.Empty,
            ["GOPRIVATE"] = string.Empty,
            ["GO111MODULE"] = "on",
        }, ["mod", "download", "-json", .. modules.Select(m => m.Path + "@" + m.Version)]);
    }

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }

        Temp.Dispose();
    }

    private static void Copy(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
