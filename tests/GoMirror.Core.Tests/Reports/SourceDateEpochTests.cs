using GoMirror.Core.Diagnostics;
using GoMirror.Core.Reports;

namespace GoMirror.Core.Tests.Reports;

public class SourceDateEpochTests
{
    [Fact]
    public void Set_epoch_wins_over_the_clock()
    {
        var bag = new DiagnosticBag();
        var now = SourceDateEpoch.Now(n => n == "SOURCE_DATE_EPOCH" ? "1700000000" : null, new FixedClock(ReportSamples.FixedTime), bag);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), now);
        Assert.Equal("2023-11-14T22:13:20Z", SourceDateEpoch.Format(now));
        Assert.Empty(bag.ToList());
    }

    [Fact]
    public void Unset_epoch_uses_the_clock()
    {
        var bag = new DiagnosticBag();
        Assert.Equal(ReportSamples.FixedTime, SourceDateEpoch.Now(_ => null, new FixedClock(ReportSamples.FixedTime), bag));
        Assert.Empty(bag.ToList());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    [InlineData(" 1700000000")]
    [InlineData("   ")]
    public void Invalid_epoch_is_reported_and_ignored(string value)
    {
        var bag = new DiagnosticBag();
        Assert.Null(SourceDateEpoch.Read(_ => value, bag));
        Assert.Equal(ReportDiagnostics.InvalidSourceDateEpoch.Code, Assert.Single(bag.ToList()).Code);
    }
}
