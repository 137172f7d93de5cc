using GoMirror.Core.Hashing;
using GoMirror.Core.Zip;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Zip;

/// <summary>The bad zips served to the real go command once per Go release; every one must fail there too.</summary>
public sealed class BadZipsFixture : IDisposable
{
    private readonly TempDirectory _temp = new("gomirror-badzips");
    private readonly Lazy<(ModuleProxyFolder Proxy, Dictionary<string, string> Zips)> _proxy;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<IReadOnlyList<GoDownloadResult>>> _go = new(StringComparer.Ordinal);

    public BadZipsFixture() => _proxy = new(() =>
    {
        var proxy = new ModuleProxyFolder(_temp.Combine("proxy"));
        return (proxy, BadModuleZips.All.ToDictionary(c => c.Name, c => BadModuleZips.AddTo(proxy, c)));
    });

    public string ZipOf(BadModuleZips.Case bad) => _proxy.Value.Zips[bad.Name];

    /// <summary>What the selected Go release (see <see cref="GoVersions.Use"/>) said of the zip.</summary>
    public GoDownloadResult GoResult(BadModuleZips.Case bad)
    {
        var go = GoToolchain.Require();
        var results = _go.GetOrAdd(go, _ => new(() => GoModDownload.Run(NewFolder(), _proxy.Value.Proxy.FileUrl, BadModuleZips.All.Select(c => c.ModulePath + "@v1.0.0")))).Value;
        return results.Single(r => r.Path == bad.ModulePath);
    }

    public string NewFolder() => _temp.Combine("out-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => _temp.Dispose();
}

public class ModuleZipGoOracleTests(BadZipsFixture fixture) : IClassFixture<BadZipsFixture>
{
    public static TheoryData<string> Cases => [.. BadModuleZips.All.Select(c => c.Name)];

    public static TheoryData<string, string> CasesOnEveryGo => GoVersions.Cross(BadModuleZips.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CasesOnEveryGo))]
    public void Go_rejects_the_zip_as_we_do(string name, string go)
    {
        using var selected = GoVersions.Use(go);
        var bad = BadModuleZips.All.Single(c => c.Name == name);
        var downloaded = fixture.GoResult(bad);
        Assert.NotNull(downloaded.Error);
        if (bad.GoSays is { } says)
        {
            Assert.Contains(says, downloaded.Error, StringComparison.Ordinal);
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

    /// <summary>
    /// A zip listing one name twice is refused (GOMIRROR code above), but its h1: is still what a go.sum line is
    /// compared with first: Go's dirhash.HashZip looks entries up by name, so every copy hashes the last one's
    /// content. Both orders, compared with Go's own HashZip.
    /// </summary>
    [Fact]
    public void Duplicate_names_hash_the_last_entrys_content_as_Go_does()
    {
        var prefix = "example.com/dup@v1.0.0/";
        byte[] first = "package dup\n// first\n"u8.ToArray(), last = "package dup\n// last\n"u8.ToArray();
        string Zip(string name, params byte[][] contents)
        {
            var file = Path.Combine(fixture.NewFolder(), name + ".zip");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            ModuleProxyFolder.WriteRawZip(file, [new(prefix + "go.mod", "module example.com/dup\n"u8.ToArray()), .. contents.Select(c => new KeyValuePair<string, byte[]>(prefix + "x.go", c))]);
            return file;
        }

        foreach (var (zip, lastOnly, firstOnly) in new[]
        {
            (Zip("first-last", first, last), Zip("last-last", last, last), Zip("first-first", first, first)),
            (Zip("last-first", last, first), Zip("first-first2", first, first), Zip("last-last2", last, last)),
        })
        {
            var go = GoXModOracle.HashZip(zip);
            Assert.Equal(go, ModuleHash.HashZip(zip, TestContext.Current.CancellationToken));
            Assert.Equal(go, GoXModOracle.HashZip(lastOnly));
            Assert.NotEqual(go, GoXModOracle.HashZip(firstOnly));
        }
    }

    [Fact]
    public void Extraction_stops_at_the_declared_size()
    {
        var bad = BadModuleZips.All.Single(c => c.Name == "sizelie");
        var target = fixture.NewFolder();
        var result = ModuleZipExtractor.Extract(fixture.ZipOf(bad), bad.ModulePath, "v1.0.0", target, TestContext.Current.CancellationToken);

        // The entries before the lying one are written and the lying one is started, so the test sees where
        // the extraction stopped; nothing written would prove nothing.
        Assert.Equal(ZipDiagnostics.EntryLargerThanDeclared, Assert.Single(result.Diagnostics, d => d.IsError).Descriptor);
        Assert.True(File.Exists(Path.Combine(target, "go.mod")), "the entries before the lying one were not written");
        var written = Path.Combine(target, "a.go");
        Assert.True(File.Exists(written), "a.go was never started: the test cannot see where the extraction stopped");
        Assert.InRange(new FileInfo(written).Length, 0, 100);
    }
}
