using Cake.Common.IO;
using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.GoMirror.Tests.Infrastructure;
using GoMirror.Testing;

namespace Cake.GoMirror.Tests.Aliases;

public sealed class GoMirrorAliasesTests : IDisposable
{
    private readonly TempDirectory _temp = new("cake-gomirror-alias");
    private readonly FakeCakeContext _context;

    public GoMirrorAliasesTests()
    {
        var environment = new FakeCakeEnvironment(_temp.Path);
        environment.Variables["GOENV"] = "off";
        environment.Variables["HOME"] = _temp.Path;
        _context = new FakeCakeContext(environment);
        System.IO.Directory.CreateDirectory(_temp.Combine("agent"));
        File.WriteAllText(_temp.Combine("agent", "go.mod"), "module example.com/agent\n\ngo 1.19\n");
    }

    [Fact]
    public void A_bad_policy_fails_the_task_with_the_engine_code_and_the_setting_that_caused_it()
    {
        var error = Assert.Throws<CakeException>(() =>
            _context.GoMirrorCheckPolicy("agent/go.mod", new GoMirrorSettings { Proxy = "ftp://mirror.example" }));

        Assert.Contains("GOMIRROR0002", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cake setting GoMirrorSettings.Proxy", error.Message, StringComparison.Ordinal);
        var logged = Assert.Single(_context.FakeLog.Lines, l => l.Level == LogLevel.Error);
        Assert.Equal(Verbosity.Quiet, logged.Verbosity);
        Assert.Contains("GOMIRROR0002", logged.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_policy_from_the_environment_names_the_variable()
    {
        _context.FakeEnvironment.Variables["GOPROXY"] = "ftp://mirror.example";

        var error = Assert.Throws<CakeException>(() => _context.GoMirrorCheckPolicy("agent"));

        Assert.Contains("GOMIRROR0002", error.Message, StringComparison.Ordinal);
        Assert.Contains("environment variable GOPROXY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_is_logged_and_does_not_fail_the_task()
    {
        _context.GoMirrorCheckPolicy("agent/go.mod", new GoMirrorSettings { SumDb = "off" });

        var warning = Assert.Single(_context.FakeLog.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("GOMIRROR0006", warning.Text, StringComparison.Ordinal);
        Assert.Contains("Cake setting GoMirrorSettings.SumDb", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_drift_severity_fails_the_check_with_its_code()
    {
        var error = Assert.Throws<CakeException>(() =>
            _context.GoMirrorCheckPolicy("agent/go.mod", new GoMirrorSettings().WithDriftSeverity("HashChanged=ignore")));

        Assert.Contains("GOMIRROR0582", error.Message, StringComparison.Ordinal);
        Assert.Contains("drift cannot be switched off", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tool_settings_that_mean_nothing_here_are_reported_not_silently_dropped()
    {
        var settings = new GoMirrorSettings
        {
            ArgumentCustomization = args => args.Append("-x"),
            HandleExitCode = _ => true,
        };

        _context.GoMirrorCheckPolicy("agent/go.mod", settings);

        var warnings = _context.FakeLog.Lines.Where(l => l.Level == LogLevel.Warning && l.Text.Contains("GOMIRROR0800", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Text.StartsWith("Cake setting GoMirrorSettings.ArgumentCustomization:", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Text.StartsWith("Cake setting GoMirrorSettings.HandleExitCode:", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_list_of_components_fails_instead_of_doing_nothing()
    {
        var error = Assert.Throws<CakeException>(() => _context.GoMirrorPrewarm(Array.Empty<FilePath>()));

        Assert.Contains("GOMIRROR0581", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_component_is_reported_with_the_path_resolved_against_the_working_directory()
    {
        var error = Assert.Throws<CakeException>(() => _context.GoModDownload("no-such-folder"));

        Assert.Contains(_temp.Combine("no-such-folder"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_policy_stops_the_work_aliases_before_go_runs()
    {
        var settings = new GoMirrorSettings { Proxy = "ftp://mirror.example", ToolPath = _temp.Combine("no-such-go") };

        foreach (var alias in new Action[]
        {
            () => _context.GoMirrorPrewarm("agent/go.mod", settings),
            () => _context.GoModDownload(_context.Directory("agent"), settings),
            () => _context.GoMirrorReport(new FilePath("agent/go.mod"), settings),
            () => _context.GoMirror(new[] { new DirectoryPath("agent") }, settings),
        })
        {
            var error = Assert.Throws<CakeException>(alias);
            Assert.Contains("GOMIRROR0002", error.Message, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _temp.Dispose();
}
