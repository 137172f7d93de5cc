using GoMirror.Core.ModuleSets;
using GoMirror.Testing;
using NuGet.Packaging;

namespace GoMirror.Core.Tests.ModuleSets;

/// <summary>Packing a component's verified module set from a warmed cache: identity, layout, determinism, refusals.</summary>
public class ModuleSetPackTests
{
    [Fact]
    public async Task Two_packs_from_fresh_caches_are_byte_identical_and_named_by_content()
    {
        GoToolchain.Require();
        await using var scenario = await ModuleSetScenario.StartAsync();
        var world = scenario.World;
        var goMod = world.Component("tools/agent", world.Module("example.com/a"), world.Module("example.com/B/upper", "v1.2.0"), world.Module("example.com/c", "v0.0.0-20240102030405-abcdefabcdef"));

        var first = await scenario.PackColdAsync(goMod, world.Temp.Combine("first"));
        TempDirectory.MakeWritable(scenario.ColdCache.Root);
        Directory.Delete(scenario.ColdCache.Root, recursive: true);
        await Task.Delay(1100, TestContext.Current.CancellationToken); // a later clock second: file times must not leak in
        var second = await scenario.PackColdAsync(goMod, world.Temp.Combine("second"));

        Assert.True(File.ReadAllBytes(first.PackagePath!).SequenceEqual(File.ReadAllBytes(second.PackagePath!)), Entries(first.PackagePath!) + "\n---\n" + Entries(second.PackagePath!));
        Assert.Equal("GoMirror.ModuleSet.example.com.main.tools.agent", first.Set.Id);
        Assert.Matches("^1\\.0\\.0-h[0-9a-f]{32}$", first.Set.Version);
        Assert.Equal("gomirror.moduleset.example.com.main.tools.agent." + first.Set.Version + ".nupkg", Path.GetFileName(first.PackagePath));

        // Another go.sum is another version of the same package id.
        var other = world.Component("tools/agent", world.Module("example.com/a"), world.Module("example.com/B/upper", "v1.2.0"), world.Module("example.com/c", "v0.0.0-20240102030405-abcdefabcdef"), world.Module("example.com/d"));
        var changed = scenario.SetOf(other);
        Assert.Equal(first.Set.Id, changed.Id);
        Assert.NotEqual(first.Set.Version, changed.Version);
    }

    private static string Entries(string nupkg)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(nupkg);
        return string.Join("\n", zip.Entries.Select(e => $"{e.FullName} {e.LastWriteTime:O} {e.Length}"));
    }

    [Fact]
    public async Task The_package_is_a_GOPROXY_folder_with_a_manifest_of_sizes_and_hashes()
    {
        GoToolchain.Require();
        await using var scenario = await ModuleSetScenario.StartAsync();
        var world = scenario.World;
        var upper = world.Module("example.com/B/upper", "v1.2.0");
        var goMod = world.Component("app", world.Module("example.com/a"), upper);

        var packed = await scenario.PackColdAsync(goMod);

        using var reader = new PackageArchiveReader(packed.PackagePath!);
        Assert.Equal(packed.Set.Id, reader.GetIdentity().Id);
        Assert.Contains(reader.NuspecReader.GetPackageTypes(), t => t.Name == ModuleSetPacker.PackageTypeName);
        var files = reader.GetFiles().Where(f => f.StartsWith("go", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "gomirror/moduleset.json",
                "goproxy/example.com/!b/upper/@v/v1.2.0.info",
                "goproxy/example.com/!b/upper/@v/v1.2.0.mod",
                "goproxy/example.com/!b/upper/@v/v1.2.0.zip",
                "goproxy/example.com/a/@v/v1.0.0.info",
                "goproxy/example.com/a/@v/v1.0.0.mod",
                "goproxy/example.com/a/@v/v1.0.0.zip",
            ],
            files);
        using var zip = reader.GetStream("goproxy/example.com/!b/upper/@v/v1.2.0.zip");
        using var copy = new MemoryStream();
        await zip.CopyToAsync(copy, TestContext.Current.CancellationToken);
        Assert.Equal(File.ReadAllBytes(upper.ZipFile), copy.ToArray());

        using var manifestStream = reader.GetStream(ModuleSetManifest.PathInPackage);
        using var manifestCopy = new MemoryStream();
        await manifestStream.CopyToAsync(manifestCopy, TestContext.Current.CancellationToken);
        var manifest = ModuleSetManifest.TryParse(manifestCopy.ToArray(), out var problem);
        Assert.NotNull(manifest);
        Assert.Equal("example.com/main/app", manifest.Component);
        Assert.Equal(2, manifest.Modules.Count);
        var zipEntry = Assert.Single(manifest.Files, f => f.Path.EndsWith("upper/@v/v1.2.0.zip", StringComparison.Ordinal));
        Assert.Equal(new FileInfo(upper.ZipFile).Length, zipEntry.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(upper.ZipFile))), zipEntry.Sha256);
    }

    [Fact]
    public async Task A_set_missing_from_the_cache_or_differing_from_go_sum_is_not_packed()
    {
        GoToolchain.Require();
        await using var scenario = await ModuleSetScenario.StartAsync();
        var world = scenario.World;
        var module = world.Module("example.com/a");
        var goMod = world.Component("app", module);
        var set = scenario.SetOf(goMod);

        var empty = await ModuleSetPacker.PackAsync(set, scenario.ColdCache, scenario.Output, TestContext.Current.CancellationToken);
        Assert.False(empty.Succeeded);
        Assert.Null(empty.PackagePath);
        Assert.All(empty.Diagnostics, d => Assert.Equal("GOMIRROR1100", d.Code));
        Assert.Contains(empty.Diagnostics, d => d.Message.Contains("example.com/a@v1.0.0", StringComparison.Ordinal) && d.Location?.File == set.Component.GoSumPath);

        await scenario.PrewarmAsync(scenario.ColdCache, [], goMod);
        Assert.True(scenario.ColdCache.TryGetPaths(module.Path, module.Version, out var paths, out _));
        TempDirectory.MakeWritable(scenario.ColdCache.Root);
        File.Copy(world.Module("example.com/other").ZipFile, paths.ZipFile, overwrite: true);
        var changed = await ModuleSetPacker.PackAsync(set, scenario.ColdCache, scenario.Output, TestContext.Current.CancellationToken);
        var error = Assert.Single(changed.Diagnostics);
        Assert.Equal("GOMIRROR1100", error.Code);
        Assert.Contains($".zip hashes to h1:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"not {set.Items[0].ZipHash!.Hash}", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(scenario.Output) ? Directory.GetFiles(scenario.Output) : []);
    }

    [Fact]
    public async Task Private_modules_never_enter_a_set_and_an_empty_set_makes_no_package()
    {
        GoToolchain.Require();
        await using var scenario = await ModuleSetScenario.StartAsync();
        var world = scenario.World;
        var goMod = world.Component("app", world.Module("example.com/secret/lib"));
        var policy = GoMirror.Core.Policy.GoMirrorPolicy.Resolve(world.OptionsWith(world.Server.Url, new Dictionary<string, string> { ["GOPRIVATE"] = "example.com/secret" }).Host!);

        var set = ModuleSet.For(ModuleSetScenario.Load(goMod), policy);
        var packed = await ModuleSetPacker.PackAsync(set, scenario.ColdCache, scenario.Output, TestContext.Current.CancellationToken);

        Assert.Empty(set.Items);
        Assert.True(packed.Succeeded);
        Assert.Null(packed.PackagePath);
        Assert.Equal("GOMIRROR1101", Assert.Single(packed.Diagnostics).Code);
    }
}
