using GoMirror.Core.ModuleCache;
using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Core.Toolchain;
using GoMirror.Testing;
using GoMirror.Testing.SumDb;
using GoMirror.Testing.Toolchain;

namespace GoMirror.Core.Tests.Toolchain;

/// <summary>
/// A toolchain module built from the installed Go 1.23 (cmd/distpack's layout), Go's own checksum database over
/// the genuine module, a GOPROXY on 127.0.0.1 serving a folder (the genuine one unless a test forges it), and a
/// GOPATH/GOMODCACHE both GoMirror and Go use.
/// </summary>
internal sealed class ToolchainPrewarmWorld : IAsyncDisposable
{
    public const string Name = "sumdb.test.example";

    private readonly List<GoProxyClient> _clients = [];

    private ToolchainPrewarmWorld(bool full)
    {
        Genuine = new ModuleProxyFolder(Temp.Combine("genuine"));
        Module = ToolchainModuleFixture.Add(Genuine, ToolchainModuleFixture.GoRoot123, full);
        Toolchain = ToolchainModuleFixture.ToolchainOf(ToolchainModuleFixture.GoRoot123);
    }

    public TempDirectory Temp { get; } = new("gomirror-toolchain");

    public ModuleProxyFolder Genuine { get; }

    public ProxiedModule Module { get; }

    public string Toolchain { get; }

    public SumDbTestServer Database { get; private set; } = null!;

    public TestProxyServer Proxy { get; private set; } = null!;

    public string GoPath => Temp.Combine("gopath");

    public string ModCache => Temp.Combine("gopath", "pkg", "mod");

    public string ToolchainDirectory => Path.Combine(ModCache, "golang.org", "toolchain@" + Module.Version);

    public string VersionDirectory => Path.Combine(ModCache, "cache", "download", "golang.org", "toolchain", "@v");

    /// <summary>Builds the module, starts the database over the genuine folder and a proxy over <paramref name="served"/>
    /// (the genuine folder when null).</summary>
    public static async Task<ToolchainPrewarmWorld> StartAsync(bool full = false, Func<ToolchainPrewarmWorld, ModuleProxyFolder>? served = null)
    {
        GoToolchain.Require();
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            // The fixture packs the installed Go 1.23 as linux-amd64; other hosts would need their own release.
            Assert.Skip("the toolchain fixture is built from a linux-amd64 Go 1.23");
        }

        var world = new ToolchainPrewarmWorld(full);
        world.Database = new SumDbTestServer(new SumDbServerOptions { Name = Name, ModuleFolder = world.Genuine.Root });
        world.Proxy = await TestProxyServer.StartAsync(served?.Invoke(world) ?? world.Genuine);
        return world;
    }

    /// <summary>The policy with this world's proxy and database, plus <paramref name="extra"/> variables.</summary>
    public GoMirrorPolicy Policy(IReadOnlyDictionary<string, string>? extra = null)
    {
        var variables = new Dictionary<string, string>
        {
            ["GOPROXY"] = Proxy.Url,
            ["GOSUMDB"] = Database.GoSumDbDirect,
            ["GOPATH"] = GoPath,
            ["GOMODCACHE"] = ModCache,
            ["HOME"] = Temp.Path,
            ["GOENV"] = "off",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        return GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, variables));
    }

    /// <summary>A pre-warmer over <paramref name="policy"/> (this world's by default); progress lines go to <paramref name="log"/>.</summary>
    public ToolchainPrewarmer Prewarmer(GoMirrorPolicy? policy = null, List<string>? log = null)
    {
        var client = new GoProxyClient(new GoProxyClientOptions { MaxRetries = 0 });
        _clients.Add(client);
        var lines = log ?? [];
        return new ToolchainPrewarmer(policy ?? Policy(), new GoModuleCache(ModCache), client, line =>
        {
            lock (lines)
            {
                lines.Add(line);
            }
        });
    }

    /// <summary>A folder with a go.mod whose toolchain line asks for this world's toolchain.</summary>
    public string Component(string goLine = "1.21")
    {
        var dir = Temp.Combine("component-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "go.mod"), $"module example.com/agent\n\ngo {goLine}\n\ntoolchain {Toolchain}\n");
        File.WriteAllText(Path.Combine(dir, "main.go"), "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello from the switched toolchain\") }\n");
        return dir;
    }

    /// <summary>Go's environment for a switch with no network: GOPROXY=off, the database's URL given but stopped.</summary>
    public Dictionary<string, string> OfflineGoEnvironment() => new()
    {
        ["GOPROXY"] = "off",
        ["GOSUMDB"] = Database.GoSumDbDirect,
        ["GONOSUMDB"] = string.Empty,
        ["GOPRIVATE"] = string.Empty,
        ["GOPATH"] = GoPath,
        ["GOMODCACHE"] = ModCache,
        ["GOCACHE"] = Temp.Combine("gocache"),
        ["GOTOOLCHAIN"] = "auto",
        ["GOFLAGS"] = string.Empty,
        ["GOENV"] = "off",
        ["HOME"] = Temp.Path,
        ["PATH"] = "/usr/bin:/bin",
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Proxy.DisposeAsync();
        Database.Dispose();
        Temp.Dispose();
    }
}
