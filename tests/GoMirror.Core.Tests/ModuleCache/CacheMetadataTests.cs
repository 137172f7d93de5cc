using System.Text;
using GoMirror.Core.ModuleCache;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.ModuleCache;

/// <summary>.info, .mod and list as Go writes them: Go downloads into one cache, we write another, the bytes must match.</summary>
public class CacheMetadataTests
{
    private const string Module = "example.com/Lister";

    // Semver order traps (v1.10.0 after v1.2.0, numeric vs alphanumeric pre-releases), +incompatible,
    // a pseudo-version (Go drops Origin.Ref for those) and an upper-case pre-release (escaped with '!',
    // which Go leaves out of the list).
    private static readonly string[] Versions =
    [
        "v1.10.0", "v1.2.0", "v1.2.0-beta.11", "v1.2.0-beta.2", "v1.2.0-beta", "v1.2.0-1", "v1.2.0-RC1",
        "v2.0.0+incompatible", "v0.0.0-20200101000000-abcdefabcdef", "v1.0.0",
    ];

    [Theory]
    [EveryGo]
    public async Task Info_mod_and_list_match_what_Go_writes_byte_for_byte(string go)
    {
        using var selected = GoVersions.Use(go);
        using var scenario = new GoCacheScenario();
        var modules = Versions.Select(v => scenario.Proxy.Add(Module, v, goMod: $"module {Module}\n")).ToList();
        for (var i = 0; i < modules.Count; i++)
        {
            // Go re-encodes .info: case-insensitive keys, unknown fields dropped, time normalised, HTML
            // escaping, Origin tag fields dropped; each version exercises a different spelling.
            var time = (i % 3) switch { 0 => "2024-01-02T05:04:05.120+02:00", 1 => "2024-01-02T03:04:05-00:00", _ => "2024-01-02T03:04:05.000000001Z" };
            var info = $"{{\"version\":\"{modules[i].Version}\",\"Time\":\"{time}\",\"Extra\":[1],\"Origin\":{{\"VCS\":\"git\",\"URL\":\"https://x/<a>&\",\"TagSum\":\"t1:x\",\"TagPrefix\":\"p\",\"Ref\":\"refs/tags/x\",\"Hash\":\"abc\"}}}}";
            if (i == 4)
            {
                info = $"{{\"Version\":\"{modules[i].Version}\"}}";
            }

            File.WriteAllText(Path.ChangeExtension(modules[i].ModFile, ".info"), info);
        }

        var goCache = scenario.Temp.Combine("go-cache");
        GoToolchain.Run(scenario.Temp.Path, scenario.GoEnvironment(scenario.Proxy.FileUrl, goCache), ["mod", "download", "-json", .. modules.Select(m => m.Path + "@" + m.Version)]).AssertSuccess();

        foreach (var module in modules)
        {
            Assert.True((await scenario.Cache.StoreInfoAsync(module.Path, module.Version, scenario.ProxyFile(module, "info"), TestContext.Current.CancellationToken)).Succeeded);
            Assert.True((await scenario.Cache.StoreModAsync(module.Path, module.Version, scenario.ProxyFile(module, "mod"), cancellationToken: TestContext.Current.CancellationToken)).Succeeded);
        }

        Assert.True(scenario.Cache.TryGetPaths(Module, "v1.0.0", out var ours, out _));
        var theirs = Path.Combine(goCache, "cache", "download", "example.com", "!lister", "@v");
        Assert.Equal(File.ReadAllText(Path.Combine(theirs, "list")), File.ReadAllText(ours.ListFile));
        foreach (var module in modules)
        {
            Assert.True(scenario.Cache.TryGetPaths(module.Path, module.Version, out var paths, out _));
            Assert.Equal(File.ReadAllText(Path.Combine(theirs, Path.GetFileName(paths.ModFile))), File.ReadAllText(paths.ModFile));
            var goInfo = File.ReadAllText(Path.Combine(theirs, Path.GetFileName(paths.InfoFile)));
            if (GoVersions.Compare(go, "1.23") >= 0)
            {
                Assert.Equal(goInfo, File.ReadAllText(paths.InfoFile));
            }
            else
            {
                // Go 1.19 and 1.21 write Origin's Hash after Ref, Go 1.23 after Subdir; we write 1.23's bytes.
                // The same object either way: every release decodes .info without regard to order.
                Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(goInfo), System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(paths.InfoFile))), $"{module.Version}: Go wrote {goInfo}, we wrote {File.ReadAllText(paths.InfoFile)}");
            }
        }
    }

    [Fact]
    public async Task Existing_info_and_mod_are_kept_and_not_downloaded_again()
    {
        using var scenario = new GoCacheScenario();
        var ct = TestContext.Current.CancellationToken;
        Assert.True((await scenario.Cache.StoreModAsync(Module, "v1.0.0", Encoding.UTF8.GetBytes("module example.com/Lister\n"), cancellationToken: ct)).Succeeded);
        var calls = 0;
        var again = await scenario.Cache.StoreModAsync(Module, "v1.0.0", (_, _) => { calls++; return Task.CompletedTask; }, null, null, ct);
        Assert.True(again.AlreadyCached);
        Assert.Equal(0, calls);
        Assert.True(scenario.Cache.IsModCached(Module, "v1.0.0"));
        Assert.Equal("v1.0.0\n", File.ReadAllText(again.Paths!.ListFile));
    }

    [Theory]
    [InlineData("{\"Version\":\"v1.0.1\"}", "instead of the requested")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"Version\":\"v1.0.0\",\"Time\":\"yesterday\"}", "RFC 3339")]
    [InlineData("{\"Version\":\"v1.0.0\",\"Time\":\"2024-02-30T00:00:00Z\"}", "RFC 3339")]
    [InlineData("[1]", "not a JSON object")]
    public async Task Info_that_Go_would_reject_is_reported_and_not_written(string json, string expected)
    {
        using var scenario = new GoCacheScenario();
        var result = await scenario.Cache.StoreInfoAsync(Module, "v1.0.0", Encoding.UTF8.GetBytes(json), TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ModuleCacheDiagnostics.InvalidInfo, diagnostic.Descriptor);
        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("example.com/Lister@v1.0.0", diagnostic.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(result.Paths!.InfoFile));
    }

    [Theory]
    [InlineData("example.com/m", "v1.0")]
    [InlineData("example.com/m", "v1.0.0+build")]
    [InlineData("example.com/m", "1.0.0")]
    [InlineData("example.com/../x", "v1.0.0")]
    [InlineData("example.com//x", "v1.0.0")]
    [InlineData("example.com/a\\b", "v1.0.0")]
    public async Task Invalid_paths_and_versions_get_a_diagnostic(string module, string version)
    {
        using var scenario = new GoCacheScenario();
        var result = await scenario.Cache.StoreModAsync(module, version, Encoding.UTF8.GetBytes("module x\n"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        Assert.Equal(ModuleCacheDiagnostics.InvalidModuleVersion, Assert.Single(result.Diagnostics).Descriptor);
        Assert.False(Directory.Exists(scenario.CacheRoot));
        Assert.False(scenario.Cache.IsZipComplete(module, version));
        Assert.Null(scenario.Cache.TryGetCachedZipHash(module, version));
    }

    [Fact]
    public async Task An_unwritable_cache_gives_a_diagnostic_naming_the_file()
    {
        using var scenario = new GoCacheScenario();
        File.WriteAllText(scenario.CacheRoot, "a file where the cache folder should be");
        var result = await scenario.Cache.StoreModAsync(Module, "v1.0.0", Encoding.UTF8.GetBytes("module example.com/Lister\n"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ModuleCacheDiagnostics.CacheWriteFailed, diagnostic.Descriptor);
        Assert.Equal(result.Paths!.ModFile, diagnostic.Location!.File);
        Assert.Contains("example.com/Lister@v1.0.0", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_cache_root_is_rejected_as_Go_rejects_it() =>
        Assert.Throws<ArgumentException>(() => new GoModuleCache("relative/modcache"));
}
