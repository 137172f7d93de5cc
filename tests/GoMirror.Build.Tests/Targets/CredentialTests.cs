using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Testing;

namespace GoMirror.Build.Tests.Targets;

/// <summary>Credentials in a proxy URL never appear in a log line, a binary log or a report.</summary>
[Collection(MSBuildCollection.Name)]
public sealed class CredentialTests(PackageFeed feed) : IDisposable
{
    private const string Secret = "s3cr3t-t0ken-5f2a";
    private readonly TempDirectory _cache = new("gomirror-modcache");

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task A_credentialed_proxy_from_the_environment_leaks_into_no_log_binlog_or_report()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);
        // The credentialed entry is unreachable (a port held closed for the test), so the secret also travels
        // through the failure path before `|` falls back to the test proxy.
        using var closed = new ClosedPort();
        var goproxy = $"https://ci-bot:{Secret}@{closed.Authority}/proxy|{server.Url}";
        var binlog = consumer.Combine("build.binlog");

        var result = InProcBuild.Run(consumer.ProjectFile, properties: new Dictionary<string, string>
        {
            ["GoMirrorSumDb"] = "off",
            ["GoMirrorModCache"] = _cache.Combine("modcache"),
            ["GoExecutable"] = component.GoWrapper,
        }, binaryLog: binlog, environment: new Dictionary<string, string> { ["GOPROXY"] = goproxy });

        Assert.True(result.Succeeded, result.Log);
        Assert.NotEmpty(server.RequestsMatching("*.zip"));
        Assert.DoesNotContain(Secret, result.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Messages, m => m.Contains(Secret, StringComparison.Ordinal));
        Assert.True(File.Exists(binlog), "the build should write a binary log");
        var binlogBytes = BinaryLogText.Read(binlog);
        Assert.False(BinaryLogText.Contains(binlogBytes, Secret), "the secret is in the binary log");
        // Proof that the search looked at real content: the same URL is in the binary log, masked.
        Assert.True(BinaryLogText.Contains(binlogBytes, $"https://***@{closed.Authority}/proxy"), "the binary log should hold the redacted proxy URL");
        var reportFiles = Directory.GetFiles(consumer.Combine("artifacts"), "*", SearchOption.AllDirectories);
        Assert.NotEmpty(reportFiles);
        Assert.All(reportFiles, f => Assert.DoesNotContain(Secret, File.ReadAllText(f), StringComparison.Ordinal));
        // The redacted form is what people see instead.
        Assert.Contains(reportFiles, f => File.ReadAllText(f).Contains($"https://***@{closed.Authority}/proxy", StringComparison.Ordinal));
    }

    [Fact]
    public void Credentials_written_into_an_MSBuild_property_are_a_warning_at_the_line_that_set_them()
    {
        using var consumer = new ConsumerProject(feed,
            directoryBuildProps: $"    <GoMirrorProxy>https://ci-bot:{Secret}@goproxy.corp.example</GoMirrorProxy>",
            projectBody: ConsumerProject.AgentGoModule);
        Directory.CreateDirectory(consumer.Combine("go", "agent"));
        File.WriteAllText(consumer.Combine("go", "agent", "go.mod"), "module example.com/consumer/agent\n\ngo 1.19\n");

        var result = InProcBuild.Run(consumer.ProjectFile, "GoMirrorCheckPolicy", new Dictionary<string, string> { ["GoMirrorModCache"] = _cache.Combine("modcache") });

        Assert.True(result.Succeeded, result.Log);
        var warning = Assert.Single(result.Warnings, w => w.Code == "GOMIRROR0600");
        Assert.Equal(consumer.Combine("Directory.Build.props"), warning.File);
        Assert.Equal(3, warning.LineNumber);
        Assert.DoesNotContain(Secret, warning.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(RepositoryRoot.Combine("docs", "errors", "GOMIRROR0600.md")));
        Assert.Contains("[GOMIRROR0600](errors/GOMIRROR0600.md)", File.ReadAllText(RepositoryRoot.Combine("docs", "errors.md")), StringComparison.Ordinal);
    }
}
