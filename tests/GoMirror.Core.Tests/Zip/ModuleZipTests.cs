using GoMirror.Core.Tests.Hashing;
using GoMirror.Core.Hashing;
using GoMirror.Core.Zip;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Zip;

public class ModuleZipTests(AwkwardModulesFixture fixture) : IClassFixture<AwkwardModulesFixture>
{
    public static TheoryData<string, string> Modules => GoVersions.Cross(AwkwardModules.All().Select(s => s.Path));

    [Theory]
    [MemberData(nameof(Modules))]
    public void Extract_writes_what_Go_writes_read_only(string modulePath, string go)
    {
        using var selected = GoVersions.Use(go);
        var (module, downloaded) = fixture.Downloaded.Single(d => d.Module.Path == modulePath);
        Assert.Null(downloaded.Error);
        var target = Path.Combine(fixture.NewFolder("extract"), "m");

        var result = ModuleZipExtractor.Extract(module.ZipFile, module.Path, module.Version, target, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var ours = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(target, f)).Order(StringComparer.Ordinal).ToList();
        var theirs = Directory.EnumerateFiles(downloaded.Dir!, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(downloaded.Dir!, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(theirs, ours);
        Assert.Equal(downloaded.Sum, ModuleHash.HashDir(target, module.Path, module.Version, TestContext.Current.CancellationToken));
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in ours)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Path.Combine(target, file)));
            }
        }
    }

    [Fact]
    public void Extract_refuses_a_folder_that_is_not_empty()
    {
        var (module, _) = fixture.Downloaded[0];
        var target = fixture.NewFolder("busy");
        File.WriteAllText(Path.Combine(target, "leftover"), "x");
        var result = ModuleZipExtractor.Extract(module.ZipFile, module.Path, module.Version, target, TestContext.Current.CancellationToken);
        Assert.Equal(ZipDiagnostics.TargetNotEmpty, Assert.Single(result.Diagnostics).Descriptor);
        Assert.Equal(["leftover"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("example.com/m", "v1.0", "")]
    [InlineData("example.com/m", "v1.0.0+build", "")]
    [InlineData("example.com/m", "v2.0.0", "should be v0 or v1, not v2")]
    [InlineData("example.com/m/v2", "v1.0.0", "should be v2, not v1")]
    [InlineData("Example.com/m", "v1.0.0", "invalid char 'E' in first path element")]
    [InlineData("example/m", "v1.0.0", "missing dot in first path element")]
    [InlineData("gopkg.in/yaml.v2", "v3.0.0", "should be v2, not v3")]
    public void Check_rejects_a_module_path_or_version_Go_rejects(string modulePath, string version, string goSays)
    {
        using var temp = new TempDirectory();
        var proxy = new ModuleProxyFolder(temp.Combine("proxy"));
        var module = proxy.Add(modulePath, version);
        var result = ModuleZipChecker.Check(module.ZipFile, modulePath, version);
        Assert.Equal(ZipDiagnostics.InvalidModuleVersion, Assert.Single(result.Diagnostics).Descriptor);

        GoToolchain.Require();
        var go = Assert.Single(GoModDownload.Run(temp.Combine("go"), proxy.FileUrl, [modulePath + "@" + version]));
        Assert.NotNull(go.Error);
        Assert.Contains(goSays, go.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com/incompat", "v2.0.0+incompatible")]
    [InlineData("gopkg.in/fixture.v2", "v2.1.0")]
    [InlineData("gopkg.in/check.v1", "v0.0.0-20161208181325-20d25e280405")]
    [InlineData("example.com/m/v3", "v3.0.1-rc.1")]
    public void Check_accepts_module_path_and_version_pairs_Go_accepts(string modulePath, string version)
    {
        using var temp = new TempDirectory();
        var proxy = new ModuleProxyFolder(temp.Combine("proxy"));
        var module = proxy.Add(modulePath, version, new Dictionary<string, byte[]> { ["a.go"] = "package a\n"u8.ToArray() });
        var result = ModuleZipChecker.Check(module.ZipFile, modulePath, version);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(["a.go", "go.mod"], result.Files.Order(StringComparer.Ordinal));

        GoToolchain.Require();
        var go = Assert.Single(GoModDownload.Run(temp.Combine("go"), proxy.FileUrl, [modulePath + "@" + version]));
        Assert.Null(go.Error);
    }

    [Fact]
    public void Check_rejects_a_zip_over_500_MiB_without_reading_it()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("huge.zip");
        using (var f = File.Create(zip))
        {
            f.SetLength(ModuleZipChecker.MaxZipFile + 1); // sparse: nothing is written
        }

        ThreadReads.Require();
        var before = ThreadReads.Now();
        var result = ModuleZipChecker.Check(zip, "example.com/m", "v1.0.0");
        var read = ThreadReads.Now() - before;
        Assert.Equal(ZipDiagnostics.ZipTooLarge, Assert.Single(result.Diagnostics).Descriptor);
        // Not even the central directory at the end: the size alone decides.
        Assert.True(read < 4096, $"the check read {read} bytes");
    }

    [Fact]
    public void A_damaged_zip_is_a_diagnostic_not_an_exception()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("cut.zip");
        ModuleProxyFolder.WriteRawZip(zip, [new("example.com/m@v1.0.0/a.go", new byte[5000])]);
        var bytes = File.ReadAllBytes(zip);
        File.WriteAllBytes(zip, bytes[..(bytes.Length - 30)]);
        Assert.Equal(ZipDiagnostics.CorruptZip, Assert.Single(ModuleZipChecker.Check(zip, "example.com/m", "v1.0.0").Diagnostics).Descriptor);
    }
}
