using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;
using Cake.GoMirror.Hosting;
using Cake.GoMirror.Tests.Infrastructure;
using GoMirror.Core.Policy;
using GoMirror.Core.Settings;

namespace Cake.GoMirror.Tests.Hosting;

public class GoMirrorOptionsFactoryTests
{
    private const string WorkingDirectory = "/work/repo";

    [Fact]
    public void Every_policy_variable_has_a_settings_property_mapped_to_its_Go_name_with_a_Cake_location()
    {
        var settings = new GoMirrorSettings();
        var policy = SettingTable.All.Where(s => s.IsPolicy).ToList();
        foreach (var variable in policy)
        {
            var property = typeof(GoMirrorSettings).GetProperty(variable.CakeSetting);
            Assert.True(property is not null, $"GoMirrorSettings has no property {variable.CakeSetting} for {variable.GoVariable}");
            property.SetValue(settings, "value-of-" + variable.GoVariable);
        }

        var options = GoMirrorOptionsFactory.Create(new FakeCakeEnvironment(WorkingDirectory), settings, []);

        Assert.Equal(policy.Count, options.PolicySettings.Count);
        foreach (var variable in policy)
        {
            var setting = Assert.Single(options.PolicySettings, s => s.Name == variable.GoVariable);
            Assert.Equal("value-of-" + variable.GoVariable, setting.Value);
            Assert.Equal("Cake setting GoMirrorSettings." + variable.CakeSetting, setting.Location.Description);
            Assert.Null(setting.Location.File);
        }
    }

    [Fact]
    public void Every_row_of_the_settings_table_reaches_the_engine_options_by_its_Cake_name()
    {
        foreach (var row in SettingTable.All)
        {
            var property = typeof(GoMirrorSettings).GetProperty(row.CakeSetting);
            Assert.True(property is not null, $"GoMirrorSettings has no property {row.CakeSetting} for the setting {row.MSBuildProperty}");
            var settings = new GoMirrorSettings();
            object written = property.PropertyType switch
            {
                var t when t == typeof(int) => 7,
                var t when t == typeof(bool) => true,
                // The only nullable switch defaults to true, so false is the value that shows it arrived.
                var t when t == typeof(bool?) => false,
                var t when t == typeof(DirectoryPath) => new DirectoryPath("from-" + row.CakeSetting),
                var t when t == typeof(FilePath) => new FilePath("from-" + row.CakeSetting),
                _ => "from-" + row.CakeSetting,
            };
            property.SetValue(settings, written);

            var options = GoMirrorOptionsFactory.Create(new FakeCakeEnvironment(WorkingDirectory), settings, []);

            object? expected = written is Cake.Core.IO.Path ? Native(WorkingDirectory + "/from-" + row.CakeSetting) : written;
            if (row.IsPolicy)
            {
                var only = Assert.Single(options.PolicySettings);
                Assert.Equal((row.GoVariable, expected), (only.Name, (object?)only.Value));
            }
            else
            {
                Assert.Empty(options.PolicySettings);
                Assert.Equal(expected, typeof(global::GoMirror.Core.Engine.GoMirrorOptions).GetProperty(row.OptionName!)!.GetValue(options));
            }
        }
    }

    [Fact]
    public void Empty_and_blank_settings_stay_unset_and_values_are_trimmed_like_MSBuild_properties()
    {
        var settings = new GoMirrorSettings { Proxy = "", Private = "   ", Flags = "  -mod=mod  ", ReportFormats = " ", DriftSeverity = "", ReportLeg = "  " };

        var options = GoMirrorOptionsFactory.Create(new FakeCakeEnvironment(WorkingDirectory), settings, []);

        var only = Assert.Single(options.PolicySettings);
        Assert.Equal((PolicyVariables.GoFlags, "-mod=mod"), (only.Name, only.Value));
        Assert.Null(options.ReportFormats);
        Assert.Null(options.DriftSeverity);
        Assert.Null(options.ReportLeg);
    }

