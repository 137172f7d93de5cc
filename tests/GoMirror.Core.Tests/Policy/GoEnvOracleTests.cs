using System.Text.Json;
using GoMirror.Core.GoCommand;
using GoMirror.Core.Policy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

/// <summary>
/// Our resolution must equal what <c>go env -json</c> of each Go release reports for the same environment, env
/// file and GOROOT. Where releases differ on purpose (Go 1.21 added <c>$GOROOT/go.env</c> and GOTOOLCHAIN), the
/// resolution follows the release whose GOROOT it is given, and the case says which behaviour is whose.
/// </summary>
public class GoEnvOracleTests
{
    private static readonly string[] Compared = ["GOPROXY", "GONOPROXY", "GONOSUMDB", "GOPRIVATE", "GOSUMDB", "GOFLAGS", "GOMODCACHE", "GOINSECURE", "GOPATH", "GOTOOLCHAIN"];

    // "goroot:" in the env file column: the text is a $GOROOT/go.env of a packager (GOROOT points at it).
    private static readonly (string Name, string? EnvFile, string[] Environment)[] Cases =
    [
        // name, env file content (null: no file), environment as NAME=VALUE
        ("defaults", null, []),
        ("file only", "GOPROXY=https://file.example|direct\nGOPRIVATE=*.corp.example\nGOFLAGS=-mod=mod -modcacherw\n", []),
        ("environment beats file", "GOPROXY=https://file.example\nGOSUMDB=off\n", ["GOPROXY=https://env.example,off", "GOSUMDB=sum.golang.google.cn"]),
        ("empty variable does not override file", "GOPROXY=https://file.example\nGOPRIVATE=corp.example\n", ["GOPROXY=", "GOPRIVATE="]),
        ("defaults from GOPRIVATE, one overridden", "GOPRIVATE=corp.example,github.com/acme\n", ["GONOPROXY=none"]),
        ("GOPATH list and GOINSECURE", "GOPATH=/srv/a/:/srv/b\nGOINSECURE=legacy.example\n", []),
        ("GOMODCACHE wins over GOPATH", "GOMODCACHE=/srv/cache\n", ["GOPATH=/srv/gopath"]),
        ("last duplicate line wins, odd lines ignored", "GOPROXY=https://first.example\n# GOPROXY=https://comment.example\ngoproxy=https://lower.example\nGOPROXY=https://last.example\nGONOSUMDB\n", []),
        ("carriage return kept as Go keeps it", "GOINSECURE=crlf.example\r\nGOFLAGS=-mod=mod\r\n", []),
        ("empty line in file: the default on 1.19, empty on 1.21+ (it hides go.env)", "GOPROXY=\nGOSUMDB=\n", []),
        ("GOENV off ignores the file", "GOPROXY=https://file.example\n", ["GOENV=off"]),
        ("env file found under XDG_CONFIG_HOME", "xdg:GOPROXY=https://xdg.example\nGOPRIVATE=xdg.example\n", ["GOENV="]),
        // Go 1.21+: GOTOOLCHAIN=auto from $GOROOT/go.env; Go 1.19 does not know the variable and shows it empty.
        ("GOTOOLCHAIN from go.env", null, ["GOTOOLCHAIN="]),
        ("GOTOOLCHAIN from the env file", "GOTOOLCHAIN=path\n", ["GOTOOLCHAIN="]),
        // Go 1.21+: an empty line hides go.env's GOPROXY/GOSUMDB/GOTOOLCHAIN, and Go is left with the empty string.
        ("empty GOTOOLCHAIN line hides go.env", "GOTOOLCHAIN=\n", ["GOTOOLCHAIN="]),
    ];

    // Go 1.21+ only: Go 1.19 has no go.env and never reads one (Default_go_env_is_ignored_by_go_1_19 shows it).
    private static readonly (string Name, string? EnvFile, string[] Environment)[] GoRootCases =
    [
        ("packager's go.env gives the defaults", "goroot:# packaged\nGOPROXY=https://corp.example|direct\nGOSUMDB=off\nGOPRIVATE=*.corp.example\nGOTOOLCHAIN=local\n", ["GOTOOLCHAIN="]),
        ("user env file beats go.env", "goroot:GOPROXY=https://corp.example\nGOFLAGS=-mod=mod\n|GOPROXY=https://user.example\n", []),
        ("go.env without GOPROXY leaves it empty", "goroot:GOSUMDB=sum.golang.org\n", []),
    ];

