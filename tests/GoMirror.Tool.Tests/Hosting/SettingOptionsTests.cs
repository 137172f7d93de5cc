using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Core.Settings;
using GoMirror.Tool.Hosting;
using GoMirror.Tool.Output;

namespace GoMirror.Tool.Tests.Hosting;

/// <summary>Every row of the settings table reaches the engine through its command-line option, by name.</summary>
public sealed class SettingOptionsTests
{
    [Fact]
    public void Every_table_row_has_its_option_and_its_value_reaches_the_engine_options()
    {
        var context = Context(new Dictionary<string, string>());
        var command = Commands.ReportCommand.Create(context);
        var arguments = new List<string> { "go.mod" };
        foreach (var setting in SettingTable.All)
        {
            arguments.Add(setting.CliOption);
            if (!IsFlag(setting))
            {
                arguments.Add(SampleValue(setting));
            }
        }

        var parse = command.Parse(arguments);
        Assert.Empty(parse.Errors);
        var problems = new List<Diagnostic>();
        var options = context.EngineOptions(parse, [], problems);
        Assert.Empty(problems);

        foreach (var setting in SettingTable.All)
        {
            if (setting.GoVariable is { } go)
            {
                var explicitSetting = Assert.Single(options.PolicySettings, s => s.Name == go);
                Assert.Equal(SampleValue(setting), explicitSetting.Value);
                Assert.Equal("command-line option " + setting.CliOption, explicitSetting.Location.Description);
            }
            else
            {
                var value = typeof(GoMirrorOptions).GetProperty(setting.OptionName!)!.GetValue(options);
                var expected = IsFlag(setting) ? (object)true
                    : value is int ? 7
                    : value is string text && Path.IsPathFullyQualified(text) && !Path.IsPathFullyQualified(SampleValue(setting)) ? Path.GetFullPath(SampleValue(setting))
                    : SampleValue(setting);
                Assert.True(Equals(expected, value), $"{setting.CliOption}: expected {expected}, the engine got {value}");
            }
        }
    }

    [Fact]
    public void A_value_that_does_not_parse_is_the_engines_invalid_option_code()
    {
        var context = Context(new Dictionary<string, string>());
        var parse = Commands.PrewarmCommand.Create(context).Parse(["go.mod", "--max-parallel", "many"]);
        var problems = new List<Diagnostic>();
        context.EngineOptions(parse, [], problems);
        Assert.Equal(EngineDiagnostics.InvalidOption.Code, Assert.Single(problems).Code);
    }

    [Fact]
    public void Policy_verbs_take_only_the_Go_variables()
    {
        var command = Commands.ExplainCommand.Create(Context(new Dictionary<string, string>()));
        var names = command.Options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(SettingTable.All.Where(s => s.IsPolicy), s => Assert.Contains(s.CliOption, names));
        Assert.DoesNotContain(SettingTable.All.Single(s => s.OptionName == nameof(GoMirrorOptions.Offline)).CliOption, names);
    }

    [Fact]
    public void An_explicit_option_wins_over_the_environment_in_the_engines_resolution()
    {
        var host = new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string> { ["GOPROXY"] = "https://env.example", ["HOME"] = "/home/u" });
        var context = new CliContext(new ToolConsole(TextWriter.Null, TextWriter.Null, host, false, false));
        var parse = Commands.ExplainCommand.Create(context).Parse(["--proxy", "https://cli.example"]);
        var settings = context.Settings.PolicySettings(parse);
        var policy = GoMirrorPolicy.Resolve(host, settings);
        Assert.Equal("https://cli.example", policy.Proxy.Value);
        Assert.Equal(SettingSourceKind.Explicit, policy.Proxy.Kind);
        var explained = PolicyExplanation.Explain(policy, host, settings).Single(e => e.Effective.Name == "GOPROXY");
        Assert.Equal("https://env.example", Assert.Single(explained.Overridden).Value);
    }

    private static CliContext Context(Dictionary<string, string> environment) =>
        new(new ToolConsole(TextWriter.Null, TextWriter.Null, new GoPolicyHost(GoHostOS.Linux, environment), false, false));

    private static bool IsFlag(GoMirrorSetting setting) =>
        setting.OptionName is { } name && typeof(GoMirrorOptions).GetProperty(name)!.PropertyType == typeof(bool);

    private static string SampleValue(GoMirrorSetting setting) =>
        setting.OptionName is { } name && typeof(GoMirrorOptions).GetProperty(name)!.PropertyType == typeof(int) ? "7" : "value-of-" + setting.CliOption.TrimStart('-');
}
