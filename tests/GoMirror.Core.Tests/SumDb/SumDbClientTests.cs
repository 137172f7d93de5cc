using System.Text;
using System.Text.Json;
using GoMirror.Core.SumDb;
using GoMirror.Testing;
using GoMirror.Testing.SumDb;

namespace GoMirror.Core.Tests.SumDb;

/// <summary>The client against Go's own checksum database, with Go (1.19, 1.21, 1.23) as the oracle.</summary>
public class SumDbClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [EveryGo]
    public async Task Verified_lookups_leave_a_cache_Go_trusts_with_the_database_stopped(string goVersion)
    {
        var go = GoVersions.Require(goVersion);
        using var world = new SumDbWorld();
        var server = world.Start();
        var client = world.Client(server.GoSumDbDirect);

        var a = await client.LookupAsync(world.A.Path, world.A.Version, Ct);
        var b = await client.LookupAsync(world.B.Path, world.B.Version, Ct);
        Assert.Equal((0L, 1L), (a.RecordId, b.RecordId));
        Assert.Equal(2, b.Tree.Size);
        Assert.Equal(client.Latest.Tree, b.Tree);
        Assert.Equal(client.Latest.Note, await File.ReadAllTextAsync(world.Store.LatestFile(SumDbWorld.Name), Ct));
        Assert.True(File.Exists(Path.Combine(world.Store.CacheDirectory, SumDbWorld.Name, "lookup", "example.com", "a@v1.0.0")));
        Assert.True(File.Exists(Path.Combine(world.Store.CacheDirectory, SumDbWorld.Name, "tile", "8", "0", "000.p", "2")));
        server.Stop();

        // Without GoMirror's cache, Go cannot verify: the database is gone.
        var bare = world.GoDownload(go, world.Temp.Combine("bare"), world.Temp.Combine("bare", "pkg", "mod"), world.Proxy.FileUrl, server.GoSumDbDirect, world.A);
        Assert.NotEqual(0, bare.ExitCode);
        Assert.Contains("verifying go.mod: example.com/a@v1.0.0/go.mod", bare.Stdout + bare.Stderr, StringComparison.Ordinal);

        // With it, Go verifies both modules offline and computes the hashes the database gave GoMirror.
        var (goPath, modCache) = world.CopyForGo(goVersion);
        var run = world.GoDownload(go, goPath, modCache, world.Proxy.FileUrl, server.GoSumDbDirect, world.A, world.B).AssertSuccess();
        var downloads = Downloads(run.Stdout);
        Assert.Equal((a.ZipHash, a.ModHash), (downloads["example.com/a"].GetProperty("Sum").GetString(), downloads["example.com/a"].GetProperty("GoModSum").GetString()));
        Assert.Equal((b.ZipHash, b.ModHash), (downloads["example.com/b"].GetProperty("Sum").GetString(), downloads["example.com/b"].GetProperty("GoModSum").GetString()));
    }

    [Fact]
    public async Task A_forged_record_is_refused_by_the_engine_and_by_Go_and_not_cached()
    {
        var go = GoToolchain.Require();
        using var world = new SumDbWorld();
        var server = world.Start(new SumDbServerOptions { ModuleFolder = world.Proxy.Root, ForgeRecord = world.A.Path + "@" + world.A.Version });
        var client = world.Client(server.GoSumDbDirect);

        var e = await Assert.ThrowsAsync<SumDbException>(() => client.LookupAsync(world.A.Path, world.A.Version, Ct));
        Assert.Equal(SumDbDiagnostics.ProofFailed, e.Descriptor);
        Assert.Contains("cannot authenticate record data", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(world.Store.CacheDirectory, SumDbWorld.Name, "lookup", "example.com", "a@v1.0.0")));

        var run = world.GoDownload(go, world.Temp.Combine("go"), world.Temp.Combine("go", "pkg", "mod"), world.Proxy.FileUrl, server.GoSumDbDirect, world.A);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("cannot authenticate record data", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_signature_is_refused_by_both_and_nothing_is_written()
    {
        var go = GoToolchain.Require();
        using var world = new SumDbWorld();
        var server = world.Start(new SumDbServerOptions { ModuleFolder = world.Proxy.Root, ForgeSignature = true });
        var client = world.Client(server.GoSumDbDirect);

        var e = await Assert.ThrowsAsync<SumDbException>(() => client.LookupAsync(world.A.Path, world.A.Version, Ct));
        Assert.Equal(SumDbDiagnostics.BadSignature, e.Descriptor);
        Assert.False(File.Exists(world.Store.LatestFile(SumDbWorld.Name)));
        Assert.False(Directory.Exists(world.Store.CacheDirectory));

        var run = world.GoDownload(go, world.Temp.Combine("go"), world.Temp.Combine("go", "pkg", "mod"), world.Proxy.FileUrl, server.GoSumDbDirect, world.A);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("invalid signature", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_history_under_the_same_key_is_a_SECURITY_ERROR_for_both_and_the_tree_head_stays()
    {
        var go = GoToolchain.Require();
        using var world = new SumDbWorld();
        var honest = world.Start();
        await world.Client(honest.GoSumDbDirect).LookupAsync(world.A.Path, world.A.Version, Ct);
        var latest = await File.ReadAllBytesAsync(world.Store.LatestFile(SumDbWorld.Name), Ct);
        var (goPath, modCache) = world.CopyForGo("fork");
        honest.Stop();

        // Same key, fresh log: its first record is B, so its tree of size 1 contradicts the cached one.
        var fork = world.Start();
        var e = await Assert.ThrowsAsync<SumDbException>(() => world.Client(fork.GoSumDbDirect).LookupAsync(world.B.Path, world.B.Version, Ct));
        Assert.Equal(SumDbDiagnostics.Misbehavior, e.Descriptor);
        Assert.True(e.IsSecurityError);
        Assert.Contains("SECURITY ERROR", e.Message, StringComparison.Ordinal);
        Assert.Contains("go.sum database server misbehavior detected!", e.Message, StringComparison.Ordinal);
        Assert.Equal(latest, await File.ReadAllBytesAsync(world.Store.LatestFile(SumDbWorld.Name), Ct));

        var run = world.GoDownload(go, goPath, modCache, world.Proxy.FileUrl, fork.GoSumDbDirect, world.B);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("SECURITY ERROR", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tree_head_never_moves_back_when_an_older_consistent_one_is_met()
    {
        using var world = new SumDbWorld();
        var server = world.Start();
        await world.Client(server.GoSumDbDirect).LookupAsync(world.A.Path, world.A.Version, Ct);
        await world.Client(server.GoSumDbDirect).LookupAsync(world.B.Path, world.B.Version, Ct);
        var latest = await File.ReadAllTextAsync(world.Store.LatestFile(SumDbWorld.Name), Ct);
        Assert.Contains("\n2\n", latest, StringComparison.Ordinal);

        // A's cached lookup carries the tree of size 1: consistent, older, so accepted and not stored.
        var again = await world.Client(server.GoSumDbDirect).LookupAsync(world.A.Path, world.A.Version, Ct);
        Assert.Equal(2, again.Tree.Size);
        Assert.Equal(latest, await File.ReadAllTextAsync(world.Store.LatestFile(SumDbWorld.Name), Ct));
    }

    [Fact]
    public async Task A_proxy_that_supports_the_database_is_used_after_one_that_does_not_as_Go_does()
    {
        var go = GoToolchain.Require();
        using var world = new SumDbWorld();
        var proxy = world.Start(new SumDbServerOptions { ModuleFolder = world.Proxy.Root, AsProxyWithSumDb = true });
        var goProxy = world.Proxy.FileUrl + "," + proxy.Url;

        var lookup = await world.Client(world.Keys.VerifierKey, goProxy).LookupAsync(world.A.Path, world.A.Version, Ct);
        var ours = proxy.Requests.ToArray();
        Assert.Equal($"/sumdb/{SumDbWorld.Name}/supported", ours[0]);
        Assert.Contains($"/sumdb/{SumDbWorld.Name}/lookup/example.com/a@v1.0.0", ours);
        Assert.All(ours, r => Assert.StartsWith($"/sumdb/{SumDbWorld.Name}/", r, StringComparison.Ordinal));

        var run = world.GoDownload(go, world.Temp.Combine("go"), world.Temp.Combine("go", "pkg", "mod"), goProxy, world.Keys.VerifierKey, world.A).AssertSuccess();
        Assert.Equal(lookup.ZipHash, Downloads(run.Stdout)["example.com/a"].GetProperty("Sum").GetString());
        var gos = proxy.Requests.Skip(ours.Length).Where(r => r.StartsWith("/sumdb/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(ours, gos);
    }

    [Fact]
    public async Task Paths_never_to_look_up_are_never_requested()
    {
        using var world = new SumDbWorld();
        var server = world.Start();
        var client = world.Client(server.GoSumDbDirect, skip: p => p.StartsWith("corp.example/", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ArgumentException>(() => client.LookupAsync(world.C.Path, world.C.Version, Ct));
        await client.LookupAsync(world.A.Path, world.A.Version, Ct);
        Assert.DoesNotContain(server.Requests, r => r.Contains("corp.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_module_the_database_does_not_know_is_not_found()
    {
        using var world = new SumDbWorld();
        var server = world.Start();
        var e = await Assert.ThrowsAsync<SumDbException>(() => world.Client(server.GoSumDbDirect).LookupAsync("example.com/missing", "v1.0.0", Ct));
        Assert.Equal(SumDbDiagnostics.NotFound, e.Descriptor);
        Assert.Contains("404 Not Found", e.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonElement> Downloads(string stdout)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(stdout), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            var element = JsonElement.ParseValue(ref reader);
            result[element.GetProperty("Path").GetString()!] = element;
        }

        return result;
    }
}
