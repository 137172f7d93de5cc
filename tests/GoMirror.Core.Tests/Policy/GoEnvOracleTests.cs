using System.Text.Json;
using GoMirror.Core.Policy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

/// <summary>Our resolution must equal what <c>go env -json</c> reports for the same environment and env file.</summary>
public class GoEnvOracleTests
{
    private static readonly string[] Compared = ["GOPROXY", "GONOPROXY", "GONOSUMDB", "GOPRIVATE", "GOSUMDB", "GOFLAGS", "GOMODCACHE", "GOINSECURE", "GOPATH"];

    public static readonly TheoryData<string, string?, string[]> Cases = new()
    {
        // name, env file content (null: no file), environment as NAME=VALUE
        { "defaults", null, [] },
        { "file only", "GOPROXY=https://file.example|direct\nGOPRIVATE=*.corp.example\nGOFLAGS=-mod=mod -modcacherw\n", [] },
        { "environment beats file", "GOPROXY=https://file.example\nGOSUMDB=off\n", ["GOPROXY=https://env.example,off", "GOSUMDB=sum.golang.google.cn"] },
        { "empty variable does not override file", "GOPROXY=https://file.example\nGOPRIVATE=corp.example\n", ["GOPROXY=", "GOPRIVATE="] },
        { "defaults from GOPRIVATE, one overridden", "GOPRIVATE=corp.example,github.com/acme\n", ["GONOPROXY=none"] },
        { "GOPATH list and GOINSECURE", "GOPATH=/srv/a/:/srv/b\nGOINSECURE=legacy.example\n", [] },
        { "GOMODCACHE wins over GOPATH", "GOMODCACHE=/srv/cache\n", ["GOPATH=/srv/gopath"] },
        { "last duplicate line wins, odd lines ignored", "GOPROXY=https://first.example\n# GOPROXY=https://comment.example\ngoproxy=https://lower.example\nGOPROXY=https://last.example\nGONOSUMDB\n", [] },
        { "carriage return kept as Go keeps it", "GOINSECURE=crlf.example\r\nGOFLAGS=-mod=mod\r\n", [] },
        { "empty line in file falls back to default", "GOPROXY=\nGOSUMDB=\n", [] },
        { "GOENV off ignores the file", "GOPROXY=https://file.example\n", ["GOENV=off"] },
        { "env file found under XDG_CONFIG_HOME", "xdg:GOPROXY=https://xdg.example\nGOPRIVATE=xdg.example\n", ["GOENV="] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolution_equals_go_env(string name, string? envFile, string[] environment)
    {
        GoToolchain.Require();
        using var temp = new TempDirectory();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // What GoToolchain.Run gives every go process, so both sides see the same environment.
            ["GOFLAGS"] = string.Empty,
            ["GOTOOLCHAIN"] = "local",
            ["HOME"] = temp.Combine("home"),
            ["GOENV"] = temp.Combine("go.env"),
        };
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

        var policy = GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, variables));
        var go = GoToolchain.Run(temp.Path, variables, ["env", "-json", .. Compared]).AssertSuccess();
        using var json = JsonDocument.Parse(go.Stdout);
        var ours = policy.ToGoEnvironment();
        foreach (var variable in Compared)
        {
            Assert.True(
                json.RootElement.GetProperty(variable).GetString() == ours[variable],
                $"{name}: {variable} is '{json.RootElement.GetProperty(variable).GetString()}' for Go, '{ours[variable]}' for us");
        }
    }
}
