using System.Text;
using GoMirror.Core.ModuleCache;

namespace GoMirror.Core.Tests.ModuleCache;

public class GoInfoJsonTests
{
    // What Go 1.21+ write for each Time (json.Unmarshal into time.Time, then json.Marshal), as the
    // differential's infotime area showed; null where Go cannot write the .info.
    [Theory]
    [InlineData("0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z")]
    [InlineData("0000-02-29T12:00:00.500+01:00", "0000-02-29T12:00:00.5+01:00")]
    [InlineData("2020-01-01T1:02:03Z", "2020-01-01T01:02:03Z")]
    [InlineData("2020-01-01T00:00:00,1234567891-00:00", "2020-01-01T00:00:00.123456789Z")]
    [InlineData("2020-01-01T00:00:00+01:60", "2020-01-01T00:00:00+02:00")]
    [InlineData("2020-01-01T00:00:00+24:00", null)]
    [InlineData("0001-02-29T00:00:00Z", null)]
    [InlineData("2020-01-01T00:00:00.Z", null)]
    [InlineData("2020-01-01T00:00:00z", null)]
    public void Time_is_read_and_written_as_go_does(string time, string? written)
    {
        var ok = GoInfoJson.TryCanonicalize(Encoding.UTF8.GetBytes($"{{\"Version\":\"v1.0.0\",\"Time\":\"{time}\"}}"), "v1.0.0", out var canonical, out var error);
        Assert.Equal(written is not null, ok);
        if (written is not null)
        {
            Assert.Equal($"{{\"Version\":\"v1.0.0\",\"Time\":\"{written}\"}}", Encoding.UTF8.GetString(canonical));
        }
        else
        {
            Assert.Contains("RFC 3339", error, StringComparison.Ordinal);
        }
    }
}
