using System.Text.Json;
using GoMirror.Tool.Tests.Infrastructure;

namespace GoMirror.Tool.Tests.Verbs;

/// <summary><c>--help</c>, <c>explain</c> and <c>check</c> through the installed tool: no network, no Go.</summary>
[Collection(InstalledToolCollection.Name)]
public sealed class PolicyVerbTests(InstalledTool tool)
{
    private static readonly string[] Verbs = ["env", "explain", "check", "probe", "prewarm", "report", "diff"];

    [Fact]
    public void Help_lists_every_verb_and_each_verb_has_its_own_help()
    {
        var folder = tool.NewFolder("help");
        var root = tool.Run(folder, null, "--help");
        Assert.True(root.ExitCode == 0, root.ToString());
        Assert.Contains("Exit codes:", root.Stdout, StringComparison.Ordinal);
        foreach (var verb in Verbs)
        {
            Assert.Contains("  " + verb, root.Stdout, StringComparison.Ordinal);
            var help = tool.Run(folder, null, verb, "--help");
            Assert.True(help.ExitCode == 0, help.ToString());
            Assert.Contains("gomirror " + verb, help.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_wrong_command_line_exits_2_with_GOMIRROR1400()
    {
        var run = tool.Run(tool.NewFolder("usage"), null, "env", "--shell", "tcsh");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error GOMIRROR1400", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Explain_says_the_environment_beats_go_env_w_and_names_the_env_file_line()
    {
        var scenario = new GoScenario(tool);
        var envFile = Path.Combine(scenario.Folder, "config", "go", "env");
        Directory.CreateDirectory(Path.GetDirectoryName(envFile)!);
        File.WriteAllText(envFile, "GOFLAGS=-mod=mod\nGOPROXY=https://from-go-env-w.example\n");
        // GOENV names the file: the tool runs hermetically (GOENV=off unless a test says otherwise).
        var environment = scenario.Environment(new Dictionary<string, string> { ["GOPROXY"] = "https://from-environment.example", ["GONOPROXY"] = "corp.example", ["GOENV"] = envFile });

        var run = tool.Run(scenario.Folder, environment, "explain", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(envFile, json.RootElement.GetProperty("envFile").GetString());
        var variables = json.RootElement.GetProperty("variables").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);

        var proxy = variables["GOPROXY"];
        Assert.Equal("https://from-environment.example", proxy.GetProperty("value").GetString());
        Assert.Equal("environment", proxy.GetProperty("source").GetString());
        var lost = Assert.Single(proxy.GetProperty("overridden").EnumerateArray());
        Assert.Equal("https://from-go-env-w.example", lost.GetProperty("value").GetString());
        Assert.Equal("envFile", lost.GetProperty("source").GetString());
        Assert.Equal(envFile, lost.GetProperty("file").GetString());
        Assert.Equal(2, lost.GetProperty("line").GetInt32());

        Assert.Equal("envFile", variables["GOFLAGS"].GetProperty("source").GetString());
        Assert.Equal("default", variables["GOSUMDB"].GetProperty("source").GetString());
        Assert.Equal(10, variables.Count);

        // GONOPROXY without GONOSUMDB: the policy check's warning comes with the explanation.
        Assert.Contains(json.RootElement.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == "GOMIRROR0013");

        var text = tool.Run(scenario.Folder, environment, "explain");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("overrides https://from-go-env-w.example from Go env file", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning GOMIRROR0013", text.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GOPROXY", "ftp://mirror.example", "GOMIRROR0002")]
    [InlineData("GOPROXY", ",", "GOMIRROR0001")]
    [InlineData("GOSUMDB", "sum.example.com+deadbeef", "GOMIRROR0008")]
    [InlineData("GOFLAGS", "mod=mod", "GOMIRROR0016")]
    [InlineData("GOMODCACHE", "relative/cache", "GOMIRROR0011")]
    public void Check_of_a_malformed_policy_exits_1_with_the_code(string variable, string value, string code)
    {
        var scenario = new GoScenario(tool);
        scenario.CreateGoModOnly();
        var environment = scenario.Environment(new Dictionary<string, string> { [variable] = value });

        var run = tool.Run(scenario.Folder, environment, "check", scenario.Component);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"environment variable {variable}: error {code}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"docs/errors/{code}.md", run.Stdout, StringComparison.Ordinal);

        var json = tool.Run(scenario.Folder, environment, "check", scenario.Component, "--json");
        Assert.Equal(1, json.ExitCode);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.False(document.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Contains(document.RootElement.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("code").GetString() == code && d.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public void Check_of_a_repository_finds_its_components_and_passes_a_sound_policy()
    {
        var scenario = new GoScenario(tool);
        scenario.CreateGoModOnly();
        var run = tool.Run(scenario.Folder, scenario.Environment(), "check", scenario.Folder, "--proxy", "https://mirror.example|https://proxy.golang.org,direct");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("gomirror check: 1 component, 0 errors", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_a_path_without_go_mod_exits_2_with_GOMIRROR1401()
    {
        var folder = tool.NewFolder("empty");
        var run = tool.Run(folder, null, "check", folder);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error GOMIRROR1401", run.Stderr, StringComparison.Ordinal);
    }
}
