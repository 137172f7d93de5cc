using System.Text.Json;
using GoMirror.Testing;
using GoMirror.Tool.Tests.Infrastructure;

namespace GoMirror.Tool.Tests.Verbs;

/// <summary>Routes and profiles through the installed tool: gomirror.json found above the component, its CI profile's
/// routes serving the pre-warm, and its errors with file, line and column.</summary>
[Collection(InstalledToolCollection.Name)]
public sealed class RoutingVerbTests(InstalledTool tool)
{
    [Fact]
    public void On_CI_the_policy_files_ci_profile_routes_the_prewarm_and_Go_accepts_the_cache_offline()
    {
        GoToolchain.Require();
        var scenario = new GoScenario(tool);
        scenario.CreateComponent();

        // GOPROXY (from the environment) is an empty proxy folder: only the ci profile's route can serve the modules.
        var empty = new ModuleProxyFolder(Path.Combine(scenario.Folder, "empty-proxy"));
        Directory.CreateDirectory(empty.Root);
        File.WriteAllText(Path.Combine(scenario.Folder, "gomirror.json"), $$"""
            {
              "ciProfile": "ci",
              "profiles": {
                "dev": {},
                "ci": { "routes": { "example.com/*": "{{scenario.Proxy.FileUrl}}" } }
              }
            }
            """);
        var environment = scenario.Environment(new Dictionary<string, string> { ["CI"] = "true", ["GOPROXY"] = empty.FileUrl, ["GONOSUMDB"] = "example.com" });

        var prewarm = tool.Run(scenario.Folder, environment, "prewarm", scenario.Component, "--json", "--modcache", scenario.ModCache);

        Assert.True(prewarm.ExitCode == 0, prewarm.ToString());
        using (var json = JsonDocument.Parse(prewarm.Stdout))
        {
            Assert.True(json.RootElement.GetProperty("succeeded").GetBoolean());
        }

        var offline = new Dictionary<string, string>(environment) { ["GOMODCACHE"] = scenario.ModCache, ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=mod", ["GOSUMDB"] = "off" };
        GoToolchain.Run(scenario.Component, offline, "mod", "download").AssertSuccess();
        Assert.Contains("all modules verified", GoToolchain.Run(scenario.Component, offline, "mod", "verify").AssertSuccess().Stdout, StringComparison.Ordinal);

        // Without CI the file's default (no profile, no routes) applies, and the empty GOPROXY cannot serve them.
        var local = tool.Run(scenario.Folder, new Dictionary<string, string>(environment) { ["CI"] = "false" }, "prewarm", scenario.Component, "--modcache", Path.Combine(scenario.Folder, "modcache-2"));
        Assert.True(local.ExitCode == 1, local.ToString());
    }

    [Fact]
    public void Explain_names_the_policy_file_the_profile_and_the_routes_and_what_the_command_line_overrode()
    {
        var scenario = new GoScenario(tool);
        scenario.CreateGoModOnly();
        var policyFile = Path.Combine(scenario.Folder, "gomirror.json");
        File.WriteAllText(policyFile, "{\n  \"profiles\": {\n    \"cn\": { \"go\": { \"GOPROXY\": \"https://goproxy.cn,direct\", \"GOFLAGS\": \"-mod=mod\" },\n      \"routes\": { \"git.corp.example/*\": \"https://athens.corp.example\" } }\n  }\n}\n");
        var environment = scenario.Environment(new Dictionary<string, string> { ["GOMIRROR_PROFILE"] = "cn" });

        var run = tool.Run(scenario.Component, environment, "explain", "--json", "--proxy", "https://cli.example", "--policy-file", policyFile);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal((policyFile, "cn", "GOMIRROR_PROFILE environment variable"), (root.GetProperty("policyFile").GetString(), root.GetProperty("profile").GetString(), root.GetProperty("profileSelectedBy").GetString()));
        var route = Assert.Single(root.GetProperty("routes").EnumerateArray());
        Assert.Equal(("git.corp.example/*", "https://athens.corp.example"), (route.GetProperty("pattern").GetString(), route.GetProperty("proxy").GetString()));
        var variables = root.GetProperty("variables").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        Assert.Equal(("-mod=mod", "policyFile", 3), (variables["GOFLAGS"].GetProperty("value").GetString(), variables["GOFLAGS"].GetProperty("source").GetString(), variables["GOFLAGS"].GetProperty("line").GetInt32()));
        var proxy = variables["GOPROXY"];
        Assert.Equal(("https://cli.example", "commandLine"), (proxy.GetProperty("value").GetString(), proxy.GetProperty("source").GetString()));
        var lost = Assert.Single(proxy.GetProperty("overridden").EnumerateArray());
        Assert.Equal(("https://goproxy.cn,direct", "policyFile"), (lost.GetProperty("value").GetString(), lost.GetProperty("source").GetString()));
    }

    [Fact]
    public void An_unknown_profile_and_a_malformed_route_exit_1_naming_the_file_line_and_column()
    {
        var scenario = new GoScenario(tool);
        scenario.CreateGoModOnly();
        var policyFile = Path.Combine(scenario.Folder, "gomirror.json");
        File.WriteAllText(policyFile, "{\n  \"profiles\": {\n    \"ci\": { \"routes\": { \"git.corp.example/*\": \"direct\" } }\n  }\n}\n");

        var unknown = tool.Run(scenario.Folder, scenario.Environment(), "check", scenario.Component, "--profile", "cn");
        var route = tool.Run(scenario.Folder, scenario.Environment(), "check", scenario.Component, "--profile", "ci");
        var cli = tool.Run(scenario.Folder, scenario.Environment(), "check", scenario.Component, "--policy-file", "none", "--routes", "git.corp.example/*=ftp://athens.corp.example");

        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.Contains($"{policyFile}(2,3): error GOMIRROR0022", unknown.Stdout, StringComparison.Ordinal);
        Assert.Contains("'cn'", unknown.Stdout, StringComparison.Ordinal);
        Assert.True(route.ExitCode == 1, route.ToString());
        Assert.Contains($"{policyFile}(3,25): error GOMIRROR0024", route.Stdout, StringComparison.Ordinal);
        Assert.True(cli.ExitCode == 1, cli.ToString());
        Assert.Contains("GoMirrorRoutes: error GOMIRROR0024", cli.Stdout, StringComparison.Ordinal);
    }
}
