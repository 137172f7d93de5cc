using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;
using Cake.GoMirror.Hosting;
using Cake.GoMirror.Tests.Infrastructure;
using GoMirror.Core.Policy;

namespace Cake.GoMirror.Tests.Hosting;

public class GoMirrorOptionsFactoryTests
{
    private const string WorkingDirectory = "/work/repo";

    [Fact]
    public void Every_policy_variable_has_a_settings_property_mapped_to_its_Go_name_with_a_Cake_location()
    {
        var settings = new GoMirrorSettings();
        foreach (var variable in PolicyVariables.All)
        {
            var property = typeof(GoMirrorSettings).GetProperty(variable.CakeSetting);
            Assert.True(property is not null, $"GoMirrorSettings has no property {variable.CakeSetting} for {variable.GoName}");
            property.SetValue(settings, "value-of-" + variable.GoName);
        }

        var options = GoMirrorOptionsFactory.Create(new FakeCakeEnvironment(WorkingDirectory), settings, []);

        Assert.Equal(PolicyVariables.All.Count, options.PolicySettings.Count);
        foreach (var variable in PolicyVariables.All)
        {
            var setting = Assert.Single(options.PolicySettings, s => s.Name == variable.GoName);
            Assert.Equal("value-of-" + variable.GoName, setting.Value);
            Assert.Equal("Cake setting GoMirrorSettings." + variable.CakeSetting, setting.Location.Description);
            Assert.Null(setting.Location.File);
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
