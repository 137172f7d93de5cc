using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoCommand;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.GoCommand;

public class GoVersionTests
{
    [Theory]
    [InlineData("go version go1.19.8 linux/amd64", "1.19.8", "linux", "amd64", false)]
    [InlineData("go version go1.20 darwin/arm64", "1.20.0", "darwin", "arm64", false)]
    [InlineData("go version go1.21rc2 windows/amd64", "1.21.0-rc2", "windows", "amd64", false)]
    [InlineData("go version go1.9beta1 linux/386", "1.9.0-beta1", "linux", "386", false)]
    [InlineData("go version go1.22.0 X:loopvar,rangefunc linux/arm64", "1.22.0", "linux", "arm64", false)]
    [InlineData("go version devel go1.23-e8ee1dc4f9 Tue Jan 2 15:04:05 2024 +0000 linux/amd64", "1.23.0-devel", "linux", "amd64", true)]
    [InlineData("go version devel +b7a03218b1 Mon Sep 14 12:00:00 2020 +0000 freebsd/amd64", "1.0.0-devel", "freebsd", "amd64", true)]
    public void Go_version_lines_parse(string line, string version, string goos, string goarch, bool devel)
    {
        var info = GoToolchainInfo.Parse("go", line + "\n");

        Assert.NotNull(info);
        Assert.Equal(version, info.Version.ToString());
        Assert.Equal(goos, info.GoOs);
        Assert.Equal(goarch, info.GoArch);
        Assert.Equal(devel, info.Version.IsDevel);
    }

    [Theory]
    [InlineData("")]
    [InlineData("go version")]
    [InlineData("gcc (Debian 12.2.0) 12.2.0")]
    [InlineData("go version go1.19.8")]
    public void Other_text_is_not_a_go_version(string text) => Assert.Null(GoToolchainInfo.Parse("go", text));

    [Fact]
    public void Versions_order_like_Go_releases()
    {
        string[] ordered = ["go1.9beta1", "go1.9rc1", "go1.9", "go1.19.8", "go1.21rc2", "go1.21.0", "devel go1.21-abc", "go1.21.1"];
        var parsed = ordered.Select(v => Assert.IsType<GoVersion>(GoVersion.TryParse(v, out var p) ? p : null)).ToList();

        Assert.Equal(ordered, parsed.Order().Select(v => v.Text));
    }

    [Fact]
    public async Task The_real_go_version_is_read_and_agrees_with_go_env()
    {
        var go = GoToolchain.Require();
        var said = GoToolchain.Run(Path.GetTempPath(), new Dictionary<string, string>(), "env", "GOVERSION", "GOHOSTOS", "GOHOSTARCH").AssertSuccess()
            .Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var diagnostics = new DiagnosticBag();

        var info = await new GoToolchainInspector().GetInfoAsync(go, diagnostics, TestContext.Current.CancellationToken);

        Assert.Empty(diagnostics.ToList());
        Assert.NotNull(info);
        Assert.Equal(said[0], info.Version.Text);
        Assert.Equal(said[1], info.GoOs);
        Assert.Equal(said[2], info.GoArch);
        Assert.True(info.Version.Number >= new Version(1, 19), info.Version.ToString());
    }
}
