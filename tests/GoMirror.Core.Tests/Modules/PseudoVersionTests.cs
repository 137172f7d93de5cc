using GoMirror.Core.Modules;

namespace GoMirror.Core.Tests.Modules;

public class PseudoVersionTests
{
    private static readonly DateTime Commit = new(2006, 1, 2, 15, 4, 5, DateTimeKind.Utc);

    [Theory]
    [InlineData("v0.0.0-20060102150405-abcdefabcdef", nameof(PseudoVersionForm.NoBase), "")]
    [InlineData("v2.0.0-20060102150405-abcdefabcdef", nameof(PseudoVersionForm.NoBase), "")]
    [InlineData("v1.2.4-0.20060102150405-abcdefabcdef", nameof(PseudoVersionForm.ReleaseBase), "v1.2.3")]
    [InlineData("v1.2.10-0.20060102150405-abcdefabcdef", nameof(PseudoVersionForm.ReleaseBase), "v1.2.9")]
    [InlineData("v1.2.3-pre.0.20060102150405-abcdefabcdef", nameof(PseudoVersionForm.PrereleaseBase), "v1.2.3-pre")]
    [InlineData("v1.2.3-rc.1.0.20060102150405-abcdefabcdef", nameof(PseudoVersionForm.PrereleaseBase), "v1.2.3-rc.1")]
    [InlineData("v2.0.1-0.20060102150405-abcdefabcdef+incompatible", nameof(PseudoVersionForm.ReleaseBase), "v2.0.0+incompatible")]
    public void Parses_all_three_forms(string version, string form, string baseVersion)
    {
        Assert.True(PseudoVersion.IsPseudoVersion(version));
        Assert.True(PseudoVersion.TryParse(version, out var info));
        Assert.Equal(Enum.Parse<PseudoVersionForm>(form), info.Form);
        Assert.Equal(baseVersion, info.BaseVersion);
        Assert.Equal(Commit, info.Time);
        Assert.Equal("20060102150405", info.Timestamp);
        Assert.Equal("abcdefabcdef", info.Revision);
        Assert.True(PseudoVersion.TryGetBase(version, out var b));
        Assert.Equal(baseVersion, b);
        Assert.True(PseudoVersion.TryGetRevision(version, out var rev));
        Assert.Equal("abcdefabcdef", rev);
        Assert.True(PseudoVersion.TryGetTime(version, out var time));
        Assert.Equal(Commit, time);
    }

    [Theory]
    [InlineData("v1.2.3")]
    [InlineData("v1.2.3-pre")]
    [InlineData("v1.2.3-20060102150405-abcdefabcdef")]
    [InlineData("v1.2.4-0.2006010215040-abcdefabcdef")]
    [InlineData("v0.0.0-20060102150405")]
    [InlineData("v0.0.0-20060102150405-abc_def")]
    [InlineData("0.0.0-20060102150405-abcdefabcdef")]
    public void Rejects_non_pseudo_versions(string version)
    {
        Assert.False(PseudoVersion.IsPseudoVersion(version));
        Assert.False(PseudoVersion.TryParse(version, out _));
        Assert.False(PseudoVersion.TryGetBase(version, out _));
    }

    [Fact]
    public void Syntax_is_not_enough_for_a_valid_base_or_time()
    {
        // A patch of 0 has no predecessor; Go's PseudoVersionBase fails the same way.
        Assert.True(PseudoVersion.IsPseudoVersion("v1.0.0-0.20060102150405-abcdefabcdef"));
        Assert.False(PseudoVersion.TryGetBase("v1.0.0-0.20060102150405-abcdefabcdef", out _));
        Assert.False(PseudoVersion.TryParse("v1.0.0-0.20060102150405-abcdefabcdef", out _));

        // Month 13.
        Assert.True(PseudoVersion.IsPseudoVersion("v0.0.0-20061302150405-abcdefabcdef"));
        Assert.False(PseudoVersion.TryGetTime("v0.0.0-20061302150405-abcdefabcdef", out _));

        // A base-less pseudo-version cannot carry build metadata.
        Assert.False(PseudoVersion.TryGetBase("v0.0.0-20060102150405-abcdefabcdef+incompatible", out _));
    }

    [Theory]
    [InlineData("", "", "v0.0.0-20060102150405-abcdefabcdef")]
    [InlineData("v2", "", "v2.0.0-20060102150405-abcdefabcdef")]
    [InlineData("", "v1.2.3", "v1.2.4-0.20060102150405-abcdefabcdef")]
    [InlineData("", "v1.2.99", "v1.2.100-0.20060102150405-abcdefabcdef")]
    [InlineData("", "v1.2.3-pre", "v1.2.3-pre.0.20060102150405-abcdefabcdef")]
    [InlineData("", "v2.0.0+incompatible", "v2.0.1-0.20060102150405-abcdefabcdef+incompatible")]
    public void Creates_pseudo_versions_that_parse_back(string major, string older, string expected)
    {
        var created = PseudoVersion.Create(major, older, Commit, "abcdefabcdef");
        Assert.Equal(expected, created);
        Assert.True(PseudoVersion.TryParse(created, out var info));
        Assert.Equal(Semver.TryCanonicalModuleVersion(older, out var c) ? c : string.Empty, info.BaseVersion);
    }

    [Fact]
    public void Pseudo_versions_sort_between_their_base_and_the_next_release()
    {
        var pseudo = PseudoVersion.Create(string.Empty, "v1.2.3", Commit, "abcdefabcdef");
        Assert.True(Semver.Compare("v1.2.3", pseudo) < 0);
        Assert.True(Semver.Compare(pseudo, "v1.2.4") < 0);
        Assert.True(Semver.Compare(pseudo, "v1.2.4-pre") < 0);
    }

    [Fact]
    public void Zero_pseudo_version()
    {
        Assert.Equal("v0.0.0-00010101000000-000000000000", PseudoVersion.Zero(string.Empty));
        Assert.True(PseudoVersion.IsZeroPseudoVersion("v0.0.0-00010101000000-000000000000"));
        Assert.True(PseudoVersion.IsZeroPseudoVersion("v3.0.0-00010101000000-000000000000"));
        Assert.False(PseudoVersion.IsZeroPseudoVersion("v0.0.0-20060102150405-abcdefabcdef"));
    }

    [Fact]
    public void The_year_0000_is_a_time_as_for_go()
    {
        // Go's time.Parse reads the year 0000 (a leap year); DateTime cannot hold it, so the time is null.
        Assert.True(PseudoVersion.TryGetTime("v0.0.0-00000229120000-abcdefabcdef", out var time));
        Assert.Null(time);
        Assert.True(PseudoVersion.TryParse("v0.0.0-00000229120000-abcdefabcdef", out var info));
        Assert.Equal("00000229120000", info.Timestamp);
        Assert.False(PseudoVersion.TryGetTime("v0.0.0-00010229120000-abcdefabcdef", out _));
        Assert.True(PseudoVersion.TryGetTime("v0.0.0-00010101000000-000000000000", out time));
        Assert.Equal(new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), time);
    }
}