    public static TheoryData<string, string?, string[], string> OnEveryGo
    {
        get
        {
            var data = new TheoryData<string, string?, string[], string>();
            foreach (var (name, file, environment) in Cases)
            {
                foreach (var go in GoVersions.Expected)
                {
                    data.Add(name, file, environment, go);
                }
            }

            foreach (var (name, file, environment) in GoRootCases)
            {
                foreach (var go in GoVersions.Expected.Where(v => GoVersions.Compare(v, "1.21") >= 0))
                {
                    data.Add(name, file, environment, go);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(OnEveryGo))]
    public void Resolution_equals_go_env(string name, string? envFile, string[] environment, string go)
    {
        using var selected = GoVersions.Use(go);
        using var temp = new TempDirectory();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // What GoToolchain.Run gives every go process, so both sides see the same environment.
            ["GOFLAGS"] = string.Empty,
            ["GOTOOLCHAIN"] = "local",
            ["HOME"] = temp.Combine("home"),
            ["GOENV"] = temp.Combine("go.env"),
        };
        var goRoot = GoRootFinder.OfExecutable(GoToolchain.Require());
        if (envFile is not null && envFile.StartsWith("goroot:", StringComparison.Ordinal))
        {
            // A GOROOT of our own whose go.env Go reads (findGOROOT takes $GOROOT as it is).
            var parts = envFile["goroot:".Length..].Split('|');
            goRoot = temp.Combine("goroot");
            Directory.CreateDirectory(goRoot);
            File.WriteAllText(Path.Combine(goRoot, "go.env"), parts[0]);
            variables["GOROOT"] = goRoot;
            envFile = parts.Length > 1 ? parts[1] : null;
        }

        if (envFile is not null)
        {
            var path = variables["GOENV"];
            if (envFile.StartsWith("xdg:", StringComparison.Ordinal))
            {
                variables["XDG_CONFIG_HOME"] = temp.Combine("xdg");
                path = temp.Combine("xdg", "go", "env");
                envFile = envFile[4..];
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, envFile);
        }

        foreach (var assignment in environment)
        {
            var (key, value) = (assignment[..assignment.IndexOf('=', StringComparison.Ordinal)], assignment[(assignment.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            variables[key] = value;
        }

        var policy = GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, variables) { GoRoot = goRoot });
        var run = GoToolchain.Run(temp.Path, variables, ["env", "-json", .. Compared]).AssertSuccess();
        using var json = JsonDocument.Parse(run.Stdout);
        var ours = policy.ToGoEnvironment();
        foreach (var variable in Compared)
        {
            var theirs = json.RootElement.GetProperty(variable).GetString();
            if (variable == "GOTOOLCHAIN" && GoVersions.Compare(go, "1.21") < 0)
            {
                // Go 1.19 does not know GOTOOLCHAIN: go env prints it empty whatever is set, and never switches.
                Assert.Equal(string.Empty, theirs);
                continue;
            }

            var value = ours.GetValueOrDefault(variable, string.Empty);
            Assert.True(theirs == value, $"{name} on Go {go}: {variable} is '{theirs}' for Go, '{value}' for us");
        }

        // Where Go is left with an empty GOPROXY or GOSUMDB (only 1.21+), the policy says it cannot work.
        Assert.Equal(ours["GOPROXY"].Length == 0 || ours["GOSUMDB"].Length == 0, policy.HasErrors);
    }

    [Fact]
    public void Default_go_env_is_ignored_by_go_1_19()
    {
        using var selected = GoVersions.Use("1.19");
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("go.env"), "GOPROXY=https://corp.example\nGOSUMDB=off\n");
        var run = GoToolchain.Run(temp.Path, new Dictionary<string, string> { ["GOROOT"] = temp.Path, ["HOME"] = temp.Path }, "env", "-json", "GOPROXY", "GOSUMDB").AssertSuccess();
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(ProxyListParser.GoDefault, json.RootElement.GetProperty("GOPROXY").GetString());
        Assert.Equal(ChecksumDatabase.GoDefault, json.RootElement.GetProperty("GOSUMDB").GetString());
    }
}