    [Fact]
    public void Fluent_setters_and_plain_options_reach_the_engine_options()
    {
        var settings = new GoMirrorSettings()
            .WithProxy("https://goproxy.corp.example,direct")
            .WithPrivate("corp.example")
            .WithNoProxy("corp.example/direct")
            .WithNoSumDb("corp.example")
            .WithSumDb("sum.golang.org")
            .WithInsecure("insecure.example")
            .WithFlags("-mod=mod")
            .WithModCache("/cache/mod")
            .WithMaxParallel(7)
            .WithReportFormats("json;junit")
            .WithOffline()
            .WithDriftSeverity(" VersionChanged=error;HashChanged=warning ")
            .WithReportLeg("linux-go1.22")
            .WithToolTimeout(TimeSpan.FromMinutes(3));

        var options = GoMirrorOptionsFactory.Create(new FakeCakeEnvironment(WorkingDirectory), settings, []);

        Assert.Equal(
            [("GOPROXY", "https://goproxy.corp.example,direct"), ("GOPRIVATE", "corp.example"), ("GONOPROXY", "corp.example/direct"),
             ("GONOSUMDB", "corp.example"), ("GOSUMDB", "sum.golang.org"), ("GOINSECURE", "insecure.example"), ("GOFLAGS", "-mod=mod"),
             ("GOMODCACHE", "/cache/mod")],
            options.PolicySettings.Select(s => (s.Name, s.Value)));
        Assert.Equal(7, options.MaxParallel);
        Assert.Equal("json;junit", options.ReportFormats);
        Assert.True(options.Offline);
        Assert.Equal("VersionChanged=error;HashChanged=warning", options.DriftSeverity);
        Assert.Equal("linux-go1.22", options.ReportLeg);
        Assert.Equal(TimeSpan.FromMinutes(3), options.GoTimeout);
        Assert.Equal("Cake.GoMirror (Cake 7.0.0)", options.Tool);
    }

    [Fact]
    public void Unset_options_are_left_to_the_engine()
    {
        var options = GoMirrorOptionsFactory.Create(new FakeCakeEnvironment(WorkingDirectory), new GoMirrorSettings(), []);

        Assert.Empty(options.PolicySettings);
        Assert.Null(options.GoExecutable);
        Assert.Null(options.ReportDirectory);
        Assert.Null(options.ReportFormats);
        Assert.Null(options.BaselineReport);
        Assert.Null(options.GoTimeout);
        Assert.Equal(0, options.MaxParallel);
        Assert.False(options.Offline);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_script_working_directory()
    {
        var settings = new GoMirrorSettings { ReportDir = "artifacts/go", BaselineReport = "baseline/gomirror-report.json", ToolPath = "tools/go/bin/go" };

        var options = GoMirrorOptionsFactory.Create(
            new FakeCakeEnvironment(WorkingDirectory), settings, [new FilePath("tools/agent/go.mod"), new DirectoryPath("tools/cli"), new FilePath("/abs/go.mod")]);

        Assert.Equal([Native("/work/repo/tools/agent/go.mod"), Native("/work/repo/tools/cli"), Native("/abs/go.mod")], options.GoModules);
        Assert.Equal(Native("/work/repo/artifacts/go"), options.ReportDirectory);
        Assert.Equal(Native("/work/repo/baseline/gomirror-report.json"), options.BaselineReport);
        Assert.Equal(Native("/work/repo/tools/go/bin/go"), options.GoExecutable);
    }

    [Fact]
    public void A_settings_working_directory_is_the_base_of_relative_paths_and_itself_relative_to_the_script()
    {
        var settings = new GoMirrorSettings { WorkingDirectory = "samples/mixed-repo", ReportDir = "out" };

        var options = GoMirrorOptionsFactory.Create(new FakeCakeEnvironment(WorkingDirectory), settings, [new FilePath("tools/agent/go.mod")]);

        Assert.Equal([Native("/work/repo/samples/mixed-repo/tools/agent/go.mod")], options.GoModules);
        Assert.Equal(Native("/work/repo/samples/mixed-repo/out"), options.ReportDirectory);
    }

    [Fact]
    public void The_host_is_the_script_environment_with_the_settings_variables_on_top()
    {
        var environment = new FakeCakeEnvironment(WorkingDirectory, PlatformFamily.Windows);
        environment.Variables["GOPROXY"] = "https://from-environment.example";
        environment.Variables["GOFLAGS"] = "-mod=vendor";
        var settings = new GoMirrorSettings().WithEnvironmentVariable("GOFLAGS", "-mod=mod");

        var options = GoMirrorOptionsFactory.Create(environment, settings, []);

        Assert.NotNull(options.Host);
        Assert.Equal(GoHostOS.Windows, options.Host.OperatingSystem);
        Assert.Equal("https://from-environment.example", options.Host.Get("GOPROXY"));
        Assert.Equal("-mod=mod", options.Host.Get("goflags"));
    }

    [Theory]
    [InlineData(PlatformFamily.Linux, GoHostOS.Linux)]
    [InlineData(PlatformFamily.OSX, GoHostOS.MacOS)]
    [InlineData(PlatformFamily.FreeBSD, GoHostOS.Linux)]
    public void The_platform_picks_Go_path_conventions(PlatformFamily family, GoHostOS expected)
    {
        var options = GoMirrorOptionsFactory.Create(new FakeCakeEnvironment(WorkingDirectory, family), new GoMirrorSettings(), []);

        Assert.Equal(expected, options.Host!.OperatingSystem);
    }

    private static string Native(string path) => System.IO.Path.GetFullPath(path);
}
