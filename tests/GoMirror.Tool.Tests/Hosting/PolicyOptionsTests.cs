using GoMirror.Core.Policy;
using GoMirror.Tool.Hosting;
using GoMirror.Tool.Output;

namespace GoMirror.Tool.Tests.Hosting;

/// <summary>Every policy setting of the table reaches the engine through its command-line option, by name.</summary>
public sealed class PolicyOptionsTests
{
    [Fact]
    public void Every_policy_variable_has_an_option_and_its_value_becomes_the_engines_explicit_setting()
    {
        var context = new CliContext(new ToolConsole(TextWriter.Null, TextWriter.Null, new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string>()), false, false));
        var command = Commands.ExplainCommand.Create(context);
        var arguments = PolicyVariables.All.SelectMany(v => new[] { PolicyOptions.OptionName(v), "value-of-" + v.GoName }).ToArray();
        var parse = command.Parse(arguments);
        Assert.Empty(parse.Errors);

        var options = context.EngineOptions(parse, []);
        foreach (var variable in PolicyVariables.All)
        {
            var setting = Assert.Single(options.PolicySettings, s => s.Name == variable.GoName);
            Assert.Equal("value-of-" + variable.GoName, setting.Value);
            Assert.Equal("command-line option " + PolicyOptions.OptionName(variable), setting.Location.Description);
        }

        Assert.Equal(PolicyVariables.All.Count, options.PolicySettings.Count);
    }

    [Fact]
    public void Option_names_are_the_cake_settings_in_kebab_case()
    {
        Assert.Equal(
            ["--proxy", "--private", "--no-proxy", "--no-sum-db", "--sum-db", "--insecure", "--flags", "--mod-cache"],
            PolicyVariables.All.Select(PolicyOptions.OptionName));
    }

    [Fact]
    public void An_explicit_option_wins_over_the_environment_in_the_engines_resolution()
    {
        var host = new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string> { ["GOPROXY"] = "https://env.example", ["HOME"] = "/home/u" });
        var context = new CliContext(new ToolConsole(TextWriter.Null, TextWriter.Null, host, false, false));
        var parse = Commands.ExplainCommand.Create(context).Parse(["--proxy", "https://cli.example"]);
        var options = context.EngineOptions(parse, []);
        var policy = GoMirrorPolicy.Resolve(host, options.PolicySettings);
        Assert.Equal("https://cli.example", policy.Proxy.Value);
        Assert.Equal(SettingSourceKind.Explicit, policy.Proxy.Kind);
        var explained = PolicyExplanation.Explain(policy, host, options.PolicySettings).Single(e => e.Effective.Name == "GOPROXY");
        Assert.Equal("https://env.example", Assert.Single(explained.Overridden).Value);
    }
}
