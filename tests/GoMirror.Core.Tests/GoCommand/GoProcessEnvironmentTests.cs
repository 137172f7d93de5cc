using GoMirror.Core.GoCommand;

namespace GoMirror.Core.Tests.GoCommand;

public class GoProcessEnvironmentTests
{
    // The ambient environment of a CI runner, injected so the test does not depend on the real one.
    private static readonly Dictionary<string, string> Runner = new()
    {
        ["PATH"] = "/usr/bin",
        ["HOME"] = "/home/ci",
        ["TMPDIR"] = "/tmp/ci",
        ["GOFLAGS"] = "-mod=mod",
        ["GOPROXY"] = "https://leaky.example",
        ["HTTPS_PROXY"] = "http://proxy.corp:3128",
        ["NO_PROXY"] = "localhost",
        ["AWS_SECRET_ACCESS_KEY"] = "nope",
    };

    [Fact]
    public void Only_startup_variables_come_from_the_ambient_environment()
    {
        var env = GoProcessEnvironment.Build(new Dictionary<string, string> { ["GOMODCACHE"] = "/c" }, passProxyVariables: false, Runner.GetValueOrDefault, isWindows: false);

        Assert.Equal(
            new Dictionary<string, string> { ["GOENV"] = "off", ["GOMODCACHE"] = "/c", ["HOME"] = "/home/ci", ["PATH"] = "/usr/bin", ["TMPDIR"] = "/tmp/ci" },
            env);
    }

    [Fact]
    public void Proxy_variables_pass_only_when_asked_and_the_caller_wins()
    {
        var env = GoProcessEnvironment.Build(new Dictionary<string, string> { ["GOENV"] = "/etc/go.env", ["PATH"] = "/opt/go/bin" }, passProxyVariables: true, Runner.GetValueOrDefault, isWindows: false);

        Assert.Equal("http://proxy.corp:3128", env["HTTPS_PROXY"]);
        Assert.Equal("localhost", env["NO_PROXY"]);
        Assert.Equal("/etc/go.env", env["GOENV"]);
        Assert.Equal("/opt/go/bin", env["PATH"]);
        Assert.False(env.ContainsKey("GOFLAGS") || env.ContainsKey("GOPROXY") || env.ContainsKey("AWS_SECRET_ACCESS_KEY"));
    }

    [Fact]
    public void Windows_passes_SystemRoot_and_USERPROFILE()
    {
        var ambient = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Path"] = @"C:\Go\bin", ["SystemRoot"] = @"C:\Windows", ["USERPROFILE"] = @"C:\Users\ci", ["TEMP"] = @"C:\t" };

        var env = GoProcessEnvironment.Build(new Dictionary<string, string>(), passProxyVariables: false, ambient.GetValueOrDefault, isWindows: true);

        Assert.Equal(@"C:\Windows", env["SYSTEMROOT"]);
        Assert.Equal(@"C:\Go\bin", env["PATH"]);
        Assert.Equal(@"C:\Users\ci", env["USERPROFILE"]);
        Assert.Equal(@"C:\t", env["TEMP"]);
    }

    [Fact]
    public void The_command_line_quotes_for_the_shell_and_masks_credentials()
    {
        var env = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["GOPROXY"] = "https://u:tok3n@mirror.example", ["GONOSUMDB"] = "it's" };

        var posix = GoCommandLine.Format("/usr/bin/go", ["mod", "download", "-json"], "/work/my module", env, forWindows: false);
        var cmd = GoCommandLine.Format(@"C:\Program Files\Go\bin\go.exe", ["mod", "download"], @"C:\src", env, forWindows: true);

        Assert.Equal("cd '/work/my module' && env -i 'GONOSUMDB=it'\\''s' GOPROXY=https://***@mirror.example /usr/bin/go mod download -json", posix);
        Assert.Equal(@"cd /d C:\src && set ""GONOSUMDB=it's"" && set ""GOPROXY=https://***@mirror.example"" && ""C:\Program Files\Go\bin\go.exe"" mod download", cmd);
    }
}
