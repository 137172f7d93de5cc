using GoMirror.Core.Zip;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Zip;

/// <summary>The bad zips served to the real go command once; every one must fail there too.</summary>
public sealed class BadZipsFixture : IDisposable
{
    private readonly TempDirectory _temp = new("gomirror-badzips");
    private readonly Lazy<(Dictionary<string, string> Zips, IReadOnlyList<GoDownloadResult> Go)> _state;

    public BadZipsFixture() => _state = new(() =>
    {
        var proxy = new ModuleProxyFolder(_temp.Combine("proxy"));
        var zips = BadModuleZips.All.ToDictionary(c => c.Name, c => BadModuleZips.AddTo(proxy, c));
        return (zips, GoModDownload.Run(_temp.Combine("go"), proxy.FileUrl, BadModuleZips.All.Select(c => c.ModulePath + "@v1.0.0")));
    });

    public string ZipOf(BadModuleZips.Case bad) => _state.Value.Zips[bad.Name];

    public GoDownloadResult GoResult(BadModuleZips.Case bad)
    {
        GoToolchain.Require();
        return _state.Value.Go.Single(r => r.Path == bad.ModulePath);
    }

    public string NewFolder() => _temp.Combine("out-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => _temp.Dispose();
}

public class ModuleZipGoOracleTests(BadZipsFixture fixture) : IClassFixture<BadZipsFixture>
{
    public static TheoryData<string> Cases => [.. BadModuleZips.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Go_rejects_the_zip_as_we_do(string name)
    {
        var bad = BadModuleZips.All.Single(c => c.Name == name);
        var go = fixture.GoResult(bad);
        Assert.NotNull(go.Error);
        if (bad.GoSays is { } says)
        {
            Assert.Contains(says, go.Error, StringComparison.Ordinal);
        }

        var check = ModuleZipChecker.Check(fixture.ZipOf(bad), bad.ModulePath, "v1.0.0");
        if (bad.CheckCode is null)
        {
            Assert.True(check.Succeeded, string.Join('\n', check.Diagnostics));
        }
        else
        {
            Assert.False(check.Succeeded);
            var diagnostic = Assert.Single(check.Diagnostics, d => d.Descriptor == bad.CheckCode);
            Assert.Contains(bad.ModulePath + "@v1.0.0", diagnostic.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extract_refuses_the_zip_and_writes_nothing_outside_the_target(string name)
    {
        var bad = BadModuleZips.All.Single(c => c.Name == name);
        var parent = fixture.NewFolder();
        var target = Path.Combine(parent, "module");
        var result = ModuleZipExtractor.Extract(fixture.ZipOf(bad), bad.ModulePath, "v1.0.0", target, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Descriptor == bad.ExtractCode);
        Assert.Equal([target], Directory.Exists(parent) ? Directory.GetFileSystemEntries(parent) : [target]);
        if (bad.CheckCode is not null)
        {
            Assert.False(Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any(), "a rejected zip must not be extracted at all");
        }
    }

    [Fact]
    public void Extraction_stops_at_the_declared_size()
    {
        var bad = BadModuleZips.All.Single(c => c.Name == "sizelie");
        var target = fixture.NewFolder();
        ModuleZipExtractor.Extract(fixture.ZipOf(bad), bad.ModulePath, "v1.0.0", target, TestContext.Current.CancellationToken);
        var written = Path.Combine(target, "a.go");
        Assert.True(!File.Exists(written) || new FileInfo(written).Length <= 100, "bytes beyond the declared size were written");
    }
}
