using GoMirror.Core.Diagnostics;
using GoMirror.Core.Publishing;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Publishing;

/// <summary>Bad input to the publisher gives a coded diagnostic naming the file, and writes nothing.</summary>
public class PublishingDiagnosticsTests
{
    [Fact]
    public void A_missing_source_folder_is_GOMIRROR0250()
    {
        using var temp = new TempDirectory("publish");
        var result = new ModuleProxyPublisher(temp.Combine("proxy")).Publish(temp.Combine("nowhere"), "example.com/m", "v1.0.0");
        AssertOnly(result, "GOMIRROR0250", temp.Combine("nowhere"));
        Assert.False(Directory.Exists(temp.Combine("proxy", "example.com")));
    }

    [Theory]
    [InlineData("example.com/m", "1.0.0")]
    [InlineData("example.com/m", "v1.0")]
    [InlineData("example.com/m", "v1.0.0/../../x")]
    [InlineData("../outside", "v1.0.0")]
    [InlineData("example.com/../../outside", "v1.0.0")]
    [InlineData("Example.com/m", "v1.0.0")]
    [InlineData("example.com/m!", "v1.0.0")]
    [InlineData("example.com/a+b", "v1.0.0")]
    [InlineData("example.com/m", "v2.0.0")]
    [InlineData("example.com/m/v1", "v1.0.0")]
    public void An_unusable_path_or_version_is_GOMIRROR0251_and_writes_nothing(string modulePath, string version)
    {
        using var temp = new TempDirectory("publish");
        var source = ModuleSourceFolder.Write(temp.Combine("src"), [new("m.go", "package m\n")]);
        var result = new ModuleProxyPublisher(temp.Combine("proxy")).Publish(source, modulePath, version);
        AssertOnly(result, "GOMIRROR0251", null);
        Assert.Equal(["src"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("it's.go")]
    [InlineData("sub/trailing.")]
    [InlineData("aux.txt")]
    [InlineData("Go.Mod")]
    public void A_file_name_Go_rejects_is_GOMIRROR0252(string name)
    {
        using var temp = new TempDirectory("publish");
        var source = ModuleSourceFolder.Write(temp.Combine("src"), [new("m.go", "package m\n"), new(name, "x")]);
        if (!File.Exists(Path.Combine(source, name)))
        {
            Assert.Skip($"this file system cannot hold a file named '{name}'");
        }

        var result = new ModuleProxyPublisher(temp.Combine("proxy")).Publish(source, "example.com/m", "v1.0.0");
        AssertOnly(result, "GOMIRROR0252", Path.Combine(source, name.Replace('/', Path.DirectorySeparatorChar)));
    }

    [Fact]
    public void Paths_equal_under_case_folding_are_GOMIRROR0253()
    {
        using var temp = new TempDirectory("publish");
        var source = ModuleSourceFolder.Write(temp.Combine("src"), [new("README.md", "a"), new("docs/\U00010400.md", "b"), new("docs/\U00010428.md", "c")]);
        if (Directory.EnumerateFiles(Path.Combine(source, "docs")).Count() != 2)
        {
            Assert.Skip("this file system folds letter case, so the colliding files cannot both exist");
        }

        var result = new ModuleProxyPublisher(temp.Combine("proxy")).Publish(source, "example.com/m", "v1.0.0");
        var diagnostic = AssertOnly(result, "GOMIRROR0253", Path.Combine(source, "docs", "\U00010428.md"));
        Assert.Contains("docs/\U00010400.md", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_license_over_16_MiB_is_GOMIRROR0254()
    {
        using var temp = new TempDirectory("publish");
        var source = ModuleSourceFolder.Write(temp.Combine("src"), [new("m.go", "package m\n")]);
        using (var license = File.Create(Path.Combine(source, "LICENSE")))
        {
            license.SetLength((16L << 20) + 1);
        }

        var result = new ModuleProxyPublisher(temp.Combine("proxy")).Publish(source, "example.com/m", "v1.0.0");
        AssertOnly(result, "GOMIRROR0254", Path.Combine(source, "LICENSE"));
    }

    [Fact]
    public void A_go_mod_for_another_path_is_GOMIRROR0255_at_its_module_line()
    {
        using var temp = new TempDirectory("publish");
        var source = ModuleSourceFolder.Write(temp.Combine("src"), [new("go.mod", "// units\n\nmodule example.com/units // v1 path\n\ngo 1.19\n")]);
        var result = new ModuleProxyPublisher(temp.Combine("proxy")).Publish(source, "example.com/units/v2", "v2.0.0");
        var diagnostic = AssertOnly(result, "GOMIRROR0255", Path.Combine(source, "go.mod"));
        Assert.Equal(3, diagnostic.Location!.Line);
    }

    [Fact]
    public void A_go_mod_Go_cannot_parse_is_reported_at_its_line_and_nothing_is_written()
    {
        using var temp = new TempDirectory("publish");
        const string goMod = "module example.com/broken\n\nrequire example.com/dep master\n";
        var source = ModuleSourceFolder.Write(temp.Combine("src"), [new("go.mod", goMod), new("b.go", "package broken\n")]);

        var result = new ModuleProxyPublisher(temp.Combine("proxy")).Publish(source, "example.com/broken", "v1.0.0");

        var diagnostic = AssertOnly(result, "GOMIRROR0101", Path.Combine(source, "go.mod"));
        Assert.Equal(3, diagnostic.Location!.Line);
        Assert.False(Directory.Exists(temp.Combine("proxy", "example.com")));

        // Oracle: go refuses the module when a proxy serves it with that go.mod.
        var proxy = new ModuleProxyFolder(temp.Combine("served"));
        proxy.Add("example.com/broken", "v1.0.0", goMod: goMod);
        var main = ModuleSourceFolder.Write(temp.Combine("main"), [new("go.mod", "module example.com/main\n\ngo 1.19\n")]);
        var go = GoToolchain.Run(main, ModuleSourceFolder.GoEnvironment(temp.Path, proxy.FileUrl), "get", "example.com/broken@v1.0.0");
        Assert.NotEqual(0, go.ExitCode);
        Assert.Contains("go.mod:3: require example.com/dep: version \"master\" invalid", go.Stderr, StringComparison.Ordinal);
        Assert.Contains("require example.com/dep: version \"master\" invalid", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Republishing_changed_sources_under_the_same_version_is_GOMIRROR0256_and_keeps_the_original()
    {
        using var temp = new TempDirectory("publish");
        var source = ModuleSourceFolder.Write(temp.Combine("src"), [new("m.go", "package m\n")]);
        var publisher = new ModuleProxyPublisher(temp.Combine("proxy"));
        Assert.True(publisher.Publish(source, "example.com/m", "v1.0.0").Succeeded);
        var zip = temp.Combine("proxy", "example.com", "m", "@v", "v1.0.0.zip");
        var original = File.ReadAllBytes(zip);

        File.WriteAllText(Path.Combine(source, "m.go"), "package m\n\nconst Changed = true\n");
        var result = publisher.Publish(source, "example.com/m", "v1.0.0");

        AssertOnly(result, "GOMIRROR0256", zip);
        Assert.Equal(original, File.ReadAllBytes(zip));
        Assert.True(publisher.Publish(source, "example.com/m", "v1.0.1").Succeeded);
    }

    [Theory]
    [InlineData("2024-05-06")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    [InlineData(" 1714972089")]
    [InlineData("   ")]
    public void A_malformed_SOURCE_DATE_EPOCH_is_GOMIRROR0257(string value)
    {
        var bag = new DiagnosticBag();
        Assert.Null(PublishTime.Resolve(null, value, bag));
        Assert.Equal("GOMIRROR0257", Assert.Single(bag.ToList()).Code);
    }

    [Fact]
    public void The_time_comes_from_the_caller_then_SOURCE_DATE_EPOCH_then_the_fixed_epoch()
    {
        var bag = new DiagnosticBag();
        var given = new DateTimeOffset(2024, 5, 6, 7, 8, 9, 500, TimeSpan.FromHours(2));
        Assert.Equal("2024-05-06T05:08:09Z", PublishTime.Format(PublishTime.Resolve(given, "1", bag)!.Value));
        Assert.Equal("2024-05-06T05:08:09Z", PublishTime.Format(PublishTime.Resolve(null, "1714972089", bag)!.Value));
        Assert.Equal("1980-01-01T00:00:00Z", PublishTime.Format(PublishTime.Resolve(null, string.Empty, bag)!.Value));
        Assert.Equal("1980-01-01T00:00:00Z", PublishTime.Format(PublishTime.Resolve(null, null, bag)!.Value));
        Assert.Empty(bag.ToList());
    }

    [Fact]
    public void An_unwritable_proxy_folder_is_GOMIRROR0258()
    {
        using var temp = new TempDirectory("publish");
        var source = ModuleSourceFolder.Write(temp.Combine("src"), [new("m.go", "package m\n")]);
        File.WriteAllText(temp.Combine("proxy"), "a file where the proxy folder should be");

        var result = new ModuleProxyPublisher(temp.Combine("proxy")).Publish(source, "example.com/m", "v1.0.0");

        AssertOnly(result, "GOMIRROR0258", null);
    }

    private static Diagnostic AssertOnly(ModulePublishResult result, string code, string? file)
    {
        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Fix));
        if (file is not null)
        {
            Assert.Equal(Path.GetFullPath(file), diagnostic.Location?.File);
        }

        return diagnostic;
    }
}
