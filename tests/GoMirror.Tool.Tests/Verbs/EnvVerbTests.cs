using System.Text.Json;
using GoMirror.Testing;
using GoMirror.Tool.Tests.Infrastructure;

namespace GoMirror.Tool.Tests.Verbs;

/// <summary>
/// <c>gomirror env</c> through the installed tool, its output run by the real shell and read back: every value
/// must arrive byte for byte, commas, pipes, spaces, <c>%</c>, <c>!</c>, <c>$</c>, backticks and quotes included.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class EnvVerbTests(InstalledTool tool)
{
    // The policy as the environment sets it; all valid for Go, all awkward for a shell.
    private static readonly Dictionary<string, string> Policy = new()
    {
        ["GOPROXY"] = "https://a.example/x,https://b.example|direct",
        ["GOPRIVATE"] = "*.corp.example,it's.example/%x%!y!/$HOME/`id`/\"q\"",
        ["GOFLAGS"] = "-mod=mod -tags=a,b",
        ["GOINSECURE"] = "insecure.example/a b",
        ["GOSUMDB"] = "sum.golang.org",
    };

    [Fact]
    public void Bash_evals_the_output_and_gets_every_value_back()
    {
        var scenario = new GoScenario(tool);
        var environment = scenario.Environment(WithModCache(scenario));
        var run = tool.Run(scenario.Folder, environment, "env", "--shell", "bash");
        Assert.True(run.ExitCode == 0, run.ToString());

        var script = Path.Combine(scenario.Folder, "policy.sh");
        File.WriteAllText(script, run.Stdout);
        var readBack = ChildProcess.Run(
            "bash",
            ["-c", "eval \"$(cat \"$1\")\"; for v in GOPROXY GOPRIVATE GONOPROXY GONOSUMDB GOSUMDB GOINSECURE GOFLAGS GOMODCACHE; do printf '%s=%s\\n' \"$v\" \"${!v}\"; done", "bash", script],
            scenario.Folder,
            ChildProcess.CleanEnvironment());
        Assert.True(readBack.ExitCode == 0, readBack.Output);
        AssertSameValues(WithModCache(scenario), readBack.Output);
    }

    [Fact]
    public void Pwsh_runs_the_output_and_gets_every_value_back()
    {
        var pwsh = PowerShell.Require();
        var scenario = new GoScenario(tool);
        var environment = scenario.Environment(WithModCache(scenario));
        var run = tool.Run(scenario.Folder, environment, "env", "--shell", "pwsh");
        Assert.True(run.ExitCode == 0, run.ToString());

        var script = Path.Combine(scenario.Folder, "policy.ps1");
        File.WriteAllText(script, run.Stdout);
        var readBack = ChildProcess.Run(
            pwsh,
            ["-NoProfile", "-NonInteractive", "-Command", $". '{script}'; foreach ($v in 'GOPROXY','GOPRIVATE','GONOPROXY','GONOSUMDB','GOSUMDB','GOINSECURE','GOFLAGS','GOMODCACHE') {{ [Console]::Out.Write($v + '=' + [Environment]::GetEnvironmentVariable($v) + \"`n\") }}"],
            scenario.Folder,
            ChildProcess.CleanEnvironment());
        Assert.True(readBack.ExitCode == 0, readBack.Output);
        AssertSameValues(WithModCache(scenario), readBack.Output);
    }

    [Fact]
    public void Go_form_written_by_go_env_w_is_read_back_by_go()
    {
        var go = GoToolchain.Require();
        var scenario = new GoScenario(tool);
        // GOTOOLCHAIN unset (empty): its default is not printed, so the line works with Go 1.19, which refuses the name.
        var environment = scenario.Environment(new Dictionary<string, string>(WithModCache(scenario)) { ["GOTOOLCHAIN"] = string.Empty });
        var run = tool.Run(scenario.Folder, environment, "env", "--shell", "go");
        Assert.DoesNotContain("GOTOOLCHAIN", run.Stdout, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("go env -w ", run.Stdout, StringComparison.Ordinal);

        // Go writes its env file from the line, with nothing of the policy in its environment; then says what it reads.
        var envFile = Path.Combine(scenario.Folder, "go-env");
        var goEnvironment = ChildProcess.CleanEnvironment(new Dictionary<string, string>
        {
            ["GOENV"] = envFile,
            ["GOTOOLCHAIN"] = "local",
            ["PATH"] = Path.GetDirectoryName(go) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        });
        var write = ChildProcess.Run("bash", ["-c", run.Stdout], scenario.Folder, goEnvironment);
        Assert.True(write.ExitCode == 0, write.Output);
        var read = ChildProcess.Run(go, ["env", "-json", .. Policy.Keys, "GOMODCACHE"], scenario.Folder, goEnvironment);
        Assert.True(read.ExitCode == 0, read.Output);
        using var json = JsonDocument.Parse(read.Output);
        foreach (var (name, value) in WithModCache(scenario))
        {
            Assert.Equal(value, json.RootElement.GetProperty(name).GetString());
        }
    }

    [Fact]
    public void A_credential_in_GOPROXY_is_refused_unless_asked_for_and_nothing_is_printed()
    {
        var scenario = new GoScenario(tool);
        var environment = scenario.Environment(new Dictionary<string, string> { ["GOPROXY"] = "https://user:s3cret-token@mirror.example/go" });
        var refused = tool.Run(scenario.Folder, environment, "env");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(string.Empty, refused.Stdout);
        Assert.Contains("GOMIRROR1403", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-token", refused.Stderr, StringComparison.Ordinal);

        var asked = tool.Run(scenario.Folder, environment, "env", "--include-credentials");
        Assert.True(asked.ExitCode == 0, asked.ToString());
        Assert.Contains("export GOPROXY='https://user:s3cret-token@mirror.example/go'", asked.Stdout, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> WithModCache(GoScenario scenario) =>
        new(Policy) { ["GOMODCACHE"] = Path.Combine(scenario.Folder, "mod cache") };

    // GONOPROXY and GONOSUMDB are left to Go to derive from GOPRIVATE, so the shell has them unset.
    private static void AssertSameValues(IReadOnlyDictionary<string, string> expected, string readBack)
    {
        var values = readBack.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        foreach (var (name, value) in expected)
        {
            Assert.Equal(value, values[name]);
        }

        Assert.Equal(string.Empty, values["GONOPROXY"]);
        Assert.Equal(string.Empty, values["GONOSUMDB"]);
    }
}
