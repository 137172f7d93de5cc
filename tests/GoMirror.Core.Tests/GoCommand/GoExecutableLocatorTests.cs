using GoMirror.Core.GoCommand;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.GoCommand;

public class GoExecutableLocatorTests
{
    [Fact]
    public void On_this_machine_it_finds_the_same_go_the_test_support_finds()
    {
        var expected = GoToolchain.Require();

        var location = new GoExecutableLocator().Locate();

        Assert.True(location.Found, location.Failure?.ToString());
        Assert.Equal(Path.GetFullPath(expected), Path.GetFullPath(location.ExecutablePath!));
    }

    [Fact]
    public void An_explicit_file_folder_or_GOROOT_wins_over_GOROOT_and_PATH()
    {
        using var temp = new TempDirectory();
        var chosen = MakeGo(temp.Combine("chosen", "bin"));
        MakeGo(temp.Combine("goroot", "bin"));
        var machine = Local(goroot: temp.Combine("goroot"), path: temp.Combine("chosen", "bin"));
        var locator = new GoExecutableLocator(machine);

        Assert.Equal(chosen, locator.Locate(chosen).ExecutablePath);
        Assert.Equal(chosen, locator.Locate(temp.Combine("chosen", "bin")).ExecutablePath);
        Assert.Equal(chosen, locator.Locate(temp.Combine("chosen")).ExecutablePath);
        Assert.Equal("explicit", locator.Locate(temp.Combine("chosen")).Source);
    }

    [Fact]
    public void An_explicit_path_that_leads_nowhere_fails_without_falling_back()
    {
        using var temp = new TempDirectory();
        MakeGo(temp.Combine("goroot", "bin"));
        var missing = temp.Combine("not-installed");
        var locator = new GoExecutableLocator(Local(goroot: temp.Combine("goroot"), path: string.Empty));

        var location = locator.Locate(missing);

        Assert.False(location.Found);
        Assert.Equal(GoCommandDiagnostics.ConfiguredGoPathInvalid, location.Failure?.Descriptor);
        Assert.Contains(missing, location.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("GoExecutable", location.Failure.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void GOROOT_comes_before_PATH_and_PATH_is_searched_in_order()
    {
        using var temp = new TempDirectory();
        var fromGoroot = MakeGo(temp.Combine("goroot", "bin"));
        MakeGo(temp.Combine("p1"));
        var second = MakeGo(temp.Combine("p2"));
        var path = string.Join(Path.PathSeparator, temp.Combine("empty"), temp.Combine("p2"), temp.Combine("p1"));

        Assert.Equal(fromGoroot, new GoExecutableLocator(Local(temp.Combine("goroot"), path)).Locate().ExecutablePath);
        var viaPath = new GoExecutableLocator(Local(temp.Combine("no-goroot"), path)).Locate();
        Assert.Equal(second, viaPath.ExecutablePath);
        Assert.Equal("PATH", viaPath.Source);
        Assert.Equal([temp.Combine("no-goroot", "bin", GoName), temp.Combine("empty", GoName), second], viaPath.Tried);
    }

    [Fact]
    public void When_nothing_is_found_the_diagnostic_lists_every_place_tried_and_how_to_install()
    {
        using var temp = new TempDirectory();
        var path = string.Join(Path.PathSeparator, temp.Combine("a"), temp.Combine("b"));

        var location = new GoExecutableLocator(Local(temp.Combine("goroot"), path)).Locate();

        Assert.False(location.Found);
        var failure = location.Failure!;
        Assert.Equal(GoCommandDiagnostics.GoNotFound, failure.Descriptor);
        Assert.Equal(3, location.Tried.Count);
        Assert.All(location.Tried, tried => Assert.Contains(tried, failure.Message, StringComparison.Ordinal));
        Assert.Contains("GoExecutable", failure.Fix, StringComparison.Ordinal);
        Assert.Contains("ToolPath", failure.Fix, StringComparison.Ordinal);
        Assert.Contains("https://go.dev/dl/", failure.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void On_Windows_it_looks_for_go_exe_in_semicolon_separated_possibly_quoted_PATH_entries()
    {
        // A Windows machine cannot be had here; the injected file system describes one.
        var files = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { @"C:\Program Files\Go\bin\go.exe" };
        var variables = new Dictionary<string, string> { ["PATH"] = @"C:\Windows\system32;""C:\Program Files\Go\bin"";" };
        var machine = new GoLocatorEnvironment(n => variables.GetValueOrDefault(n), files.Contains, _ => false, isWindows: true);

        var location = new GoExecutableLocator(machine).Locate();

        Assert.Equal(@"C:\Program Files\Go\bin\go.exe", location.ExecutablePath);
        Assert.Equal([@"C:\Windows\system32\go.exe", @"C:\Program Files\Go\bin\go.exe"], location.Tried);
    }

    private static readonly string GoName = OperatingSystem.IsWindows() ? "go.exe" : "go";

    // The real file system (temp folders) with GOROOT and PATH set by the test instead of the process.
    private static GoLocatorEnvironment Local(string goroot, string path)
    {
        var variables = new Dictionary<string, string> { ["GOROOT"] = goroot, ["PATH"] = path };
        return new GoLocatorEnvironment(n => variables.GetValueOrDefault(n), File.Exists, Directory.Exists, OperatingSystem.IsWindows());
    }

    private static string MakeGo(string folder)
    {
        Directory.CreateDirectory(folder);
        var go = Path.Combine(folder, GoName);
        File.WriteAllText(go, string.Empty);
        return go;
    }
}
