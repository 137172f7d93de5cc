using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GoMirror.Core.Engine;
using GoMirror.Core.Hashing;
using GoMirror.Core.ModuleSets;
using GoMirror.Core.SumDb;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Core.Tests.SumDb;
using GoMirror.Testing;
using GoMirror.Testing.SumDb;

namespace GoMirror.Core.Tests.ModuleSets;

/// <summary>
/// Module sets that carry checksum database records: Go's own database (x/mod/sumdb, built at test time) behind a
/// proxy that serves <c>/sumdb/&lt;name&gt;/</c>, GOSUMDB as <c>name+key</c> (so Go and the engine reach it through
/// the proxy route), a component whose go.sum has example.com/a and lacks example.com/b. Go is the oracle: with the
/// database and the proxy stopped it verifies b from the set's folder alone.
/// </summary>
public class ModuleSetRecordsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_set_packed_after_a_prewarm_that_used_the_database_carries_its_records_and_two_fresh_packs_are_identical()
    {
        GoToolchain.Require();
        using var world = new RecordsWorld();

        var first = await world.ColdPackAsync("cold-1");
        var second = await world.ColdPackAsync("cold-2");

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        var files = RecordsWorld.Entries(first);
        var root = $"goproxy/sumdb/{SumDbWorld.Name}/";
        Assert.Contains(root + "supported", files.Keys);
        Assert.Contains(root + "latest", files.Keys);
        Assert.Contains(root + "lookup/example.com/b@v1.2.0", files.Keys);
        Assert.DoesNotContain(root + "lookup/example.com/a@v1.0.0", files.Keys); // go.sum vouches for a: no record needed
        Assert.Contains(files.Keys, k => k.StartsWith(root + "tile/8/0/", StringComparison.Ordinal));
        Assert.DoesNotContain(files.Keys, k => k.Contains("/tile/8/data/", StringComparison.Ordinal)); // Go's client reads no data tile
        Assert.Contains("goproxy/example.com/b/@v/v1.2.0.zip", files.Keys);

        // The record is the one the database serves, with the tree head the package names as latest.
        using var http = new HttpClient();
        var served = await http.GetByteArrayAsync($"{world.Server.Url}/sumdb/{SumDbWorld.Name}/lookup/example.com/b@v1.2.0", Ct);
        var packed = LookupRecord.Parse(files[root + "lookup/example.com/b@v1.2.0"]);
        Assert.Equal(LookupRecord.Parse(served).Text, packed.Text);
        Assert.Equal(files[root + "latest"], packed.SignedTree);
        Assert.Contains($"example.com/b v1.2.0 {ModuleHash.HashZip(world.World.B.ZipFile, Ct)}", Encoding.UTF8.GetString(packed.Text), StringComparison.Ordinal);

        // Every record and tile is in the manifest with its size and SHA-256; b is marked as verified by its record.
        var manifest = JsonNode.Parse(files[ModuleSetManifest.PathInPackage])!;
        var listed = manifest["files"]!.AsArray().ToDictionary(f => (string)f!["path"]!, f => ((long)f!["size"]!, (string)f!["sha256"]!));
        foreach (var (path, bytes) in files.Where(f => f.Key.StartsWith(root, StringComparison.Ordinal)))
        {
            Assert.Equal((bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes))), listed[path]);
        }

        var b = manifest["modules"]!.AsArray().Single(m => (string)m!["path"]! == "example.com/b")!;
        Assert.True((bool)b["sumdb"]!);
        Assert.Null(b["zip"]);
    }

    [Fact]
    public async Task A_fresh_runner_warms_from_the_set_and_verifies_what_go_sum_lacks_with_the_database_and_the_proxy_stopped()
    {
        var go = GoToolchain.Require();
        using var world = new RecordsWorld();
        var cold = await new GoMirrorEngine(world.Runner("cold") with { ModuleSetSource = world.Feed, ModuleSetPush = true }, new RecordingLog()).PrewarmAsync(Ct);
        Assert.True(cold.Succeeded, string.Join("\n", cold.Diagnostics));
        Assert.Single(Directory.GetFiles(world.Feed, "*.nupkg", SearchOption.AllDirectories));
        world.Server.Stop();

        var log = new RecordingLog();
        var warm = await new GoMirrorEngine(world.Runner("warm") with { ModuleSetSource = world.Feed }, log).PrewarmAsync(Ct);

        Assert.True(warm.Succeeded, log.Text);
        Assert.DoesNotContain(warm.Diagnostics, d => d.IsError);
        Assert.Contains("verified against checksum database " + SumDbWorld.Name, log.Text, StringComparison.Ordinal);
        Assert.Contains("2 of them from module sets", log.Text, StringComparison.Ordinal);
        var modCache = world.ModCache("warm");
        Assert.True(File.Exists(Path.Combine(modCache, "cache", "download", "sumdb", SumDbWorld.Name, "lookup", "example.com", "b@v1.2.0")));

        // Go, offline, accepts b (which no go.sum names) from what the set put in the cache.
        var run = world.World.GoDownload(go, world.GoPath("warm"), modCache, "off", world.World.Keys.VerifierKey, world.World.B);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains(ModuleHash.HashZip(world.World.B.ZipFile, Ct), run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_no_pulled_set_records_is_looked_up_in_the_database_and_what_the_set_records_is_not()
    {
        GoToolchain.Require();
        using var world = new RecordsWorld();
        var cold = await new GoMirrorEngine(world.Runner("cold") with { ModuleSetSource = world.Feed, ModuleSetPush = true }, new RecordingLog()).PrewarmAsync(Ct);
        Assert.True(cold.Succeeded, string.Join("\n", cold.Diagnostics));
        var other = world.World.Component("other", world.World.C); // its set is not in the feed; go.sum lacks corp.example/private
        var asked = world.Server.Requests.Count;

        var log = new RecordingLog();
        var warm = await new GoMirrorEngine(world.Runner("warm") with { ModuleSetSource = world.Feed, GoModules = [world.GoMod, other] }, log).PrewarmAsync(Ct);

        Assert.True(warm.Succeeded, log.Text);
        Assert.Contains(warm.Diagnostics, d => d.Code == "GOMIRROR1104");
        var requests = world.Server.Requests.Skip(asked).ToList();
        Assert.Contains(requests, r => r.Contains("/lookup/corp.example/private@v0.1.0", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Contains("example.com/b", StringComparison.Ordinal));
    }

    [Theory]
    [EveryGo]
    public async Task Go_verifies_what_go_sum_lacks_through_the_sets_folder_as_its_proxy_with_no_database(string goVersion)
    {
        var go = GoVersions.Require(goVersion);
        using var world = new RecordsWorld();
        var package = await world.ColdPackAsync("cold");
        world.Server.Stop();
        var folder = world.Extract(package, "extracted");

        var goPath = world.World.Temp.Combine("go-" + goVersion);
        var run = world.World.GoDownload(go, goPath, Path.Combine(goPath, "pkg", "mod"), RecordsWorld.FileUrl(folder), world.World.Keys.VerifierKey, world.World.B);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(ModuleHash.HashZip(world.World.B.ZipFile, Ct), json.RootElement.GetProperty("Sum").GetString());
        Assert.True(File.Exists(Path.Combine(goPath, "pkg", "sumdb", SumDbWorld.Name, "latest")));
    }

    public enum Forgery
    {
        LookupRecord,
        Tile,
    }

    [Theory]
    [InlineData(Forgery.LookupRecord)]
    [InlineData(Forgery.Tile)]
    public async Task A_forged_record_or_tile_is_a_SECURITY_ERROR_and_nothing_lands(Forgery forgery)
    {
        var go = GoToolchain.Require();
        using var world = new RecordsWorld();
        var goMod = world.World.Component("forged", world.World.B);
        var package = await world.ColdPackAsync("cold", goMod);
        var forged = RecordsWorld.Forge(File.ReadAllBytes(package), forgery);
        Directory.CreateDirectory(world.Feed);
        File.WriteAllBytes(Path.Combine(world.Feed, Path.GetFileName(package)), forged);

        // The database stays reachable: a forged record must not be passed over for the database's genuine one.
        var asked = world.Server.Requests.Count;
        var log = new RecordingLog();
        var warm = await new GoMirrorEngine(world.Runner("warm", goMod) with { ModuleSetSource = world.Feed }, log).PrewarmAsync(Ct);

        Assert.False(warm.Succeeded);
        Assert.DoesNotContain(world.Server.Requests.Skip(asked), r => r.Contains("/sumdb/", StringComparison.Ordinal));
        var error = Assert.Single(warm.Diagnostics, d => d.IsError);
        Assert.True(error.Code == SumDbDiagnostics.ProofFailed.Code, error.ToString());
        Assert.Contains("SECURITY ERROR", error.Message, StringComparison.Ordinal);
        Assert.Contains("example.com/b@v1.2.0", error.Message, StringComparison.Ordinal);
        var modCache = world.ModCache("warm");
        Assert.False(Directory.Exists(Path.Combine(modCache, "example.com")));
        Assert.False(Directory.Exists(Path.Combine(modCache, "cache", "download", "example.com")));
        // No record is cached. A tile may be: the client caches tiles it authenticated against the genuine signed tree
        // head before the forged record failed its proof (as Go's does); the forged tile itself never is.
        var sumDbCache = Path.Combine(modCache, "cache", "download", "sumdb", SumDbWorld.Name);
        Assert.False(Directory.Exists(Path.Combine(sumDbCache, "lookup")));
        if (forgery == Forgery.Tile)
        {
            var forgedTile = Uri.UnescapeDataString(RecordsWorld.ForgedEntry(forged, forgery))[$"goproxy/sumdb/{SumDbWorld.Name}/".Length..];
            Assert.False(File.Exists(Path.Combine(sumDbCache, forgedTile.Replace('/', Path.DirectorySeparatorChar))));
        }

        // Go refuses the same folder.
        world.Server.Stop();
        var folder = world.Extract(Path.Combine(world.Feed, Path.GetFileName(package)), "forged-extracted");
        var goPath = world.World.Temp.Combine("go-forged");
        var run = world.World.GoDownload(go, goPath, Path.Combine(goPath, "pkg", "mod"), RecordsWorld.FileUrl(folder), world.World.Keys.VerifierKey, world.World.B);
        Assert.NotEqual(0, run.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(goPath, "pkg", "mod", "example.com")));
    }

    [Fact]
    public async Task With_verify_all_a_GONOSUMDB_path_is_in_the_set_by_its_go_sum_line_and_never_in_its_records()
    {
        GoToolchain.Require();
        using var world = new RecordsWorld();
        var goMod = world.World.Component("mixed", world.World.A, world.World.B, world.World.C);
        RecordsWorld.WriteGoSum(goMod, world.World.A, world.World.C);
        var options = world.Runner("cold", goMod, "corp.example") with { SumDbVerifyAll = true, ModuleSetOutput = world.World.Temp.Combine("packages") };

        using var engine = new GoMirrorEngine(options, new RecordingLog());
        var prewarm = await engine.PrewarmAsync(Ct);
        Assert.True(prewarm.Succeeded, string.Join("\n", prewarm.Diagnostics));
        var packed = await engine.PackModuleSetsAsync(Ct);
        Assert.True(packed.Succeeded, string.Join("\n", packed.Diagnostics));

        var files = RecordsWorld.Entries(Assert.Single(packed.Packages));
        var lookups = files.Keys.Where(k => k.Contains("/lookup/", StringComparison.Ordinal)).Select(k => k.Split("/lookup/")[1]).Order(StringComparer.Ordinal);
        Assert.Equal(["example.com/a@v1.0.0", "example.com/b@v1.2.0"], lookups);
        Assert.Contains("goproxy/corp.example/private/@v/v0.1.0.zip", files.Keys);
        Assert.DoesNotContain(files.Keys, k => k.StartsWith("goproxy/sumdb/", StringComparison.Ordinal) && k.Contains("corp.example", StringComparison.Ordinal));
        Assert.DoesNotContain("corp.example", Encoding.UTF8.GetString(files[$"goproxy/sumdb/{SumDbWorld.Name}/lookup/example.com/a@v1.0.0"]), StringComparison.Ordinal);
        Assert.DoesNotContain(world.Server.Requests, r => r.Contains("/lookup/corp.example", StringComparison.Ordinal));
    }

    [Fact]
    public void The_identity_names_the_records_the_set_carries_and_not_without_a_database()
    {
        using var world = new RecordsWorld();
        var component = ModuleSetScenario.Load(world.GoMod);
        var policy = GoMirrorPolicyFor(world, world.World.Keys.VerifierKey);

        var lacking = ModuleSet.For(component, policy);
        var all = ModuleSet.For(component, policy, verifyAll: true);
        var off = ModuleSet.For(component, GoMirrorPolicyFor(world, "off"));

        Assert.Equal(["example.com/b@v1.2.0"], lacking.Recorded.Select(m => m.ToString()));
        Assert.Equal(2, all.Recorded.Count);
        Assert.Empty(off.Recorded);
        Assert.Equal(["example.com/a@v1.0.0"], off.Items.Select(i => i.Module.ToString())); // b has nothing to vouch for it
        Assert.Equal(3, new[] { lacking.Version, all.Version, off.Version }.Distinct().Count());
        Assert.Equal(lacking.Version, ModuleSet.For(ModuleSetScenario.Load(world.GoMod), policy).Version);
    }

    private static Core.Policy.GoMirrorPolicy GoMirrorPolicyFor(RecordsWorld world, string goSumDb) =>
        Core.Policy.GoMirrorPolicy.Resolve(new Core.Policy.GoPolicyHost(Core.Policy.GoHostOS.Linux, new Dictionary<string, string>
        {
            ["GOPROXY"] = world.Server.Url,
            ["GOSUMDB"] = goSumDb,
            ["GONOSUMDB"] = string.Empty,
            ["GOPATH"] = world.GoPath("policy"),
            ["GOENV"] = "off",
        }));

    /// <summary>The database and proxy, the component and the runners (each its own GOMODCACHE and GOPATH).</summary>
    private sealed class RecordsWorld : IDisposable
    {
        public RecordsWorld()
        {
            Server = World.Start(new SumDbServerOptions { ModuleFolder = World.Proxy.Root, AsProxyWithSumDb = true });
            GoMod = World.Component("agent", World.A, World.B);
            WriteGoSum(GoMod, World.A);
        }

        public SumDbWorld World { get; } = new();

        /// <summary>Writes go.sum's two lines for each of <paramref name="modules"/> next to <paramref name="goMod"/>.</summary>
        public static void WriteGoSum(string goMod, params ProxiedModule[] modules) =>
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(goMod)!, "go.sum"), string.Concat(modules.Select(m =>
                $"{m.Path} {m.Version} {ModuleHash.HashZip(m.ZipFile, TestContext.Current.CancellationToken)}\n{m.Path} {m.Version}/go.mod {ModuleHash.HashGoMod(File.ReadAllBytes(m.ModFile))}\n")));

        public SumDbTestServer Server { get; }

        public string GoMod { get; }

        public string Feed => World.Temp.Combine("feed");

        public string ModCache(string runner) => Path.Combine(World.Temp.Combine(runner), "modcache");

        public string GoPath(string runner) => Path.Combine(World.Temp.Combine(runner), "gopath");

        public static string FileUrl(string folder) => new Uri(Path.GetFullPath(folder) + Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/');

        public GoMirrorOptions Runner(string name, string? goMod = null, string noSumDb = "") =>
            PrewarmScenario.OptionsFor(World.Temp.Combine(name), Server.Url, [goMod ?? GoMod], new Dictionary<string, string>
            {
                ["GOSUMDB"] = World.Keys.VerifierKey,
                ["GONOSUMDB"] = noSumDb,
                ["GOPRIVATE"] = string.Empty,
            }) with { RepositoryRoot = World.Temp.Combine("repo") };

        /// <summary>A cold runner's pre-warm (database reachable) and pack; returns the package.</summary>
        public async Task<string> ColdPackAsync(string runner, string? goMod = null)
        {
            var options = Runner(runner, goMod) with { ModuleSetOutput = World.Temp.Combine(runner + "-packages") };
            using var engine = new GoMirrorEngine(options, new RecordingLog());
            var prewarm = await engine.PrewarmAsync(Ct);
            Assert.True(prewarm.Succeeded, string.Join("\n", prewarm.Diagnostics));
            var packed = await engine.PackModuleSetsAsync(Ct);
            Assert.True(packed.Succeeded, string.Join("\n", packed.Diagnostics));
            return Assert.Single(packed.Packages);
        }

        /// <summary>The package's files by their unescaped paths (NuGet escapes '@' and '!' in entry names).</summary>
        public static Dictionary<string, byte[]> Entries(string package) =>
            ModuleSetTamperTests.RawEntries(File.ReadAllBytes(package)).ToDictionary(e => Uri.UnescapeDataString(e.Key), e => e.Value, StringComparer.Ordinal);

        /// <summary>The package's <c>goproxy/</c> folder written out, as a runner would unpack it for Go.</summary>
        public string Extract(string package, string name)
        {
            var root = World.Temp.Combine(name);
            foreach (var (path, bytes) in Entries(package).Where(e => e.Key.StartsWith("goproxy/", StringComparison.Ordinal)))
            {
                var target = Path.Combine(root, path["goproxy/".Length..].Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, bytes);
            }

            return root;
        }

        /// <summary>The entry <see cref="Forge"/> changes: b's lookup, or the first tile.</summary>
        public static string ForgedEntry(byte[] package, Forgery forgery)
        {
            var root = $"goproxy/sumdb/{SumDbWorld.Name}/";
            return ModuleSetTamperTests.RawEntries(package).Keys.Order(StringComparer.Ordinal).First(k => forgery == Forgery.Tile
                ? Uri.UnescapeDataString(k).StartsWith(root + "tile/", StringComparison.Ordinal)
                : Uri.UnescapeDataString(k) == root + "lookup/example.com/b@v1.2.0");
        }

        /// <summary>The package with its lookup record's hash (or one tile hash) replaced and the manifest updated to
        /// match, as someone with push rights to the feed could do: the package's own checks pass.</summary>
        public static byte[] Forge(byte[] package, Forgery forgery)
        {
            var entries = ModuleSetTamperTests.RawEntries(package);
            var name = ForgedEntry(package, forgery);
            var before = entries[name];
            byte[] after;
            if (forgery == Forgery.Tile)
            {
                after = [.. before];
                after[^1] ^= 0x01;
            }
            else
            {
                var text = Encoding.UTF8.GetString(before);
                var hash = text.Split("example.com/b v1.2.0 ")[1].Split('\n')[0];
                after = Encoding.UTF8.GetBytes(text.Replace(hash, "h1:" + Convert.ToBase64String(SHA256.HashData("backdoor"u8)), StringComparison.Ordinal));
            }

            var manifestName = entries.Keys.Single(k => Uri.UnescapeDataString(k) == ModuleSetManifest.PathInPackage);
            entries[manifestName] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries[manifestName])
                .Replace(Convert.ToHexStringLower(SHA256.HashData(before)), Convert.ToHexStringLower(SHA256.HashData(after)), StringComparison.Ordinal));
            entries[name] = after;
            return ModuleSetTamperTests.Zip(entries);
        }

        public void Dispose() => World.Dispose();
    }
}
