using GoMirror.Core.Hashing;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Hashing;

/// <summary>Our h1: hashes against the real go command's, over modules with awkward shapes, on every Go release.</summary>
public class ModuleHashGoOracleTests(AwkwardModulesFixture fixture) : IClassFixture<AwkwardModulesFixture>
{
    public static TheoryData<string, string> Modules => GoVersions.Cross(AwkwardModules.All().Select(s => s.Path));

    [Theory]
    [MemberData(nameof(Modules))]
    public void HashZip_of_the_proxy_zip_equals_Go_Sum(string modulePath, string go)
    {
        using var selected = GoVersions.Use(go);
        var (module, downloaded) = Find(modulePath);
        Assert.Equal(downloaded.Sum, ModuleHash.HashZip(module.ZipFile, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void HashZip_of_Go_cached_zip_equals_Go_Sum(string modulePath, string go)
    {
        using var selected = GoVersions.Use(go);
        var (_, downloaded) = Find(modulePath);
        Assert.Equal(downloaded.Sum, ModuleHash.HashZip(downloaded.Zip!, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void HashGoMod_of_the_mod_file_equals_Go_GoModSum(string modulePath, string go)
    {
        using var selected = GoVersions.Use(go);
        var (module, downloaded) = Find(modulePath);
        Assert.Equal(downloaded.GoModSum, ModuleHash.HashGoMod(File.ReadAllBytes(module.ModFile)));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void HashDir_of_the_folder_Go_extracted_equals_Go_Sum(string modulePath, string go)
    {
        using var selected = GoVersions.Use(go);
        var (module, downloaded) = Find(modulePath);
        Assert.Equal(downloaded.Sum, ModuleHash.HashDir(downloaded.Dir!, module.Path, module.Version, TestContext.Current.CancellationToken));
    }

    [Theory]
    [EveryGo]
    public void Hash1_over_streams_equals_Go_Sum_for_names_whose_UTF16_order_differs(string go)
    {
        using var selected = GoVersions.Use(go);
        var (_, downloaded) = Find("example.com/unicode");
        var files = Directory.EnumerateFiles(downloaded.Dir!, "*", SearchOption.AllDirectories)
            .ToDictionary(f => "example.com/unicode@v1.0.0/" + Path.GetRelativePath(downloaded.Dir!, f).Replace('\\', '/'), f => f, StringComparer.Ordinal);

        // The UTF-16 ordinal order of these names is not Go's order, so a hash that sorted that way would differ.
        var names = files.Keys.ToList();
        Assert.NotEqual(names.Order(StringComparer.Ordinal), names.OrderBy(n => System.Text.Encoding.UTF8.GetBytes(n), ByteOrder.Instance));
        Assert.Equal(downloaded.Sum, ModuleHash.Hash1(files.Keys, name => File.OpenRead(files[name]), TestContext.Current.CancellationToken));
    }

    private (ProxiedModule Module, GoDownloadResult Go) Find(string modulePath)
    {
        var found = fixture.Downloaded.Single(d => d.Module.Path == modulePath);
        Assert.True(found.Go.Error is null, $"go could not download {modulePath}: {found.Go.Error}");
        return found;
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
