using System.CommandLine;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Core.Settings;
using GoMirror.Tool.Hosting;
using GoMirror.Tool.Output;

namespace GoMirror.Tool.Tests.Hosting;

/// <summary>Every row of the settings table reaches the engine through its command-line option, by name.</summary>
public sealed class TableOptionsTests
{
    [Fact]
    public void Every_table_row_reaches_the_engine_options_through_its_cli_option()
    {
        var command = new Command("report");
        var table = new TableOptions(command, _ => true);
        var arguments = new List<string>();
        foreach (var row in SettingTable.All)
        {
            arguments.Add(row.CliOption);
            if (Property(row)?.PropertyType != typeof(bool))
            {
                arguments.Add(Value(row));
            }
        }

        var parse = command.Parse(arguments);
        Assert.Empty(parse.Errors);
        var problems = new List<Diagnostic>();
        var options = table.Apply(new GoMirrorOptions(), parse, problems);
        Assert.Empty(problems);
        foreach (var row in SettingTable.All)
        {
            if (row.GoVariable is { } go)
            {
                var setting = Assert.Single(options.PolicySettings, s => s.Name == go);
                Assert.Equal(Value(row), setting.Value);
                Assert.Equal("command-line option " + row.CliOption, setting.Location.Description);
                continue;
            }

            var property = Property(row)!;
            object expected = property.PropertyType == typeof(bool) ? true
                : property.PropertyType == typeof(int) ? 7
                : row.OptionName is nameof(GoMirrorOptions.GoExecutable) or nameof(GoMirrorOptions.ReportDirectory) or nameof(GoMirrorOptions.BaselineReport) ? Path.GetFullPath(Value(row))
                : Value(row);
            Assert.Equal(expected, property.GetValue(options));
        }

        Assert.Equal(SettingTable.All.Count(r => r.IsPolicy), options.PolicySettings.Count);
    }

    [Fact]
    public void The_report_verb_takes_every_row_and_the_policy_verbs_every_policy_row()
    {
        var context = new CliContext(new ToolConsole(TextWriter.Null, TextWriter.Null, new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string>()), false, false));
        var report = Commands.ReportCommand.Create(context).Options.Select(o => o.Name).ToHashSet();
        Assert.All(SettingTable.All, row => Assert.Contains(row.CliOption, report));
        foreach (var verb in new[] { Commands.EnvCommand.Create(context), Commands.ExplainCommand.Create(context), Commands.CheckCommand.Create(context), Commands.ProbeCommand.Create(context), Commands.PrewarmCommand.Create(context) })
        {
            var names = verb.Options.Select(o => o.Name).ToHashSet();
            Assert.All(SettingTable.All.Where(r => r.IsPolicy), row => Assert.Contains(row.CliOption, names));
        }
    }

    [Fact]
    public void A_value_that_does_not_parse_is_the_engines_InvalidOption()
    {
        var command = new Command("prewarm");
        var table = new TableOptions(command, TableOptions.Option(nameof(GoMirrorOptions.MaxParallel)));
        var problems = new List<Diagnostic>();
        table.Apply(new GoMirrorOptions(), command.Parse(["--max-parallel", "many"]), problems);
        Assert.Equal(EngineDiagnostics.InvalidOption.Code, Assert.Single(problems).Code);
    }

    [Fact]
    public void An_explicit_option_wins_over_the_environment_and_explain_names_what_it_overrode()
    {
        var host = new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string> { ["GOPROXY"] = "https://env.example", ["HOME"] = "/home/u" });
        var command = new Command("explain");
        var table = new TableOptions(command, TableOptions.Policy);
        var settings = table.Apply(new GoMirrorOptions(), command.Parse(["--proxy", "https://cli.example"]), []).PolicySettings;
        var policy = GoMirrorPolicy.Resolve(host, settings);
        Assert.Equal("https://cli.example", policy.Proxy.Value);
        Assert.Equal(SettingSourceKind.Explicit, policy.Proxy.Kind);
        var explained = PolicyExplanation.Explain(policy, host, settings).Single(e => e.Effective.Name == "GOPROXY");
        Assert.Equal("https://env.example", Assert.Single(explained.Overridden).Value);
    }

    private static System.Reflection.PropertyInfo? Property(GoMirrorSetting row) =>
        row.OptionName is { } name ? typeof(GoMirrorOptions).GetProperty(name) : null;

    private static string Value(GoMirrorSetting row) =>
        Property(row)?.PropertyType == typeof(int) ? "7" : "value-of-" + row.CliOption.TrimStart('-');
}
