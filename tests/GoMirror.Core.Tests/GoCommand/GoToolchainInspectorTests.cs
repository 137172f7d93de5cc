using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoCommand;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.GoCommand;

public class GoToolchainInspectorTests
{
    [Fact]
    public async Task Version_and_env_are_asked_once_per_executable_and_again_after_it_changes()
    {
        var go = GoToolchain.Require();
        using var temp = new TempDirectory();

        // A copy of the real go: touching it must count as a new toolchain; the installed one stays untouched.
        var copy = temp.Combine(Path.GetFileName(go));
        File.Copy(new FileInfo(go).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? go, copy);
        var inspector = new GoToolchainInspector();
        var diagnostics = new DiagnosticBag();
        var ct = TestContext.Current.CancellationToken;

        var first = await inspector.GetInfoAsync(copy, diagnostics, ct);
        var again = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => inspector.GetInfoAsync(copy, diagnostics, ct)));
        Assert.Equal(1, inspector.ProcessStarts);
        Assert.All(again, a => Assert.Same(first, a));

        var variables = new Dictionary<string, string> { ["GOMODCACHE"] = temp.Combine("cache"), ["GOPROXY"] = "off" };
        var env = await inspector.GetEnvironmentAsync(copy, variables, diagnostics, ct);
        await inspector.GetEnvironmentAsync(copy, variables, diagnostics, ct);
        Assert.Equal(2, inspector.ProcessStarts);
        Assert.Equal(temp.Combine("cache"), env?["GOMODCACHE"]);
        Assert.Equal("off", env?["GOPROXY"]);
        Assert.Equal(first?.Version.Text, env?["GOVERSION"]);

        File.SetLastWriteTimeUtc(copy, DateTime.UtcNow.AddMinutes(1));
        var afterUpdate = await inspector.GetInfoAsync(copy, diagnostics, ct);
        Assert.Equal(3, inspector.ProcessStarts);
        Assert.NotSame(first, afterUpdate);
        Assert.Empty(diagnostics.ToList());
    }

    [Fact]
    public async Task A_program_that_is_not_go_gives_a_version_diagnostic()
    {
        GoToolchain.Require();
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/echo"))
        {
            Assert.Skip("needs /bin/echo");
        }

        var diagnostics = new DiagnosticBag();

        var info = await new GoToolchainInspector().GetInfoAsync("/bin/echo", diagnostics, TestContext.Current.CancellationToken);

        Assert.Null(info);
        Assert.Equal(GoCommandDiagnostics.GoVersionUnreadable, Assert.Single(diagnostics.ToList()).Descriptor);
    }

    [Fact]
    public async Task A_failure_is_not_cached()
    {
        using var temp = new TempDirectory();
        var missing = temp.Combine("go");
        var inspector = new GoToolchainInspector();
        var diagnostics = new DiagnosticBag();

        Assert.Null(await inspector.GetInfoAsync(missing, diagnostics, TestContext.Current.CancellationToken));
        Assert.Null(await inspector.GetInfoAsync(missing, diagnostics, TestContext.Current.CancellationToken));

        Assert.Equal(2, inspector.ProcessStarts);
        Assert.All(diagnostics.ToList(), d => Assert.Equal(GoCommandDiagnostics.CommandStartFailed, d.Descriptor));
    }
}
