using GoMirror.Core.Toolchain;

namespace GoMirror.Core.Tests.Toolchain;

public class GoVersionOrderTests
{
    // Each version orders strictly before the next one, as Go 1.21+ orders them (internal/gover's own test table).
    private static readonly string[] Ascending =
    [
        "", "1", "1.1", "1.5", "1.19", "1.20rc1", "1.20", "1.20.1", "1.21", "1.21alpha1", "1.21beta1", "1.21beta2", "1.21rc1", "1.21rc2",
        "1.21.0", "1.21.1", "1.21.13", "1.22", "1.22rc1", "1.22.0", "1.23.5", "1.100", "2", "10",
    ];

    [Fact]
    public void A_language_version_orders_before_its_pre_releases_and_releases_from_1_21_on()
    {
        for (var i = 0; i < Ascending.Length; i++)
        {
            for (var j = 0; j < Ascending.Length; j++)
            {
                Assert.True(Math.Sign(i.CompareTo(j)) == GoVersionOrder.Compare(Ascending[i], Ascending[j]), $"Compare({Ascending[i]}, {Ascending[j]}) should be {Math.Sign(i.CompareTo(j))}");
            }
        }
    }

    [Theory]
    [InlineData("1.20", "1.20.0", 0)]
    [InlineData("1.19", "1.19.0", 0)]
    [InlineData("1.21", "1.21.0", -1)]
    [InlineData("1.21.0", "1.21.00", 1)]
    [InlineData("1.999999999999999999999", "1.1000", 1)]
    [InlineData("junk", "1.21", -1)]
    [InlineData("junk", "", 0)]
    public void Compare_matches_gover_on_its_edges(string x, string y, int expected) =>
        Assert.Equal(expected, GoVersionOrder.Compare(x, y));

    [Theory]
    [InlineData("1", true)]
    [InlineData("1.21", true)]
    [InlineData("1.21.0", true)]
    [InlineData("1.21rc1", true)]
    [InlineData("1.21.0rc1", false)]
    [InlineData("1.021", false)]
    [InlineData("1.21.", false)]
    [InlineData("1.21-x", false)]
    [InlineData("v1.21", false)]
    [InlineData("", false)]
    [InlineData("1.21RC1", false)]
    public void IsValid_accepts_only_Go_version_syntax(string version, bool valid) =>
        Assert.Equal(valid, GoVersionOrder.IsValid(version));

    [Theory]
    [InlineData("1.21", true)]
    [InlineData("1.22", true)]
    [InlineData("1.20", false)]
    [InlineData("1", false)]
    [InlineData("1.21.0", false)]
    [InlineData("1.21rc1", false)]
    [InlineData("x", false)]
    public void IsLang_is_a_version_without_patch_or_pre_release_from_1_21_on(string version, bool lang) =>
        Assert.Equal(lang, GoVersionOrder.IsLang(version));

    [Theory]
    [InlineData("1.21.3", "1.21")]
    [InlineData("1.21rc2", "1.21")]
    [InlineData("1.0", "1")]
    [InlineData("2", "2.0")]
    public void Lang_drops_patch_and_pre_release(string version, string lang) =>
        Assert.Equal(lang, GoVersionOrder.Lang(version));

    [Theory]
    [InlineData("go1.21.3", "1.21.3")]
    [InlineData("go1.21.3-bigcorp", "1.21.3")]
    [InlineData("go1.22", "1.22")]
    [InlineData("go1.21rc1", "1.21rc1")]
    [InlineData("gccgo-go1.21.3", "")]
    [InlineData("go1.21.3/x", "")]
    [InlineData("1.21.3", "")]
    [InlineData("local", "")]
    [InlineData("go", "")]
    public void FromToolchain_reads_the_version_of_a_toolchain_name(string name, string version) =>
        Assert.Equal(version, GoVersionOrder.FromToolchain(name));

    [Fact]
    public void Max_keeps_the_first_of_equal_versions() =>
        Assert.Equal(("1.20", "1.21.0"), (GoVersionOrder.Max("1.20", "1.20.0"), GoVersionOrder.Max("1.21", "1.21.0")));
}
