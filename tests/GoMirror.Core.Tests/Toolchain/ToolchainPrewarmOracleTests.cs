using GoMirror.Core.Toolchain;
using GoMirror.Testing;
using GoMirror.Testing.Toolchain;

namespace GoMirror.Core.Tests.Toolchain;

/// <summary>
/// The toolchain pre-warm with Go as the oracle: Go 1.21 in a folder whose go.mod says <c>toolchain go1.23.5</c> must
/// switch to what the pre-warm stored, with GOPROXY=off and the checksum database stopped; a forged toolchain is
/// refused with SECURITY ERROR and nothing lands.
/// </summary>
public class ToolchainPrewarmOracleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Go_1_21_switches_offline_to_the_warmed_trimmed_toolchain()
    {
        var go121 = GoVersions.Require("1.21");
        await using var world = await ToolchainPrewarmWorld.StartAsync();
        var log = new List<string>();

        var result = await world.Prewarmer(log: log).FetchAsync(world.Toolchain, ToolchainFetchPlatform.Host, Ct);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(ToolchainFetchOutcome.Downloaded, result.Outcome);
        Assert.Equal(world.Proxy.Url, result.ServedBy);
        Assert.StartsWith("checksum database " + ToolchainPrewarmWorld.Name + ": record ", result.Verification, StringComparison.Ordinal);
        Assert.Equal((await File.ReadAllTextAsync(Path.Combine(world.VersionDirectory, world.Module.Version + ".ziphash"), Ct)).Trim(), result.ZipHash);
        Assert.Contains(log, l => l.Contains("stored in the module cache", StringComparison.Ordinal));
        Assert.Contains($"/lookup/golang.org/toolchain@{world.Module.Version}", world.Database.Requests);

        // The tree as Go's Exec leaves it: bin/go runnable, every _go.mod copied back to go.mod.
        Assert.True(IsExecutable(result.GoExecutable!));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(world.ToolchainDirectory, "src", "_go.mod"), Ct), await File.ReadAllTextAsync(Path.Combine(world.ToolchainDirectory, "src", "go.mod"), Ct));
        Assert.True(File.Exists(Path.Combine(world.ToolchainDirectory, "src", "cmd", "go.mod")));

        world.Database.Stop();
        await world.Proxy.StopAsync();
        var run = GoToolchain.RunGo(go121, world.Component(), world.OfflineGoEnvironment(), "version");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.StartsWith("go version " + world.Toolchain + " ", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("go: downloading", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Go_1_21_switches_offline_to_the_full_distpack_toolchain_and_builds_with_it()
    {
        var go121 = GoVersions.Require("1.21");
        await using var world = await ToolchainPrewarmWorld.StartAsync(full: true);

        var result = await world.Prewarmer().FetchAsync(world.Toolchain, ToolchainFetchPlatform.Host, Ct);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.True(new FileInfo(world.Module.ZipFile).Length > 50L << 20, "the full toolchain module is the whole distribution");
        foreach (var tool in Directory.EnumerateFiles(Path.Combine(world.ToolchainDirectory, "pkg", "tool")))
        {
            Assert.True(IsExecutable(tool), tool);
        }

        world.Database.Stop();
        await world.Proxy.StopAsync();
        var component = world.Component();
        var version = GoToolchain.RunGo(go121, component, world.OfflineGoEnvironment(), "env", "GOVERSION", "GOROOT");
        Assert.True(version.ExitCode == 0, version.Stdout + version.Stderr);
        Assert.Equal(world.Toolchain + "\n" + world.ToolchainDirectory + "\n", version.Stdout);
        var build = GoToolchain.RunGo(go121, component, world.OfflineGoEnvironment(), "run", ".");
        Assert.True(build.ExitCode == 0, build.Stdout + build.Stderr);
        Assert.Equal("hello from the switched toolchain\n", build.Stdout);
    }

    [Fact]
    public async Task A_forged_toolchain_is_a_SECURITY_ERROR_and_nothing_lands()
    {
        await using var world = await ToolchainPrewarmWorld.StartAsync(served: w =>
        {
            var forged = new ModuleProxyFolder(w.Temp.Combine("forged"));
            var module = ToolchainModuleFixture.Add(forged, ToolchainModuleFixture.GoRoot123, full: false);
            ToolchainModuleFixture.Forge(module, "bin/gofmt", "#!/bin/sh\necho pwned\n"u8.ToArray());
            return forged;
        });

        var result = await world.Prewarmer().FetchAsync(world.Toolchain, ToolchainFetchPlatform.Host, Ct);

        Assert.Equal(ToolchainFetchOutcome.Failed, result.Outcome);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(ToolchainFetchDiagnostics.ChecksumMismatch.Code, error.Code);
        Assert.Contains("SECURITY ERROR", error.Message, StringComparison.Ordinal);
        Assert.Contains(world.Proxy.Url, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(world.VersionDirectory, world.Module.Version + ".zip")));
        Assert.False(File.Exists(Path.Combine(world.VersionDirectory, world.Module.Version + ".ziphash")));
        Assert.False(File.Exists(Path.Combine(world.VersionDirectory, world.Module.Version + ".mod")));
        Assert.False(Directory.Exists(world.ToolchainDirectory));
        Assert.Empty(Directory.Exists(world.VersionDirectory) ? Directory.GetFiles(world.VersionDirectory, "*.tmp") : []);
    }

    private static bool IsExecutable(string file) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & UnixFileMode.OtherExecute) != 0;
}
