using GoMirror.Core.Modules;
using GoMirror.Core.Publishing;

namespace GoMirror.Core.Tests.Publishing;

/// <summary>
/// Rules Go 1.19 (the oracle on this machine) cannot show, checked against golang.org/x/mod/zip's own cases:
/// go 1.24 modules fix the vendor test and drop vendor/modules.txt.
/// </summary>
public class ModuleSourceScannerTests
{
    [Theory]
    [InlineData("vendor/foo/foo.go", true, true)]
    [InlineData("pkg/vendor/foo/foo.go", true, true)]
    [InlineData("vendor/vendor.go", false, false)]
    [InlineData("vendor/modules.txt", false, true)]
    [InlineData("foo/vendor/modules.txt", true, false)]
    [InlineData("pkg/vendor/vendor.go", true, false)]
    [InlineData("longpackagename/vendor/vendor.go", true, false)]
    [InlineData("notvendor/file.go", false, false)]
    public void Vendored_files_follow_the_rules_of_the_module_go_line(string path, bool before124, bool from124)
    {
        Assert.Equal(before124, ModuleSourceScanner.IsVendored(path, ModuleSourceScanner.VendorRules.Original));
        Assert.Equal(from124, ModuleSourceScanner.IsVendored(path, ModuleSourceScanner.VendorRules.Go124));
    }

    [Fact]
    public void A_go_1_24_module_keeps_pkg_vendor_files_and_drops_vendor_modules_txt()
    {
        using var temp = new GoMirror.Testing.TempDirectory("publish");
        var files = new Dictionary<string, string>
        {
            ["go.mod"] = "module example.com/m\n\ngo 1.24rc1\n",
            ["vendor/modules.txt"] = "# example.com/x v1.0.0\n",
            ["pkg/vendor/vendor.go"] = "package vendor\n",
        };
        var source = ModuleSourceFolder.Write(temp.Combine("src"), files);

        var result = new ModuleProxyPublisher(temp.Combine("proxy")).Publish(source, "example.com/m", "v1.0.0");

        Assert.Equal(["go.mod", "pkg/vendor/vendor.go"], result.Files);
        Assert.Equal([new OmittedPath("vendor/modules.txt", OmissionReason.Vendored)], result.Omitted);
    }

    [Fact]
    public void Entries_follow_Go_walk_order_byte_wise_per_folder()
    {
        // The scanner sorts each folder with Utf8Order, Go's byte order.
        Assert.True(Utf8Order.Compare("a", "a.go") < 0);
        Assert.True(Utf8Order.Compare("Z", "a") < 0);
        // UTF-16 ordinal order puts U+10400 (surrogates 0xD801...) before U+FF21; Go's byte order puts it after.
        Assert.True(Utf8Order.Compare("\uFF21", "\U00010400") < 0);
        Assert.True(string.CompareOrdinal("\uFF21", "\U00010400") > 0);
    }
}
