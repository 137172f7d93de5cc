using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Testing;

namespace GoMirror.Build.Tests.Targets;

/// <summary>
/// GoMirrorBaselineReport with GoMirrorDriftSeverity and GoMirrorReportLeg in real builds: the leg names the
/// report folder, and drift against the baseline is reported at the severity the property gives its kind.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class DriftSeverityTests(PackageFeed feed) : IDisposable
{
    private readonly TempDirectory _cache = new("gomirror-modcache");

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task A_policy_drift_fails_or_passes_the_build_as_GoMirrorDriftSeverity_says()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);
        var properties = new Dictionary<string, string>
        {
            ["GoMirrorProxy"] = server.Url,
            ["GoMirrorSumDb"] = "off",
            ["GoMirrorModCache"] = _cache.Combine("modcache"),
            ["GoMirrorReportLeg"] = "linux go1.19",
        };

        var first = InProcBuild.Run(consumer.ProjectFile, properties: properties);

        Assert.True(first.Succeeded, first.Log);
        var report = Assert.Single(Directory.GetFiles(consumer.Combine("artifacts", "gomirror"), "gomirror-report.json", SearchOption.AllDirectories));
        Assert.EndsWith("-linux-go1.19", Path.GetFileName(Path.GetDirectoryName(report)), StringComparison.Ordinal);
        var baseline = consumer.Combine("baseline-report.json");
        File.Copy(report, baseline);

        // The drift: the policy gains a GOPRIVATE the baseline did not have.
        properties["GoMirrorPrivate"] = "git.corp.example";
        properties["GoMirrorBaselineReport"] = baseline;
        properties["GoMirrorDriftSeverity"] = "ModuleAdded=warning;PolicyChanged=error";
        var raised = InProcBuild.Run(consumer.ProjectFile, properties: properties);

        Assert.False(raised.Succeeded, raised.Log);
        var error = Assert.Single(raised.Errors, e => e.Code == "GOMIRROR0705" && e.Message?.Contains("Policy setting GOPRIVATE changed", StringComparison.Ordinal) == true);
        Assert.Contains("now git.corp.example", error.Message, StringComparison.Ordinal);
        Assert.All(raised.Errors, e => Assert.Equal("GOMIRROR0705", e.Code));

        properties["GoMirrorDriftSeverity"] = "policychanged=info";
        var lowered = InProcBuild.Run(consumer.ProjectFile, properties: properties);

        Assert.True(lowered.Succeeded, lowered.Log);
        Assert.DoesNotContain(lowered.Warnings, w => w.Code == "GOMIRROR0705");
        Assert.Contains(lowered.Messages, m => m.Contains("Policy setting GOPRIVATE changed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_GoMirrorDriftSeverity_fails_the_build_with_GOMIRROR0582()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed,
            directoryBuildProps: "    <GoMirrorDriftSeverity>VersionChanged=fatal</GoMirrorDriftSeverity>",
            projectBody: ConsumerProject.AgentGoModule);
        Directory.CreateDirectory(consumer.Combine("go", "agent"));
        File.WriteAllText(consumer.Combine("go", "agent", "go.mod"), "module example.com/consumer/agent\n\ngo 1.19\n");

        var result = InProcBuild.Run(consumer.ProjectFile, properties: new Dictionary<string, string> { ["GoMirrorModCache"] = _cache.Combine("modcache") });

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("GOMIRROR0582", error.Code);
        Assert.Contains("'fatal' is not a severity", error.Message, StringComparison.Ordinal);
        Assert.Contains("docs/errors/GOMIRROR0582.md", error.HelpLink, StringComparison.Ordinal);
    }
}
