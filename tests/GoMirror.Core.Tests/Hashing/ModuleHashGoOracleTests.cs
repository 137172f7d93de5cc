using GoMirror.Core.Hashing;

namespace GoMirror.Core.Tests.Hashing;

/// <summary>Our h1: hashes against the real go command's, over modules with awkward shapes.</summary>
public class ModuleHashGoOracleTests(AwkwardModulesFixture fixture) : IClassFixture<AwkwardModulesFixture>
{
    public static TheoryData<string> Modules => [.. GoMirror.Testing.AwkwardModules.All().Select(s => s.Path)];

    [Theory]
    [MemberData(nameof(Modules))]
    public void HashZip_of_the_proxy_zip_equals_Go_Sum(string modulePath)
    {
        var (module, go) = Find(modulePath);
        Assert.Equal(go.Sum, ModuleHash.HashZip(module.ZipFile, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void HashZip_of_Go_cached_zip_equals_Go_Sum(string modulePath)
    {
        var (_, go) = Find(modulePath);
        Assert.Equal(go.Sum, ModuleHash.HashZip(go.Zip!, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void HashGoMod_of_the_mod_file_equals_Go_GoModSum(string modulePath)
    {
        var (module, go) = Find(modulePath);
        Assert.Equal(go.GoModSum, ModuleHash.HashGoMod(File.ReadAllBytes(module.ModFile)));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void HashDir_of_the_folder_Go_extracted_equals_Go_Sum(string modulePath)
    {
        var (module, go) = Find(modulePath);
        Assert.Equal(go.Sum, ModuleHash.HashDir(go.Dir!, module.Path, module.Version, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Hash1_over_streams_equals_Go_Sum_for_names_whose_UTF16_order_differs()
    {
        var (_, go) = Find("example.com/unicode");
        var files = Directory.EnumerateFiles(go.Dir!, "*", SearchOption.AllDirectories)
            .ToDictionary(f => "example.com/unicode@v1.0.0/" + Path.GetRelativePath(go.Dir!, f).Replace('\\', '/'), f => f, StringComparer.Ordinal);

        // The UTF-16 ordinal order of these names is not Go's order, so a hash that sorted that way would differ.
        var names = files.Keys.ToList();
        Assert.NotEqual(names.Order(StringComparer.Ordinal), names.OrderBy(n => System.Text.Encoding.UTF8.GetBytes(n), ByteOrder.Instance));
        Assert.Equal(go.Sum, ModuleHash.Hash1(files.Keys, name => File.OpenRead(files[name]), TestContext.Current.CancellationToken));
    }

    private (GoMirror.Testing.ProxiedModule Module, GoMirror.Testing.GoDownloadResult Go) Find(string modulePath)
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
