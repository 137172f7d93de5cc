using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoCommand;
using GoMirror.Core.GoMod;
using GoMirror.Core.Policy;
using GoMirror.Core.Toolchain;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Toolchain;

// Go is the oracle: the prediction must name the toolchain 'go env GOVERSION' reports, or fail where Go fails, in
// folders whose go/toolchain lines and GOTOOLCHAIN need no download. A switch runs a toolchain found on PATH under
// its name (a link named go1.23.5 to an installed Go 1.23.5), which Go 1.21+ tries before any download; GOPROXY=off
// makes a wrong guess that Go would download fail loudly instead of reaching a network.
public class ToolchainSelectionOracleTests
{
    private static readonly OracleCase[] Cases =
    [
        new("auto with an older go line runs the Go found", "auto", Files("go.mod", "module example.com/m\ngo 1.20\n"), [], "Local", "Local"),
        new("local ignores a newer toolchain line", "local", Files("go.mod", "module example.com/m\ngo 1.21.0\ntoolchain go1.23.5\n"), ["go1.23.5=1.23"], "Local", "Local"),
        new("auto runs a newer toolchain line's Go from PATH", "auto", Files("go.mod", "module example.com/m\ngo 1.21.0\ntoolchain go1.23.5\n"), ["go1.23.5=1.23"], "Path", "Local"),
        new("path runs a newer go line's Go from PATH", "path", Files("go.mod", "module example.com/m\ngo 1.23.5\n"), ["go1.23.5=1.23"], "Path", "Local"),
        new("a fixed GOTOOLCHAIN runs an older Go from PATH", "go1.21.13", Files("go.mod", "module example.com/m\ngo 1.21.0\n"), ["go1.21.13=1.21"], "Local", "Path"),
        new("name+auto still takes a newer toolchain line", "go1.21.13+auto", Files("go.mod", "module example.com/m\ngo 1.21.0\ntoolchain go1.23.5\n"), ["go1.21.13=1.21", "go1.23.5=1.23"], "Path", "Local"),
        new("toolchain default keeps GOTOOLCHAIN's minimum", "go1.23.5+auto", Files("go.mod", "module example.com/m\ngo 1.21.0\ntoolchain default\n"), ["go1.23.5=1.23"], "Path", "Local"),
        new("a workspace's go line decides", "auto", Files("go.work", "go 1.23.5\n\nuse ./m\n", "m/go.mod", "module example.com/m\ngo 1.21.0\n"), ["go1.23.5=1.23"], "Path", "Local"),
        new("a module inside an unnamed workspace follows the go.work", "auto", Files("go.work", "go 1.23.5\n\nuse ./m\n", "m/go.mod", "module example.com/m\ngo 1.21.0\n"), ["go1.23.5=1.23"], "Path", "Local", Component: "m"),
        new("a language version go line asks for its .0 release", "path", Files("go.mod", "module example.com/m\ngo 1.23\n"), [], "Fail", "Local", GoWords: "cannot find \"go1.23.0\" in PATH"),
        new("path with the toolchain missing from PATH", "path", Files("go.mod", "module example.com/m\ngo 1.24.0\n"), [], "Fail", "Fail", GoWords: "cannot find \"go1.24.0\" in PATH"),
        new("a malformed GOTOOLCHAIN", "1.23", Files("go.mod", "module example.com/m\ngo 1.21.0\n"), [], "Fail", "Fail", GoWords: "invalid GOTOOLCHAIN \"1.23\""),
        new("an invalid toolchain line", "auto", Files("go.mod", "module example.com/m\ngo 1.21.0\ntoolchain 1.23.5\n"), [], "Fail", "Fail", GoWords: "invalid toolchain \"1.23.5\" in"),
        new("local with a newer go line", "local", Files("go.mod", "module example.com/m\ngo 1.24.0\n"), [], "Fail", "Fail", GoWords: "requires go >= 1.24.0 (running go {local}; GOTOOLCHAIN=local)"),
        new("a fixed toolchain older than the go line", "go1.21.13", Files("go.mod", "module example.com/m\ngo 1.23.5\n"), ["go1.21.13=1.21"], "Fail", "Fail", GoWords: "requires go >= 1.23.5 (running go 1.21.13; GOTOOLCHAIN=go1.21.13)"),
    ];

