using GoMirror.Core.Modules;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Modules;

public class SemverTests
{
    // Ascending, as Go orders them (semver.org §11 precedence; checked against Go below).
    private static readonly string[] Ascending =
    [
        "v0.0.0", "v0.0.1", "v0.1.0", "v1.0.0-alpha", "v1.0.0-alpha.1", "v1.0.0-alpha.beta", "v1.0.0-beta",
        "v1.0.0-beta.2", "v1.0.0-beta.11", "v1.0.0-rc.1", "v1.0.0", "v1.2.0", "v1.2.3-456", "v1.2.3-456.789",
        "v1.2.3-456-789", "v1.2.3-456a", "v1.2.3-pre", "v1.2.3", "v1.10.0", "v1.11.0", "v1.100.0",
    ];

    [Theory]
    [InlineData("v1", "v1.0.0")]
    [InlineData("v1.2", "v1.2.0")]
    [InlineData("v1.2.3", "v1.2.3")]
    [InlineData("v1.2.3+meta.1", "v1.2.3")]
    [InlineData("v1.2.3-pre.1+meta", "v1.2.3-pre.1")]
    [InlineData("v2.0.0+incompatible", "v2.0.0")]
    [InlineData("v0.0.0-20240102030405-abcdefabcdef", "v0.0.0-20240102030405-abcdefabcdef")]
    public void Canonical_form(string version, string canonical)
    {
        Assert.True(Semver.TryCanonical(version, out var actual));
        Assert.Equal(canonical, actual);
        Assert.Equal(canonical == version, Semver.IsCanonical(version));
    }

    [Theory]
    [InlineData("v2.0.0+incompatible", "v2.0.0+incompatible")]
    [InlineData("v2.0+incompatible", null)]
    [InlineData("v2.1", "v2.1.0")]
    [InlineData("v2.0.0+meta", "v2.0.0")]
    public void Canonical_module_version_keeps_incompatible(string version, string? canonical)
    {
        Assert.Equal(canonical is not null, Semver.TryCanonicalModuleVersion(version, out var actual));
        Assert.Equal(canonical ?? string.Empty, actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("v")]
    [InlineData("1.2.3")]
    [InlineData("v1.2.3.4")]
    [InlineData("v01.2.3")]
    [InlineData("v1.02.3")]
    [InlineData("v1.2.3-01")]
    [InlineData("v1.2-pre")]
    [InlineData("v1.2+meta")]
    [InlineData("v1.2.3-")]
    [InlineData("v1.2.3+")]
    [InlineData("v1.2.3-a..b")]
    [InlineData("v1.2.3-a_b")]
    [InlineData("V1.2.3")]
    public void Rejects_invalid_versions(string version)
    {
        Assert.False(Semver.IsValid(version));
        Assert.False(Semver.TryCanonical(version, out _));
        Assert.Equal(string.Empty, Semver.Major(version));
        Assert.True(Semver.Compare(version, "v0.0.0") < 0);
    }

    [Fact]
    public void Parts_of_a_version()
    {
        Assert.Equal("v2", Semver.Major("v2.1.0-rc.1+meta"));
        Assert.Equal("v2.1", Semver.MajorMinor("v2.1.0"));
        Assert.Equal("v2.0", Semver.MajorMinor("v2"));
        Assert.Equal("-rc.1", Semver.Prerelease("v2.1.0-rc.1+meta"));
        Assert.Equal("+meta", Semver.Build("v2.1.0-rc.1+meta"));
        Assert.True(Semver.IsIncompatible("v3.0.0+incompatible"));
        Assert.False(Semver.IsIncompatible("v3.0.0"));
    }

    [Fact]
    public void Compare_orders_pre_releases_before_releases()
    {
        for (var i = 0; i < Ascending.Length; i++)
        {
            for (var j = 0; j < Ascending.Length; j++)
            {
                Assert.Equal(Math.Sign(i.CompareTo(j)), Semver.Compare(Ascending[i], Ascending[j]));
            }
        }

        Assert.True(Semver.Compare("v2.0.0", "v10.0.0") < 0);
        Assert.True(Semver.Compare("v1.99.99", "v2.0.0-alpha") < 0);
        Assert.Equal(0, Semver.Compare("v1.2.3+a", "v1.2.3+b"));
        Assert.Equal(0, Semver.Compare("v1.2", "v1.2.0"));
        Assert.Equal(0, Semver.Compare("bad", "worse"));
    }

    [Fact]
    public void Go_lists_versions_in_our_order()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory();
        var proxy = new ModuleProxyFolder(temp.Combine("proxy"));
        var listDir = proxy.VersionDirectory("example.com/versions");
        Directory.CreateDirectory(listDir);
        File.WriteAllLines(Path.Combine(listDir, "list"), Ascending.OrderBy(v => new string([.. v.Reverse()]), StringComparer.Ordinal));

        // Go reads the latest version's go.mod for retractions, so that one needs real files.
        proxy.Add("example.com/versions", Ascending[^1]);
        var dir = OfflineGo.ModuleFolder(temp, "module example.com/main\n\ngo 1.19\n");

        var run = GoToolchain.Run(dir, OfflineGo.Environment(temp, proxy.FileUrl), "list", "-m", "-versions", "example.com/versions").AssertSuccess();

        var listed = run.Stdout.Trim().Split(' ').Skip(1).ToArray();
        Assert.Equal(Ascending.Length, listed.Length);
        Assert.Equal(listed, listed.Order(Semver.Comparer));
        Assert.Equal(Ascending, listed);
    }

    [Fact]
    public void Equal_precedence_is_ordered_by_utf8_bytes_as_go_semver_sort_does()
    {
        // Both are invalid (equal precedence); U+FF21 is EF BC A1 in UTF-8, U+1F600 is F0 9F 98 80, but in UTF-16
        // the surrogate D83D sorts before FF21.
        Assert.True(Semver.Comparer.Compare("-\uFF21", "-\U0001F600") < 0);
        Assert.True(Semver.Comparer.Compare("v1.0.0+\U0001F600", "v1.0.0+\uFF21") > 0);
    }
}
