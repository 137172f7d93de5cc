using System.Text.Json;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

/// <summary>
/// Go 1.21 and later take their defaults from the go.env of the GOROOT they run from. The engine and the hosts'
/// policy resolution must read the go.env of the Go they will run, found the way Go finds its GOROOT (a GOROOT
/// variable, else the folder above the executable), with no GOROOT handed in by the caller.
/// </summary>
public class GoRootDefaultsTests
{
    private static readonly string[] Compared = ["GOPROXY", "GOSUMDB", "GONOSUMDB"];

    /// <summary>How the test's GOROOT is reached: the GOROOT variable, a go copied into it, or a symbolic link
    /// into it (which Go resolves to the installed GOROOT on Linux, so its go.env does not count there).</summary>
    public static TheoryData<string, string> Cases => GoVersions.Cross(["variable", "copy", "link"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_policy_of_the_go_that_runs_reads_its_go_env(string reached, string go)
    {
        using var selected = GoVersions.Use(go);
        using var temp = new TempDirectory("gomirror-goroot");
        var withGoEnv = GoVersions.Compare(go, "1.21") >= 0;
        var root = PackagerGoRoot(temp, GoToolchain.Require(), copy: reached == "copy", withGoEnv);
        var variables = new Dictionary<string, string>
        {
            ["HOME"] = temp.Combine("home"),
            ["GOENV"] = "off",
            ["PATH"] = "/nonexistent",
        };
        if (reached == "variable")
        {
            // The executable is the real one; only the variable names our GOROOT, as Go honours it.
            variables["GOROOT"] = root;
        }

        var executable = reached == "variable" ? GoToolchain.Require() : Path.Combine(root, "bin", "go");
        var options = new GoMirrorOptions { Host = new GoPolicyHost(GoHostOS.Linux, variables), GoExecutable = executable };

        var resolved = GoMirrorPolicy.Resolve(options.Host, options).ToGoEnvironment();
        var run = GoToolchain.RunGo(executable, temp.Path, variables, ["env", "-json", .. Compared]).AssertSuccess();

        using var json = JsonDocument.Parse(run.Stdout);
        foreach (var variable in Compared)
        {
            Assert.Equal(json.RootElement.GetProperty(variable).GetString(), resolved[variable]);
        }

        // Go 1.19 compiles its defaults in (its GOROOT has no go.env); a link leads Go on Linux to the installed GOROOT.
        var ours = withGoEnv && !(reached == "link" && OperatingSystem.IsLinux());
        var expectedProxy = ours ? "https://goproxy.corp.example" : "https://proxy.golang.org,direct";
        Assert.Equal(expectedProxy, resolved["GOPROXY"]);
    }

    [Fact]
    public void The_engine_checks_the_policy_of_the_go_it_found()
    {
        using var selected = GoVersions.Use("1.23");
        using var temp = new TempDirectory("gomirror-goroot");
        var root = PackagerGoRoot(temp, GoToolchain.Require(), copy: true, withGoEnv: true);
        Directory.CreateDirectory(temp.Combine("svc"));
        File.WriteAllText(temp.Combine("svc", "go.mod"), "module example.com/svc\n\ngo 1.21\n");
        var options = new GoMirrorOptions
        {
            Host = new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string> { ["HOME"] = temp.Combine("home"), ["GOENV"] = "off", ["GOPATH"] = temp.Combine("gopath") }),
            GoExecutable = Path.Combine(root, "bin", "go"),
            GoModules = [temp.Combine("svc", "go.mod")],
        };

        using var engine = new GoMirrorEngine(options, new RecordingLog());
        var check = engine.CheckPolicy();

        Assert.Equal("https://goproxy.corp.example", check.Policy.Proxy.Value);
        Assert.Equal(Path.Combine(root, "go.env"), check.Policy.Proxy.Location.File);
        Assert.DoesNotContain(check.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>A GOROOT as a packager lays one out (bin/go, pkg/tool) whose go.env (for the releases that
    /// have one) names a corporate mirror; its go is a copy of the installed one or a symbolic link to it.</summary>
    private static string PackagerGoRoot(TempDirectory temp, string installedGo, bool copy, bool withGoEnv)
    {
        var root = temp.Combine("goroot");
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        Directory.CreateDirectory(Path.Combine(root, "pkg", "tool"));
        var go = Path.Combine(root, "bin", "go");
        if (copy)
        {
            File.Copy(new FileInfo(installedGo).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? installedGo, go);
        }
        else
        {
            File.CreateSymbolicLink(go, installedGo);
        }

        if (withGoEnv)
        {
            File.WriteAllText(Path.Combine(root, "go.env"), "GOPROXY=https://goproxy.corp.example\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=local\n");
        }

        return root;
    }
}
