using System.Security.Cryptography;
using System.Text;
using GoMirror.Core.ModuleSets;
using GoMirror.Testing;
using GoMirror.Testing.NuGetFeed;

namespace GoMirror.Core.Tests.ModuleSets;

/// <summary>A package that is corrupt or does not match go.sum: a code, nothing lands, the mirrors serve everything.</summary>
public class ModuleSetTamperTests
{
    public enum Damage
    {
        Truncated,
        UnlistedFile,
        SizeDiffers,
        ZipSwappedWithManifestUpdated,
        ManifestClaimsOtherHashes,
    }

    [Theory]
    [InlineData(Damage.Truncated, "GOMIRROR1106")]
    [InlineData(Damage.UnlistedFile, "GOMIRROR1106")]
    [InlineData(Damage.SizeDiffers, "GOMIRROR1106")]
    [InlineData(Damage.ZipSwappedWithManifestUpdated, "GOMIRROR1107")]
    [InlineData(Damage.ManifestClaimsOtherHashes, "GOMIRROR1107")]
    public async Task A_damaged_package_is_refused_whole_and_the_mirrors_serve_the_modules(Damage damage, string code)
    {
        GoToolchain.Require();
        await using var scenario = await ModuleSetScenario.StartAsync();
        var world = scenario.World;
        var a = world.Module("example.com/a");
        var b = world.Module("example.com/b", "v1.1.0", "package lib\n\n// other content\n");
        var goMod = world.Component("app", a, b);
        var packed = await scenario.PackColdAsync(goMod);
        await using var server = await TestNuGetFeedServer.StartAsync(TestContext.Current.CancellationToken);
        var feed = ModuleSetScenario.Feed("modulesets", world.RepositoryRoot, scenario.HttpFeedConfig(server));
        Assert.True((await feed.PushAsync(packed.PackagePath!, null, null, TestContext.Current.CancellationToken)).Succeeded);
        var good = server.Package(packed.Set.Id, packed.Set.Version);
        Assert.True(good is not null, string.Join("\n", server.Requests.Concat(server.Packages)));
        server.ReplacePackage(packed.Set.Id, packed.Set.Version, Damaged(good, damage, File.ReadAllBytes(b.ZipFile)));

        var pulled = await feed.PullAsync(scenario.SetOf(goMod), scenario.WorkDirectory, null, TestContext.Current.CancellationToken);

        Assert.Null(pulled.Folder);
        var refused = Assert.Single(pulled.Diagnostics);
        Assert.True(code == refused.Code, refused.ToString());
        Assert.Contains(packed.Set.Version, refused.Message, StringComparison.Ordinal);
        if (code == "GOMIRROR1107")
        {
            Assert.Contains("SECURITY ERROR", refused.Message, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFileSystemEntries(scenario.WorkDirectory));
        Assert.False(Directory.Exists(world.CacheRoot));
        var warmed = await scenario.PrewarmAsync(world.Cache, [], goMod);
        Assert.All(warmed.Modules, m => Assert.Equal(world.Server.Url, m.ServedBy));
        world.AssertGoAcceptsOffline(goMod);
    }

    // Rewrites the package's zip: raw entry names are kept as NuGet wrote them (it escapes '@' and '!').
    internal static byte[] Damaged(byte[] package, Damage damage, byte[] otherZip)
    {
        if (damage == Damage.Truncated)
        {
            return package[..(package.Length / 2)];
        }

        var entries = RawEntries(package);
        var manifestName = entries.Keys.Single(k => Uri.UnescapeDataString(k) == ModuleSetManifest.PathInPackage);
        var zipName = entries.Keys.Single(k => Uri.UnescapeDataString(k) == "goproxy/example.com/a/@v/v1.0.0.zip");
        var manifest = Encoding.UTF8.GetString(entries[manifestName]);
        var oldSha = Convert.ToHexStringLower(SHA256.HashData(entries[zipName]));
        switch (damage)
        {
            case Damage.UnlistedFile:
                entries["goproxy/example.com/a/@v/v9.9.9.zip"] = otherZip;
                break;
            case Damage.SizeDiffers:
                entries[zipName] = [.. entries[zipName], 0];
                break;
            case Damage.ZipSwappedWithManifestUpdated:
                manifest = manifest
                    .Replace(oldSha, Convert.ToHexStringLower(SHA256.HashData(otherZip)), StringComparison.Ordinal)
                    .Replace($"\"size\": {entries[zipName].Length},", $"\"size\": {otherZip.Length},", StringComparison.Ordinal);
                entries[zipName] = otherZip;
                break;
            case Damage.ManifestClaimsOtherHashes:
                var hash = manifest.Split("\"zip\": \"")[1].Split('"')[0];
                manifest = manifest.Replace(hash, "h1:" + Convert.ToBase64String(new byte[32]), StringComparison.Ordinal);
                break;
        }

        entries[manifestName] = Encoding.UTF8.GetBytes(manifest);
        return Zip(entries);
    }

    /// <summary>The package's entries under their raw names, as NuGet wrote them (it escapes '@' and '!').</summary>
    internal static Dictionary<string, byte[]> RawEntries(byte[] package) =>
        PackageEntries.Read(package).ToDictionary(e => e.Name, e => e.Content, StringComparer.Ordinal);

    /// <summary>A zip of <paramref name="entries"/> (raw names).</summary>
    internal static byte[] Zip(Dictionary<string, byte[]> entries) => PackageEntries.Write(entries.Select(e => (e.Key, e.Value)));
}
