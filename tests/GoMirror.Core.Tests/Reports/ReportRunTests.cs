using System.Text.Json;
using GoMirror.Core.Ci;
using GoMirror.Core.Reports;
using GoMirror.Core.Security;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Reports;

public class ReportRunTests
{
    private const string EnvSecret = "ghp_EnvironmentTokenValue42";

    [Theory]
    [InlineData("github")]
    [InlineData("gitlab")]
    public void No_injected_secret_reaches_any_output(string provider)
    {
        using var temp = new TempDirectory();
        var env = provider == "github"
            ? new Dictionary<string, string>
            {
                ["GITHUB_ACTIONS"] = "true",
                ["GITHUB_JOB"] = "build " + EnvSecret,
                ["GITHUB_STEP_SUMMARY"] = temp.Combine("summary.md"),
                ["GITHUB_OUTPUT"] = temp.Combine("output"),
                ["GITHUB_ENV"] = temp.Combine("env"),
            }
            : new Dictionary<string, string> { ["GITLAB_CI"] = "true", ["CI_JOB_NAME"] = "build", ["CI_PIPELINE_ID"] = EnvSecret };
        var redactor = new CredentialRedactor();
        redactor.AddSecret(EnvSecret);
        var input = ReportSamples.Input(temp.Combine("repo"), "/c", "deploy:" + ReportSamples.Secret);
        input = input with { Environment = input.Environment with { Host = "host-" + EnvSecret } };
        using var log = new StringWriter();

        var result = ReportRun.Execute(new ReportRunRequest
        {
            Input = input,
            RepositoryRoot = temp.Combine("repo"),
            OutputRoot = temp.Combine("reports"),
            Formats = ReportFormats.All,
            Environment = n => env.GetValueOrDefault(n),
            Log = log,
            Redactor = redactor,
        });

        Assert.Equal(provider == "github" ? 5 : 6, result.Files.Count);
        var outputs = Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories)
            .Select(f => (Name: f, Text: File.ReadAllText(f)))
            .Append((Name: "log", Text: log.ToString()))
            .Append((Name: "diagnostics", Text: string.Join("\n", result.Diagnostics)))
            .ToList();
        Assert.True(outputs.Count >= 6);
        Assert.All(Directory.EnumerateFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories), f => Assert.DoesNotContain(EnvSecret, f, StringComparison.Ordinal));
        foreach (var (name, text) in outputs)
        {
            Assert.False(text.Contains(ReportSamples.Secret, StringComparison.Ordinal), name + " leaks the proxy password");
            Assert.False(text.Contains(EnvSecret, StringComparison.Ordinal), name + " leaks the environment token");
            Assert.False(text.Contains("deploy:", StringComparison.Ordinal), name + " leaks the proxy user-info");
        }

        Assert.Contains(outputs, o => o.Text.Contains(CredentialRedactor.Mask + "@goproxy.corp.example", StringComparison.Ordinal));
        Assert.Contains(result.Report.Fingerprint, log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Matrix_legs_write_to_different_folders()
    {
        using var temp = new TempDirectory();
        var folders = new[] { "Linux", "Windows" }.Select(os => ReportRun.Execute(new ReportRunRequest
        {
            Input = ReportSamples.Input(temp.Path, "/c"),
            RepositoryRoot = temp.Path,
            OutputRoot = temp.Combine("out"),
            Environment = n => n switch { "GITHUB_ACTIONS" => "true", "GITHUB_JOB" => "build", "RUNNER_OS" => os, _ => null },
        }).ReportFolder).ToList();
        Assert.NotEqual(folders[0], folders[1]);
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(f, ReportJson.FileName))));
    }

    [Fact]
    public void Source_date_epoch_is_the_only_time_written()
    {
        using var temp = new TempDirectory();
        var input = ReportSamples.Input(temp.Path, "/c");
        var result = ReportRun.Execute(new ReportRunRequest
        {
            Input = input with { Environment = input.Environment with { GeneratedAt = null } },
            RepositoryRoot = temp.Path,
            OutputRoot = temp.Combine("out"),
            Formats = ReportFormats.All,
            Environment = n => n == "SOURCE_DATE_EPOCH" ? "1700000000" : null,
            Clock = new FixedClock(ReportSamples.FixedTime),
        });
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.ReportFolder, ReportJson.FileName)));
        Assert.Equal("2023-11-14T22:13:20Z", json.RootElement.GetProperty("environment").GetProperty("generatedAt").GetString());
        Assert.Contains("timestamp=\"2023-11-14T22:13:20Z\"", File.ReadAllText(Path.Combine(result.ReportFolder, JUnitReportWriter.FileName)), StringComparison.Ordinal);
        Assert.Contains("\"timestamp\": \"2023-11-14T22:13:20Z\"", File.ReadAllText(Path.Combine(result.ReportFolder, CycloneDxWriter.FileName)), StringComparison.Ordinal);
        Assert.DoesNotContain("2024-05-06", string.Concat(result.Files.Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Fact]
    public void Drift_against_a_baseline_lands_in_the_report_and_fails_the_run()
    {
        using var temp = new TempDirectory();
        var first = ReportRun.Execute(new ReportRunRequest { Input = ReportSamples.Input(temp.Path, "/c"), RepositoryRoot = temp.Path, OutputRoot = temp.Combine("base"), Environment = _ => null });
        var second = ReportRun.Execute(new ReportRunRequest
        {
            Input = ReportSamples.Input(temp.Path, "/c", zipSeed: "retagged") with { Findings = [] },
            RepositoryRoot = temp.Path,
            OutputRoot = temp.Combine("now"),
            Formats = ReportFormats.CodeQuality,
            BaselinePath = Path.Combine(first.ReportFolder, ReportJson.FileName),
            Environment = _ => null,
        });
        Assert.NotNull(second.Drift);
        Assert.True(second.HasErrors);
        Assert.Equal(2, second.Drift.Findings.Count(f => f.Kind == DriftKind.HashChanged));
        Assert.Contains(second.Report.Findings, f => f.Code == ReportDiagnostics.ModuleHashChanged.Code && f.Path == "tools/agent/go.sum");
        Assert.Contains("GOMIRROR0704", File.ReadAllText(Path.Combine(second.ReportFolder, CodeQualityWriter.FileName)), StringComparison.Ordinal);
    }
}
