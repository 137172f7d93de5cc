using System.Text.Json;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.ModuleCache;

/// <summary>The cheap hit checks read a cache Go filled exactly as Go's own checks do.</summary>
public class CacheHitCheckTests
{
    [Theory]
    [EveryGo]
    public void Hit_checks_see_what_Go_downloaded_and_reject_damaged_markers(string go)
    {
        using var selected = GoVersions.Use(go);
        using var scenario = new GoCacheScenario();
        var module = scenario.Proxy.Add("example.com/Hit", "v1.4.0");
        var run = GoToolchain.Run(scenario.Temp.Path, scenario.GoEnvironment(scenario.Proxy.FileUrl), "mod", "download", "-json", "example.com/Hit@v1.4.0").AssertSuccess();
        var goSum = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("Sum").GetString();
        var cache = scenario.Cache;
        Assert.True(cache.TryGetPaths(module.Path, module.Version, out var paths, out _));

        Assert.True(cache.IsZipComplete(module.Path, module.Version));
        Assert.True(cache.IsExtracted(module.Path, module.Version));
        Assert.True(cache.IsModCached(module.Path, module.Version));
        Assert.True(cache.IsInfoCached(module.Path, module.Version));
        Assert.Equal(goSum, cache.TryGetCachedZipHash(module.Path, module.Version));
        Assert.False(cache.IsZipComplete(module.Path, "v1.4.1"));

        // A .partial marks an unfinished extraction: not complete, as Go's DownloadDir says.
        File.WriteAllBytes(paths.PartialFile, []);
        Assert.False(cache.IsExtracted(module.Path, module.Version));
        File.Delete(paths.PartialFile);

        // A write cut short leaves NUL bytes (Go truncates to the final size before writing).
        File.WriteAllBytes(paths.ZipHashFile, new byte[47]);
        Assert.Null(cache.TryGetCachedZipHash(module.Path, module.Version));
        File.WriteAllText(paths.ZipHashFile, goSum![..20]);
        Assert.Null(cache.TryGetCachedZipHash(module.Path, module.Version));
        File.WriteAllText(paths.ZipHashFile, goSum + "\n");
        Assert.Equal(goSum, cache.TryGetCachedZipHash(module.Path, module.Version));

        // Without .ziphash the source folder is not trusted.
        File.Delete(paths.ZipHashFile);
        Assert.False(cache.IsExtracted(module.Path, module.Version));
        Assert.False(cache.IsZipComplete(module.Path, module.Version));
    }
}
