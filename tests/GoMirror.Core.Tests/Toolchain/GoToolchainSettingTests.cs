using GoMirror.Core.Toolchain;

namespace GoMirror.Core.Tests.Toolchain;

public class GoToolchainSettingTests
{
    [Theory]
    [InlineData("local", null, "Fixed")]
    [InlineData("auto", null, "Auto")]
    [InlineData("path", null, "Path")]
    [InlineData("local+auto", null, "Auto")]
    [InlineData("local+path", null, "Path")]
    [InlineData("go1.23.5", "go1.23.5", "Fixed")]
    [InlineData("go1.23.5+auto", "go1.23.5", "Auto")]
    [InlineData("go1.23.5+path", "go1.23.5", "Path")]
    [InlineData("go1.21.1-bigcorp", "go1.21.1-bigcorp", "Fixed")]
    [InlineData("go1.22", "go1.22", "Fixed")]
    public void Reads_the_forms_Go_accepts(string value, string? minimum, string mode)
    {
        var setting = GoToolchainSetting.Parse(value, out var error);

        Assert.Null(error);
        Assert.NotNull(setting);
        Assert.Equal((minimum, Enum.Parse<GoToolchainMode>(mode)), (setting.Minimum, setting.Mode));
    }

    [Theory]
    [InlineData("1.23.5", "invalid GOTOOLCHAIN \"1.23.5\"")]
    [InlineData("Go1.23.5", "invalid GOTOOLCHAIN \"Go1.23.5\"")]
    [InlineData("go1.23.5+download", "invalid GOTOOLCHAIN \"go1.23.5+download\": only version suffixes are +auto and +path")]
    [InlineData("newest+auto", "invalid GOTOOLCHAIN \"newest+auto\": invalid minimum toolchain \"newest\"")]
    [InlineData("auto+path", "invalid GOTOOLCHAIN \"auto+path\": invalid minimum toolchain \"auto\"")]
    [InlineData("local+", "invalid GOTOOLCHAIN \"local+\": only version suffixes are +auto and +path")]
    [InlineData("go1.23.5+auto+path", "invalid GOTOOLCHAIN \"go1.23.5+auto+path\": only version suffixes are +auto and +path")]
    public void Refuses_what_Go_refuses_with_Gos_words(string value, string expected)
    {
        Assert.Null(GoToolchainSetting.Parse(value, out var error));
        Assert.Equal(expected, error);
    }
}