    public static TheoryData<string, string> CasesOnGo121AndLater
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var oracle in Cases)
            {
                foreach (var go in GoVersions.Expected.Where(v => GoVersions.Compare(v, "1.21") >= 0))
                {
                    data.Add(oracle.Name, go);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CasesOnGo121AndLater))]
    public async Task Prediction_equals_the_Go_that_runs(string name, string go)
    {
        using var selected = GoVersions.Use(go);
        var oracle = Cases.Single(c => c.Name == name);
        var found = GoToolchain.Require();
        using var temp = new TempDirectory("gomirror-tcsel");
        var root = temp.Combine("repo");
        foreach (var (file, content) in oracle.Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
            File.WriteAllText(Path.Combine(root, file), content);
        }

        var bin = Directory.CreateDirectory(temp.Combine("bin")).FullName;
        foreach (var link in oracle.Links)
        {
            var (toolchain, release) = (link[..link.IndexOf('=', StringComparison.Ordinal)], link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            File.CreateSymbolicLink(Path.Combine(bin, toolchain), GoVersions.Require(release));
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GOTOOLCHAIN"] = oracle.GoToolchain,
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["GOPROXY"] = "off",
            ["GOFLAGS"] = string.Empty,
            ["GOENV"] = "off",
            ["HOME"] = temp.Combine("home"),
            ["GOPATH"] = temp.Combine("gopath"),
            ["GOMODCACHE"] = temp.Combine("modcache"),
        };
        var diagnostics = new DiagnosticBag();
        var component = GoComponent.Load(Path.Combine(root, oracle.Component), diagnostics)!;
        var info = (await GoToolchainInspector.Shared.GetInfoAsync(found, diagnostics, TestContext.Current.CancellationToken))!;
        var policy = GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, environment) { GoRoot = GoRootFinder.OfExecutable(found) });
        var goEnvironment = new Dictionary<string, string>(policy.ToGoEnvironment(), StringComparer.Ordinal) { ["PATH"] = environment["PATH"] };

        var choice = ToolchainSelector.Select(component, policy, info, goEnvironment);

        var expected = go switch
        {
            "1.21" => oracle.On121,
            "1.23" => oracle.On123,
            _ => null,
        };
        var folder = component.Directory;
        if (choice.Fails)
        {
            // Go stops before the command does anything: 'go mod download' (the engine's command) says why.
            var run = GoToolchain.RunGo(found, folder, environment, "mod", "download");
            var words = (oracle.GoWords ?? string.Empty).Replace("{local}", info.Version.Text[2..], StringComparison.Ordinal);
            Assert.True(run.ExitCode != 0, $"we predicted a failure ({string.Join("; ", choice.Diagnostics)}), but go mod download succeeded:\n{run.Stderr}");
            Assert.Contains(words, run.Stderr, StringComparison.Ordinal);
            Assert.Contains(choice.Diagnostics, d => d.IsError && d.Message.Contains(words, StringComparison.Ordinal));
            Assert.True(expected is null or "Fail", $"expected {expected} on Go {go}, predicted a failure: {string.Join("; ", choice.Diagnostics)}");
            return;
        }

        var goVersion = GoToolchain.RunGo(found, folder, environment, "env", "GOVERSION").AssertSuccess().Stdout.Trim();
        Assert.Equal(goVersion, choice.Toolchain);
        Assert.True(expected is null || expected == choice.Kind.ToString(), $"expected {expected} on Go {go}, predicted {choice.Describe()}");
        if (choice.Kind == ToolchainChoiceKind.Path)
        {
            Assert.Equal(Path.Combine(bin, choice.Toolchain), choice.Executable);
        }
        else
        {
            Assert.Equal(info.Version.Text, goVersion);
        }
    }

    private static (string File, string Content)[] Files(params string[] pairs) =>
        [.. pairs.Chunk(2).Select(p => (p[0], p[1]))];

    private sealed record OracleCase(string Name, string GoToolchain, (string File, string Content)[] Files, string[] Links, string On121, string On123, string Component = "", string? GoWords = null);
}
