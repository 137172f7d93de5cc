using GoMirror.Build.Tasks;
using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Settings;
using GoMirror.Testing;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;

namespace GoMirror.Build.Tests.Targets;

/// <summary>
/// The MSBuild host's half of the settings table: every row's property is collected by the shipped
/// GoMirror.Settings.targets (evaluated by the SDK's MSBuild) and mapped by name to the engine options by the
/// tasks, a ';' in a value included.
/// </summary>
[Collection(MSBuildCollection.Name)]
public class SettingsMappingTests
{
    [Fact]
    public void Every_row_of_the_settings_table_reaches_the_engine_options_through_the_targets_and_the_tasks()
    {
        var items = CollectSettings(SettingTable.All.ToDictionary(row => row.MSBuildProperty, Written));
        Assert.Equal(SettingTable.All.Select(row => row.MSBuildProperty), items.Select(i => i.ItemSpec));

        var log = new RecordingLog();
        var options = new GoMirrorPrewarm { Settings = items }.CreateOptions(log);

        Assert.Empty(log.Diagnostics);
        Assert.NotNull(options);
        foreach (var row in SettingTable.All)
        {
            if (row.IsPolicy)
            {
                var setting = Assert.Single(options.PolicySettings, s => s.Name == row.GoVariable);
                Assert.Equal(Written(row), setting.Value);
                Assert.Equal("MSBuild property " + row.MSBuildProperty, setting.Location.Description);
            }
            else
            {
                var value = typeof(GoMirrorOptions).GetProperty(row.OptionName!)!.GetValue(options);
                Assert.Equal(Written(row), value is bool flag ? (flag ? "true" : "false") : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void The_policy_check_takes_only_the_rows_it_needs_and_a_bad_number_stops_a_work_task()
    {
        var items = CollectSettings(new Dictionary<string, string> { ["GoMirrorProxy"] = "https://goproxy.example", ["GoExecutable"] = "/opt/go/bin/go", ["GoMirrorMaxParallel"] = "many" });

        var check = new GoMirrorCheckPolicy { Settings = items }.CreateOptions(new RecordingLog());
        var log = new RecordingLog();
        var work = new GoMirrorPrewarm { Settings = items }.CreateOptions(log);

        Assert.NotNull(check);
        Assert.Equal(("GOPROXY", "/opt/go/bin/go"), (Assert.Single(check.PolicySettings).Name, check.GoExecutable));
        Assert.Null(work);
        var problem = Assert.Single(log.Diagnostics);
        Assert.Equal((EngineDiagnostics.InvalidOption.Code, "MSBuild property GoMirrorMaxParallel"), (problem.Code, problem.Location?.Description));
    }

    // What a test writes for a row: a number, a switch, or text with a ';' that must survive escaping.
    private static string Written(GoMirrorSetting row) =>
        typeof(GoMirrorOptions).GetProperty(row.OptionName ?? string.Empty)?.PropertyType switch
        {
            var t when t == typeof(int) => "7",
            var t when t == typeof(bool) => "true",
            _ => "a;" + row.MSBuildProperty,
        };

    private static ITaskItem[] CollectSettings(IDictionary<string, string> properties)
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("settings.proj");
        File.WriteAllText(project, $"""<Project><Import Project="{RepositoryRoot.Combine("src", "GoMirror.Build", "build", "GoMirror.Settings.targets")}" /></Project>""");
        var instance = new ProjectInstance(project, properties, null);
        Assert.True(instance.Build("_GoMirrorCollectSettings", loggers: null));
        return [.. instance.GetItems("_GoMirrorSetting")];
    }

    private sealed class RecordingLog : IGoMirrorLog
    {
        public List<Diagnostic> Diagnostics { get; } = [];

        public void Message(GoMirrorLogLevel level, string text)
        {
        }

        public void Diagnostic(Diagnostic diagnostic) => Diagnostics.Add(diagnostic);
    }
}
