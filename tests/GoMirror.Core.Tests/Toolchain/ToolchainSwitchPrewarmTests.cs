using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Toolchain;

/// <summary>The engine's pre-warm fetches the toolchain a component's <c>toolchain</c> line makes the go command switch
/// to, as the selector predicts it for the Go found: Go 1.21 then switches with no network and the database stopped.</summary>
public class ToolchainSwitchPrewarmTests
{
    [Fact]
    public async Task The_prewarm_warms_the_predicted_switch_so_Go_1_21_switches_offline()
    {
        var go121 = GoVersions.Require("1.21");
        await using var world = await ToolchainPrewarmWorld.StartAsync();
        var component = world.Component();
        File.WriteAllText(Path.Combine(component, "go.sum"), string.Empty);
        var environment = new Dictionary<string, string>
        {
            ["GOPROXY"] = world.Proxy.Url,
            ["GOSUMDB"] = world.Database.GoSumDbDirect,
            ["GOPATH"] = world.GoPath,
            ["GOMODCACHE"] = world.ModCache,
            ["HOME"] = world.Temp.Path,
            ["GOENV"] = "off",
            ["PATH"] = "/usr/bin:/bin",
        };
        var options = new GoMirrorOptions
        {
            Host = new GoPolicyHost(GoHostOS.Linux, environment),
            GoExecutable = go121,
            GoModules = [Path.Combine(component, "go.mod")],
            RepositoryRoot = world.Temp.Path,
            ReportDirectory = world.Temp.Combine("reports"),
            ProxyClient = PrewarmScenario.FastClient,
            CiOutput = TextWriter.Null,
        };
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(options, log);

        var prewarm = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        Assert.True(prewarm.Succeeded, log.Text);
        Assert.Contains($"GoMirror: Go {world.Toolchain} pre-warmed for the switch (golang.org/toolchain@{world.Module.Version}, downloaded from {world.Proxy.Url}", log.Text, StringComparison.Ordinal);
        Assert.Single(world.Proxy.RequestsMatching("**/@v/*.zip"));

        // go mod download runs the switched-to toolchain from the warmed cache; the report names it, its h1: and how it was checked.
        Assert.True((await engine.DownloadAsync(TestContext.Current.CancellationToken)).Succeeded, log.Text);
        var report = await engine.ReportAsync(TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, log.Text);
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report.ReportFile!)))
        {
            var toolchain = json.RootElement.GetProperty("reproducible").GetProperty("components")[0].GetProperty("toolchain");
            Assert.Equal(world.Toolchain, toolchain.GetProperty("go").GetString());
            Assert.Equal("switch", toolchain.GetProperty("selection").GetString());
            Assert.Equal("golang.org/toolchain@" + world.Module.Version, toolchain.GetProperty("module").GetString());
            Assert.Equal(File.ReadAllText(Path.Combine(world.VersionDirectory, world.Module.Version + ".ziphash")).Trim(), toolchain.GetProperty("hash").GetString());
            Assert.Equal("checksum database " + ToolchainPrewarmWorld.Name, toolchain.GetProperty("verification").GetString());
        }

        world.Database.Stop();
        await world.Proxy.StopAsync();
        var run = GoToolchain.RunGo(go121, component, world.OfflineGoEnvironment(), "version");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.StartsWith("go version " + world.Toolchain + " ", run.Stdout, StringComparison.Ordinal);
    }
}
