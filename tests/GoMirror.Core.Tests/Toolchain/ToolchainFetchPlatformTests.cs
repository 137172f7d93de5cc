using GoMirror.Core.Toolchain;

namespace GoMirror.Core.Tests.Toolchain;

/// <summary>Module names, executable names and paths per platform (Windows checked on any host).</summary>
public class ToolchainFetchPlatformTests
{
    [Theory]
    [InlineData("linux", "amd64", "go1.23.5", "v0.0.1-go1.23.5.linux-amd64")]
    [InlineData("windows", "arm64", "go1.22.0", "v0.0.1-go1.22.0.windows-arm64")]
    [InlineData("darwin", "arm64", "go1.24rc1", "v0.0.1-go1.24rc1.darwin-arm64")]
    public void The_module_version_is_the_one_select_go_asks_for(string goOs, string goArch, string toolchain, string version)
    {
        Assert.True(new ToolchainFetchPlatform(goOs, goArch).TryGetModule(toolchain, out var module, out var error), error?.Message);
        Assert.Equal("golang.org/toolchain", module.Path);
        Assert.Equal(version, module.Version);
    }

    [Theory]
    [InlineData("js", "wasm", "go1.23.5")]
    [InlineData("plan10", "amd64", "go1.23.5")]
    [InlineData("linux", "amd64", "1.23.5")]
    [InlineData("linux", "amd64", "go1.23.5.linux-amd64")]
    [InlineData("linux", "amd64", "go1.23.5+auto")]
    public void Names_and_platforms_Go_has_no_release_for_are_GOMIRROR1224(string goOs, string goArch, string toolchain)
    {
        Assert.False(new ToolchainFetchPlatform(goOs, goArch).TryGetModule(toolchain, out _, out var error));
        Assert.Equal("GOMIRROR1224", error!.Code);
    }

    [Fact]
    public void Windows_runs_bin_go_exe_under_a_backslash_path()
    {
        var windows = new ToolchainFetchPlatform("windows", "amd64");

        Assert.Equal(".exe", windows.ExecutableSuffix);
        Assert.Equal(
            @"C:\Users\dev\go\pkg\mod\golang.org\toolchain@v0.0.1-go1.23.5.windows-amd64\bin\go.exe",
            windows.GoExecutable(@"C:\Users\dev\go\pkg\mod\golang.org\toolchain@v0.0.1-go1.23.5.windows-amd64\"));
    }

    [Fact]
    public void Unix_runs_bin_go()
    {
        var linux = new ToolchainFetchPlatform("linux", "arm64");

        Assert.Equal(string.Empty, linux.ExecutableSuffix);
        Assert.Equal("/home/dev/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.23.5.linux-arm64/bin/go", linux.GoExecutable("/home/dev/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.23.5.linux-arm64"));
    }

    [Theory]
    [InlineData("1.23.5", "go1.23.5")]
    [InlineData("go1.23.5", "go1.23.5")]
    [InlineData(" 1.22.0 ", "go1.22.0")]
    public void A_Go_version_setting_names_its_toolchain(string setting, string toolchain) =>
        Assert.Equal(toolchain, ToolchainFetchPlatform.ToolchainNameOf(setting));

    [Fact]
    public void The_host_is_named_as_Go_names_it()
    {
        var host = ToolchainFetchPlatform.Host;
        Assert.True(host.TryGetModule("go1.23.5", out var module, out var error), error?.Message);
        Assert.EndsWith(OperatingSystem.IsWindows() ? ".windows-amd64" : OperatingSystem.IsLinux() ? ".linux-" + host.GoArch : "." + host.GoOs + "-" + host.GoArch, module.Version, StringComparison.Ordinal);
    }
}
