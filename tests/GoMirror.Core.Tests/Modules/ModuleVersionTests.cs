using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;

namespace GoMirror.Core.Tests.Modules;

public class ModuleVersionTests
{
    [Theory]
    [InlineData("example.com/m", "v1.2.3", null)]
    [InlineData("example.com/m", "v2.0.0+incompatible", null)]
    [InlineData("example.com/m/v2", "v2.0.1", null)]
    [InlineData("gopkg.in/yaml.v2", "v2.4.0", null)]
    [InlineData("example.com/m", "v0.0.0-20240102030405-abcdefabcdef", null)]
    [InlineData("Example.com/m", "v1.0.0", "GOMIRROR0100")]
    [InlineData("example.com/m", "1.0.0", "GOMIRROR0101")]
    [InlineData("example.com/m", "v2.0.0", "GOMIRROR0102")]
    [InlineData("example.com/m/v3", "v2.0.0", "GOMIRROR0102")]
    [InlineData("gopkg.in/yaml.v2", "v3.0.0", "GOMIRROR0102")]
    public void Check_is_gos_module_check(string path, string version, string? code)
    {
        var location = SourceLocation.InFile("/r/go.mod", 7);
        var diagnostic = new ModuleVersion(path, version).Check(location);
        Assert.Equal(code, diagnostic?.Code);
        if (diagnostic is not null)
        {
            Assert.Equal(location, diagnostic.Location);
            Assert.Contains(path, diagnostic.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("example.com/m", "v1.2.3", null, null)]
    [InlineData("example.com/m", "v2.0.0+incompatible", null, null)]
    [InlineData("example.com/m", "v1.2", "GOMIRROR0101", "not canonical (should be \"v1.2.0\")")]
    [InlineData("example.com/m", "v1.2.3+meta", "GOMIRROR0101", "not canonical (should be \"v1.2.3\")")]
    [InlineData("Example.com/m", "v1.2", "GOMIRROR0101", "not canonical")]
    [InlineData("Example.com/m", "v1.0.0", "GOMIRROR0100", "invalid char 'E' in first path element")]
    [InlineData("example.com/m", "1.0.0", "GOMIRROR0101", "not a semantic version")]
    [InlineData("example.com/m/v2", "v1.0.0", "GOMIRROR0102", "should be v2, not v1")]
    public void CheckCanonical_adds_the_canonical_version_rule_to_check(string path, string version, string? code, string? says)
    {
        var diagnostic = new ModuleVersion(path, version).CheckCanonical();
        Assert.Equal(code, diagnostic?.Code);
        if (says is not null)
        {
            Assert.Contains(says, diagnostic!.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sorts_like_go_module_sort()
    {
        ModuleVersion[] expected =
        [
            new("example.com/a", "v1.0.0-rc.1"),
            new("example.com/a", "v1.0.0-rc.1/go.mod"),
            new("example.com/a", "v1.0.0"),
            new("example.com/a", "v1.0.0/go.mod"),
            new("example.com/a", "v1.0.1-0.20240102030405-abcdefabcdef"),
            new("example.com/a", "v1.10.0"),
            new("example.com/a", "v2.0.0+incompatible"),
            new("example.com/a", "v2.0.0+incompatible/go.mod"),
            new("example.com/a/v2", "v2.0.0"),
            new("example.com/b", "v0.1.0"),
        ];
        var shuffled = expected.Reverse().ToList();
        shuffled.Sort();
        Assert.Equal(expected, shuffled);
        Assert.Equal(expected, expected.Reverse().Order(ModuleVersion.Comparer));
        Assert.Equal("example.com/a@v1.0.0", expected[2].ToString());
        Assert.Equal("../local", new ModuleVersion("../local", string.Empty).ToString());
    }

    [Fact]
    public void Paths_compare_by_utf8_bytes_not_utf16()
    {
        // U+FF5E sorts before U+1F600 in UTF-8 (EF BD BE < F0 9F 98 80) but after it in UTF-16 (FF5E > D83D).
        Assert.True(Utf8Order.Compare("\uFF5E", "\U0001F600") < 0);
        Assert.True(string.CompareOrdinal("\uFF5E", "\U0001F600") > 0);
        Assert.True(Utf8Order.Compare("a", "ab") < 0);
        Assert.Equal(0, Utf8Order.Compare("x", "x"));
    }
}
