using GoMirror.Core.Toolchain;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Toolchain;

/// <summary>The checksum database rules Go applies to toolchains, and the failures' codes.</summary>
public class ToolchainPrewarmPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GOSUMDB_off_fails_before_any_request_with_the_fix()
    {
        await using var world = await ToolchainPrewarmWorld.StartAsync();

        var result = await world.Prewarmer(world.Policy(new Dictionary<string, string> { ["GOSUMDB"] = "off" })).FetchAsync(world.Toolchain, ToolchainFetchPlatform.Host, Ct);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ToolchainFetchDiagnostics.ChecksumDatabaseOff.Code, error.Code);
        Assert.Contains("GOSUMDB", error.Fix, StringComparison.Ordinal);
        Assert.Contains("GOTOOLCHAIN=local", error.Fix, StringComparison.Ordinal);
        Assert.Empty(world.Proxy.Requests);
        Assert.Empty(world.Database.Requests);
    }

    [Fact]
    public async Task GONOSUMDB_and_GOPRIVATE_do_not_exempt_the_toolchain_from_the_database()
    {
        await using var world = await ToolchainPrewarmWorld.StartAsync();
        var policy = world.Policy(new Dictionary<string, string> { ["GONOSUMDB"] = "golang.org", ["GOPRIVATE"] = "*.example", ["GONOPROXY"] = "none.example" });

        var result = await world.Prewarmer(policy).FetchAsync(world.Toolchain, ToolchainFetchPlatform.Host, Ct);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Contains($"/lookup/golang.org/toolchain@{world.Module.Version}", world.Database.Requests);
        Assert.True(File.Exists(Path.Combine(world.ModCache, "cache", "download", "sumdb", ToolchainPrewarmWorld.Name, "lookup", $"golang.org/toolchain@{world.Module.Version}")));
        Assert.True(File.Exists(Path.Combine(world.GoPath, "pkg", "sumdb", ToolchainPrewarmWorld.Name, "latest")));
    }

    [Fact]
    public async Task A_mirror_without_the_toolchain_is_toolchain_not_available_naming_the_fixes()
    {
        await using var world = await ToolchainPrewarmWorld.StartAsync(served: w => new ModuleProxyFolder(w.Temp.Combine("empty")));

        var result = await world.Prewarmer().FetchAsync(world.Toolchain, ToolchainFetchPlatform.Host, Ct);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ToolchainFetchDiagnostics.NotOnAnyMirror.Code, error.Code);
        Assert.Contains("toolchain not available", error.Message, StringComparison.Ordinal);
        Assert.Contains("GOTOOLCHAIN=local", error.Fix, StringComparison.Ordinal);
        Assert.Contains("GOTOOLCHAIN=path", error.Fix, StringComparison.Ordinal);
        Assert.False(Directory.Exists(world.ToolchainDirectory));
    }

    [Fact]
    public async Task A_second_run_is_a_cache_hit_checked_against_the_cached_record_with_no_request()
    {
        await using var world = await ToolchainPrewarmWorld.StartAsync();
        var first = await world.Prewarmer().FetchAsync(world.Toolchain, ToolchainFetchPlatform.Host, Ct);
        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        world.Database.Stop();
        await world.Proxy.StopAsync();

        var second = await world.Prewarmer().FetchAsync(world.Toolchain, ToolchainFetchPlatform.Host, Ct);

        Assert.Equal(ToolchainFetchOutcome.CacheHit, second.Outcome);
        Assert.Equal(first.ZipHash, second.ZipHash);
    }
}
