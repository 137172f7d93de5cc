using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Core.Toolchain;

namespace GoMirror.Core.Tests.Toolchain;

/// <summary>Provisioning: a build with no Go installed fetches GoMirrorGoVersion through the mirror, verified, and runs it.</summary>
public class ToolchainProvisionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_no_Go_on_PATH_the_engine_provisions_GoMirrorGoVersion_and_go_mod_download_succeeds()
    {
        await using var world = await ToolchainPrewarmWorld.StartAsync();
        var log = new RecordingLog();

        var download = await new GoMirrorEngine(Options(world, "1.23.5"), log).RunAsync(Ct);

        Assert.True(download.Succeeded, log.Text);
        Assert.Contains($"GoMirror: Go {world.Toolchain} provisioned (golang.org/toolchain@{world.Module.Version}, downloaded from {world.Proxy.Url}", log.Text, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(world.ToolchainDirectory, "bin", "go"), log.Text, StringComparison.Ordinal);
        Assert.Contains("verified by checksum database " + ToolchainPrewarmWorld.Name, log.Text, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(download.ReportFile!));
        var toolchain = json.RootElement.GetProperty("reproducible").GetProperty("components")[0].GetProperty("toolchain");
        Assert.Equal("provisioned", toolchain.GetProperty("selection").GetString());
        Assert.Equal("golang.org/toolchain@" + world.Module.Version, toolchain.GetProperty("module").GetString());
        Assert.StartsWith("h1:", toolchain.GetProperty("hash").GetString(), StringComparison.Ordinal);
        Assert.Equal("checksum database " + ToolchainPrewarmWorld.Name, toolchain.GetProperty("verification").GetString());
    }

    [Fact]
    public async Task With_no_Go_and_no_version_the_components_toolchain_line_names_the_Go_to_provision()
    {
        await using var world = await ToolchainPrewarmWorld.StartAsync();
        var log = new RecordingLog();

        var run = await new GoMirrorEngine(Options(world, null, "toolchain " + world.Toolchain + "\n"), log).RunAsync(Ct);

        Assert.True(run.Succeeded, log.Text);
        Assert.Contains($"GoMirror: Go {world.Toolchain} provisioned (golang.org/toolchain@{world.Module.Version}", log.Text, StringComparison.Ordinal);
        Assert.Single(world.Proxy.RequestsMatching("**/@v/*.zip"));
    }

    [Fact]
    public async Task With_no_Go_and_no_version_the_download_names_what_to_set()
    {
        await using var world = await ToolchainPrewarmWorld.StartAsync();
        var log = new RecordingLog();

        var download = await new GoMirrorEngine(Options(world, null), log).DownloadAsync(Ct);

        Assert.False(download.Succeeded);
        var error = Assert.Single(download.Diagnostics, d => d.Code == ToolchainFetchDiagnostics.ProvisionNeedsVersion.Code);
        Assert.Contains("GoMirrorGoVersion", error.Fix, StringComparison.Ordinal);
        Assert.Empty(world.Proxy.Requests);
    }

    private static GoMirrorOptions Options(ToolchainPrewarmWorld world, string? goVersion, string moreGoMod = "")
    {
        var component = world.Temp.Combine("repo", "agent");
        Directory.CreateDirectory(component);
        File.WriteAllText(Path.Combine(component, "go.mod"), "module example.com/agent\n\ngo 1.21\n" + moreGoMod);
        File.WriteAllText(Path.Combine(component, "go.sum"), string.Empty);
        var environment = new Dictionary<string, string>
        {
            ["GOPROXY"] = world.Proxy.Url,
            ["GOSUMDB"] = world.Database.GoSumDbDirect,
            ["GOPATH"] = world.GoPath,
            ["GOMODCACHE"] = world.ModCache,
            ["GOTOOLCHAIN"] = "local",
            ["HOME"] = world.Temp.Path,
            ["GOENV"] = "off",
            ["PATH"] = world.Temp.Combine("empty-path"),
        };
        return new GoMirrorOptions
        {
            Host = new GoPolicyHost(GoHostOS.Linux, environment),
            GoVersion = goVersion,
            GoModules = [Path.Combine(component, "go.mod")],
            RepositoryRoot = world.Temp.Combine("repo"),
            ReportDirectory = world.Temp.Combine("reports"),
            ProxyClient = PrewarmScenario.FastClient,
            CiOutput = TextWriter.Null,
        };
    }
}
