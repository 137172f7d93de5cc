using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Testing;

namespace GoMirror.Build.Tests.Targets;

/// <summary>
/// In-process builds are hermetic, as out-of-process ones are (<see cref="HermeticEnvironment"/>): a test host whose
/// environment holds a developer's or a CI runner's Go settings, home and step summary changes nothing in the build.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class HermeticBuildTests(PackageFeed feed) : IDisposable
{
    private readonly TempDirectory _cache = new("gomirror-modcache");

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task An_in_process_build_sees_none_of_the_test_hosts_Go_CI_or_home_settings()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);

        // Each of these would show in the build if it leaked in: a Go env file and a netrc in the home, Go's own
        // variables, a GitHub Actions job's step summary and outputs, a report leg.
        var home = consumer.Combine("host-home");
        Directory.CreateDirectory(Path.Combine(home, ".config", "go"));
        File.WriteAllText(Path.Combine(home, ".config", "go", "env"), "GOINSECURE=leaked-env-file.example\n");
        File.WriteAllText(Path.Combine(home, ".netrc"), "machine 127.0.0.1 login leaked password leaked-netrc\n");
        var summary = consumer.Combine("step-summary.md");
        var outputs = consumer.Combine("step-outputs.txt");
        File.WriteAllText(summary, string.Empty);
        File.WriteAllText(outputs, string.Empty);
        var host = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
            ["GOPATH"] = Path.Combine(home, "gopath"),
            ["GOCACHE"] = Path.Combine(home, "gocache"),
            ["GOFLAGS"] = "-mod=vendor",
            ["GONOSUMDB"] = "leaked-variable.example",
            ["CI"] = "true",
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_STEP_SUMMARY"] = summary,
            ["GITHUB_OUTPUT"] = outputs,
            ["GITHUB_JOB"] = "leaked-job",
            ["GOMIRROR_REPORT_LEG"] = "leaked-leg",
        };

        BuildResult result;
        var saved = host.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in host)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            result = InProcBuild.Run(consumer.ProjectFile, properties: new Dictionary<string, string>
            {
                ["GoMirrorProxy"] = server.Url,
                ["GoMirrorSumDb"] = "off",
                ["GoMirrorModCache"] = _cache.Combine("modcache"),
                ["GoExecutable"] = component.GoWrapper,
            });
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        Assert.True(result.Succeeded, result.Log);
        Assert.DoesNotContain("leaked", result.Log, StringComparison.Ordinal);
        Assert.Equal(string.Empty, File.ReadAllText(summary));
        Assert.Equal(string.Empty, File.ReadAllText(outputs));
        var report = Assert.Single(Directory.GetFiles(consumer.Combine("artifacts", "gomirror"), "gomirror-report.json", SearchOption.AllDirectories));
        Assert.Equal("gomirror", Path.GetFileName(Path.GetDirectoryName(report)));
        Assert.DoesNotContain("leaked", File.ReadAllText(report), StringComparison.Ordinal);
        Assert.DoesNotContain("-mod=vendor", File.ReadAllText(report), StringComparison.Ordinal);

        // Every go the build started ran with the run's own home and GOPATH, GOENV=off, and nothing of the host's.
        Assert.NotEmpty(component.InvocationLines);
        Assert.All(component.InvocationLines, line =>
        {
            Assert.Contains($" GOENV=off HOME={HermeticEnvironment.Home} ", line, StringComparison.Ordinal);
            Assert.DoesNotContain(home, line, StringComparison.Ordinal);
            Assert.DoesNotContain("-mod=vendor", line, StringComparison.Ordinal);
        });
        Assert.Contains(component.InvocationLines, line => line.StartsWith("mod download", StringComparison.Ordinal) && line.Contains($" GOPATH={HermeticEnvironment.GoPath} ", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(home, "gopath")), "the build wrote into the host's GOPATH");
        Assert.False(Directory.Exists(Path.Combine(home, "gocache")), "the build wrote into the host's GOCACHE");
    }
}
