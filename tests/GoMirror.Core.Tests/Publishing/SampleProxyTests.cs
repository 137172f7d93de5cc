using System.Diagnostics;
using GoMirror.Core.Publishing;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Publishing;

/// <summary>
/// samples/mixed-repo commits a proxy folder generated from its third_party/ sources and a go.sum Go made
/// against it. These tests keep both honest: regenerating gives the same bytes, and Go accepts the result.
/// </summary>
public class SampleProxyTests
{
    private const string Regenerate = "regenerate it with: dotnet run --project samples/mixed-repo/build/PublishThirdParty";

    private static readonly string Sample = RepositoryRoot.Combine("samples", "mixed-repo");

    [Fact]
    public void The_committed_goproxy_is_exactly_what_the_publisher_makes_from_third_party()
    {
        using var temp = new TempDirectory("sample-proxy");

        var results = new ModuleProxyPublisher(temp.Path).PublishSourceTree(Path.Combine(Sample, "third_party"), PublishTime.FixedEpoch);

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics)));
        var committed = ModuleSourceFolder.Read(Path.Combine(Sample, "goproxy"));
        var regenerated = ModuleSourceFolder.Read(temp.Path);
        Assert.True(committed.Keys.SequenceEqual(regenerated.Keys), $"goproxy/ lists other files than third_party/ gives; {Regenerate}");
        foreach (var (path, bytes) in regenerated)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(committed[path]), $"goproxy/{path} differs from what third_party/ gives; {Regenerate}");
        }
    }

    [Fact]
    public void The_agent_go_sum_is_what_go_mod_tidy_writes_against_the_committed_proxy()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory("sample-agent");
        var agent = CopyAgent(temp.Combine("agent"));
        var environment = ModuleSourceFolder.GoEnvironment(temp.Path, ModuleSourceFolder.FileUrl(Path.Combine(Sample, "goproxy")));

        GoToolchain.Run(agent, environment, "mod", "tidy").AssertSuccess();

        Assert.Equal(File.ReadAllText(Path.Combine(Sample, "tools", "agent", "go.mod")), File.ReadAllText(Path.Combine(agent, "go.mod")));
        var goSum = File.ReadAllText(Path.Combine(agent, "go.sum"));
        Assert.Equal(File.ReadAllText(Path.Combine(Sample, "tools", "agent", "go.sum")), goSum);
        Assert.Contains("gopkg.in/example/strutil.v2 v2.0.0/go.mod h1:", goSum, StringComparison.Ordinal);
        Assert.DoesNotContain("gopkg.in/example/strutil.v2 v2.0.0 h1:", goSum, StringComparison.Ordinal);
    }

    [Fact]
    public void The_agent_builds_offline_from_the_committed_proxy_and_go_sum()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory("sample-agent");
        var agent = CopyAgent(temp.Combine("agent"));
        var environment = ModuleSourceFolder.GoEnvironment(temp.Path, ModuleSourceFolder.FileUrl(Path.Combine(Sample, "goproxy")));
        environment["GOFLAGS"] = "-mod=readonly";
        var binary = temp.Combine(OperatingSystem.IsWindows() ? "inventory-agent.exe" : "inventory-agent");

        GoToolchain.Run(agent, environment, "build", "-o", binary, ".").AssertSuccess();

        using var run = Process.Start(new ProcessStartInfo(binary, Path.Combine(Sample, "third_party")) { RedirectStandardOutput = true })!;
        var report = run.StandardOutput.ReadToEnd();
        run.WaitForExit();
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(".go ", report, StringComparison.Ordinal);
        Assert.Matches(@"^\d+ files, [0-9.]+ KiB in ", report);
    }

    private static string CopyAgent(string target)
    {
        Directory.CreateDirectory(target);
        foreach (var name in new[] { "go.mod", "go.sum", "main.go" })
        {
            File.Copy(Path.Combine(Sample, "tools", "agent", name), Path.Combine(target, name));
        }

        return target;
    }
}
