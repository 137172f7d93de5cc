using GoMirror.Core.Toolchain;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Toolchain;

// select.go's decisions on folders written here; the oracle tests check the same decisions against real Go.
public sealed class ToolchainSelectorTests : IDisposable
{
    private readonly TempDirectory _temp = new("gomirror-select");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("auto", "go 1.21.13", null, "Local", "go1.21.13")]
    [InlineData("auto", "go 1.20", null, "Local", "go1.21.13")]
    [InlineData("auto", "go 1.23.5", null, "Switch", "go1.23.5")]
    [InlineData("auto", "go 1.22", null, "Switch", "go1.22.0")]
    [InlineData("auto", "go 1.21.0", "toolchain go1.23.5", "Switch", "go1.23.5")]
    [InlineData("auto", "go 1.23.5", "toolchain go1.22.1", "Switch", "go1.23.5")]
    [InlineData("auto", "go 1.21.0", "toolchain go1.21.5", "Local", "go1.21.13")]
    [InlineData("auto", "go 1.21.0", "toolchain default", "Local", "go1.21.13")]
    [InlineData("local", "go 1.21.0", "toolchain go1.23.5", "Local", "go1.21.13")]
    [InlineData("go1.22.3", "go 1.21.0", "toolchain go1.23.5", "Switch", "go1.22.3")]
    [InlineData("go1.22.3+auto", "go 1.21.0", "toolchain go1.23.5", "Switch", "go1.23.5")]
    [InlineData("go1.22.3+auto", "go 1.21.0", "toolchain go1.22.1", "Switch", "go1.22.3")]
    [InlineData("go1.22.3+auto", "go 1.21.0", "toolchain default", "Switch", "go1.22.3")]
    [InlineData("go1.21.13", "go 1.21.0", null, "Local", "go1.21.13")]
    [InlineData("go1.20.1", "go 1.19", null, "Switch", "go1.20.1")]
    public void Chooses_as_select_go_does(string gotoolchain, string goLine, string? toolchainLine, string kind, string toolchain)
    {
        var folder = Module(goLine, toolchainLine);

        var choice = ToolchainSelector.Select(Request(gotoolchain, folder));

        Assert.Equal((Enum.Parse<ToolchainChoiceKind>(kind), toolchain), (choice.Kind, choice.Toolchain));
        Assert.Equal("go1.21.13", choice.FoundToolchain);
        Assert.DoesNotContain(choice.Diagnostics, d => d.IsError);
        if (kind == nameof(ToolchainChoiceKind.Switch))
        {
            Assert.Equal(("golang.org/toolchain", $"v0.0.1-{toolchain}.linux-amd64"), (choice.Module!.Path, choice.Module.Version));
        }
        else
        {
            Assert.Null(choice.Module);
        }
    }

    [Fact]
    public void A_toolchain_on_PATH_is_run_instead_of_a_download_in_auto_mode_and_is_the_only_source_in_path_mode()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix execute bits: the Windows search is the next test's.");
            return;
        }

        var folder = Module("go 1.21.0", "toolchain go1.23.5");
        var bin = Directory.CreateDirectory(_temp.Combine("bin")).FullName;
        var onPath = Path.Combine(bin, "go1.23.5");

        var missing = ToolchainSelector.Select(Request("path", folder) with { SearchPath = bin });
        File.WriteAllText(onPath, "#!/bin/sh\n");
        File.SetUnixFileMode(onPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var notExecutable = ToolchainSelector.Select(Request("auto", folder) with { SearchPath = bin });
        File.SetUnixFileMode(onPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var auto = ToolchainSelector.Select(Request("auto", folder) with { SearchPath = "relative/bin:" + bin });
        var path = ToolchainSelector.Select(Request("local+path", folder) with { SearchPath = bin });

        Assert.True(missing.Fails);
        Assert.Equal("GOMIRROR1204", Assert.Single(missing.Diagnostics).Descriptor.Code);
        Assert.Equal(ToolchainChoiceKind.Switch, notExecutable.Kind);
        Assert.Equal((ToolchainChoiceKind.Path, onPath), (auto.Kind, auto.Executable));
        Assert.Equal((ToolchainChoiceKind.Path, onPath, false), (path.Kind, path.Executable, path.Fails));
    }

    [Fact]
    public void On_Windows_PATH_is_split_on_semicolons_and_PATHEXT_extensions_are_tried()
    {
        var folder = Module("go 1.23.5", null);
        var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { @"D:\go\sdk\go1.23.5.exe" };

        var choice = ToolchainSelector.Select(Request("auto", folder) with
        {
            IsWindows = true,
            SearchPath = @"C:\Windows;relative;""D:\go\sdk""",
            PathExt = ".COM;.EXE",
            IsExecutable = files.Contains,
            GoOs = "windows",
        });

        Assert.Equal((ToolchainChoiceKind.Path, @"D:\go\sdk\go1.23.5.exe"), (choice.Kind, choice.Executable));
    }

    [Theory]
    [InlineData("1.23.5", "GOMIRROR1200")]
    [InlineData("go1.23.5+download", "GOMIRROR1200")]
    [InlineData("go2.0", "GOMIRROR1200")]
    public void A_malformed_GOTOOLCHAIN_stops_the_go_command(string gotoolchain, string code)
    {
        var choice = ToolchainSelector.Select(Request(gotoolchain, Module("go 1.21.0", null)));

        Assert.True(choice.Fails);
        Assert.Equal(code, Assert.Single(choice.Diagnostics).Descriptor.Code);
        Assert.Contains($"invalid GOTOOLCHAIN \"{gotoolchain}\"", choice.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("toolchain 1.23.5")]
    [InlineData("toolchain gccgo1.23.5")]
    public void An_invalid_toolchain_line_stops_the_go_command_in_auto_mode_only(string line)
    {
        var folder = Module("go 1.21.0", line);

        var auto = ToolchainSelector.Select(Request("auto", folder));
        var local = ToolchainSelector.Select(Request("local", folder));

        Assert.Equal("GOMIRROR1201", Assert.Single(auto.Diagnostics).Descriptor.Code);
        Assert.Equal(3, auto.Diagnostics[0].Location!.Line);
        Assert.False(local.Fails);
    }

    [Fact]
    public void GOTOOLCHAIN_local_with_a_newer_go_line_fails_naming_both_versions_and_the_fix()
    {
        var folder = Module("go 1.23.5", null);

        var choice = ToolchainSelector.Select(Request("local", folder));

        var error = Assert.Single(choice.Diagnostics);
        Assert.Equal("GOMIRROR0315", error.Descriptor.Code);
        Assert.Contains("requires go >= 1.23.5 (running go 1.21.13; GOTOOLCHAIN=local)", error.Message, StringComparison.Ordinal);
        Assert.Contains("GOTOOLCHAIN=auto", error.Fix, StringComparison.Ordinal);
        Assert.Equal((Path.Combine(folder, "go.mod"), 2), (error.Location!.File, error.Location.Line));
    }

    [Fact]
    public void A_language_version_go_line_warns_unless_a_toolchain_line_covers_it()
    {
        var bare = ToolchainSelector.Select(Request("auto", Module("go 1.22", null)));
        var covered = ToolchainSelector.Select(Request("auto", Module("go 1.22", "toolchain go1.22.4")));
        var old = ToolchainSelector.Select(Request("auto", Module("go 1.21", null)));

        var warning = Assert.Single(bare.Diagnostics);
        Assert.Equal(("GOMIRROR1202", false), (warning.Descriptor.Code, warning.IsError));
        Assert.Contains("go mod edit -go=1.22.0", warning.Fix, StringComparison.Ordinal);
        Assert.Empty(covered.Diagnostics);
        Assert.Empty(old.Diagnostics);
    }

    [Fact]
    public void A_language_version_toolchain_line_is_no_downloadable_toolchain()
    {
        var choice = ToolchainSelector.Select(Request("auto", Module("go 1.21.0", "toolchain go1.22")));

        Assert.Equal((ToolchainChoiceKind.Switch, "go1.22"), (choice.Kind, choice.Toolchain));
        Assert.Contains("invalid toolchain: go1.22 is a language version but not a toolchain version (go1.22.x)", Assert.Single(choice.Diagnostics, d => d.IsError).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_platform_without_published_toolchains_is_a_warning_on_a_switch_only()
    {
        var folder = Module("go 1.23.5", null);

        var wasm = ToolchainSelector.Select(Request("auto", folder) with { GoOs = "js", GoArch = "wasm" });
        var local = ToolchainSelector.Select(Request("auto", Module("go 1.21.0", null)) with { GoOs = "js", GoArch = "wasm" });

        Assert.Equal("GOMIRROR1203", Assert.Single(wasm.Diagnostics).Descriptor.Code);
        Assert.Empty(local.Diagnostics);
    }

    [Fact]
    public void The_enclosing_go_work_decides_over_the_go_mod_unless_GOWORK_is_off()
    {
        File.WriteAllText(_temp.Combine("go.work"), "go 1.23.5\n\nuse ./m\n");
        var member = Module("go 1.21.0", null, "m");

        var workspace = ToolchainSelector.Select(Request("auto", member));
        var off = ToolchainSelector.Select(Request("auto", member) with { GoWork = "off" });

        Assert.Equal(("go1.23.5", _temp.Combine("go.work")), (workspace.Toolchain, workspace.DecidedBy!.File));
        Assert.Equal(ToolchainChoiceKind.Local, off.Kind);
    }

    [Fact]
    public void Go_1_19_never_switches()
    {
        var choice = ToolchainSelector.Select(Request("go1.23.5", Module("go 1.23.5", "toolchain go1.23.5")) with { LocalToolchain = "go1.19.8" });

        Assert.Equal((ToolchainChoiceKind.Local, "go1.19.8", 0), (choice.Kind, choice.Toolchain, choice.Diagnostics.Count));
    }

    [Fact]
    public void The_lines_are_read_as_Gos_line_scan_reads_them()
    {
        var file = _temp.Combine("go.mod");
        File.WriteAllText(file, "// go 1.99\nmodule example.com/m\r\n\n  go\t1.23.5 // a comment\r\ngo 1.22.0\ntoolchainx go1.30.0\ntoolchain go1.24.0\n");

        var lines = ToolchainLines.Read(file);

        Assert.Equal(("1.23.5", 4, "go1.24.0", 7), (lines.Go, lines.GoLine!.Line, lines.Toolchain, lines.ToolchainLine!.Line));
    }

    private string Module(string goLine, string? toolchainLine, string folder = "")
    {
        var dir = Directory.CreateDirectory(_temp.Combine(folder.Length == 0 ? "m" + Guid.NewGuid().ToString("N")[..6] : folder)).FullName;
        File.WriteAllText(Path.Combine(dir, "go.mod"), $"module example.com/m\n{goLine}\n{(toolchainLine is null ? string.Empty : toolchainLine + "\n")}");
        return dir;
    }

    private static ToolchainSelectionRequest Request(string gotoolchain, string folder) => new()
    {
        GoToolchain = gotoolchain,
        LocalToolchain = "go1.21.13",
        GoOs = "linux",
        GoArch = "amd64",
        WorkingDirectory = folder,
        SearchPath = string.Empty,
        IsWindows = false,
    };
}
