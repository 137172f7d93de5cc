using System.Diagnostics;
using GoMirror.Core.Engine;

namespace GoMirror.Core.Tests.Prewarm;

/// <summary>
/// A pre-warm in another process: the test executable started again to run only
/// <see cref="Prewarm_the_components_the_parent_names"/>, with the proxy, cache and components given through
/// environment variables. Explicit, so it never runs in a normal test run; the exit code says whether the
/// pre-warm succeeded. Parents kill it to model a build killed mid-download.
/// </summary>
public class PrewarmProcess
{
    private const string ProxyVariable = "GOMIRROR_TEST_PREWARM_PROXY";
    private const string RootVariable = "GOMIRROR_TEST_PREWARM_ROOT";
    private const string GoModsVariable = "GOMIRROR_TEST_PREWARM_GOMODS";

    /// <summary>Starts a pre-warm of <paramref name="goMods"/> through <paramref name="proxy"/> into the scenario's cache.</summary>
    internal static Process Start(PrewarmScenario scenario, string proxy, params string[] goMods)
    {
        var assembly = typeof(PrewarmProcess).Assembly.Location;
        var start = new ProcessStartInfo(Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-method", typeof(PrewarmProcess).FullName + "." + nameof(Prewarm_the_components_the_parent_names), "-explicit", "only", "-noLogo", "-noColor", "-parallel", "none" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[ProxyVariable] = proxy;
        start.Environment[RootVariable] = scenario.Temp.Path;
        start.Environment[GoModsVariable] = string.Join(Path.PathSeparator, goMods);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
    }

    /// <summary>Waits for a process from <see cref="Start"/> and fails with its output unless it succeeded.</summary>
    internal static async Task AssertSucceedsAsync(Process process)
    {
        var ct = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(120), ct);
        Assert.True(process.ExitCode == 0, $"pre-warm process exited {process.ExitCode}\n{await stdout}\n{await stderr}");
    }

    [Fact(Explicit = true)]
    public async Task Prewarm_the_components_the_parent_names()
    {
        var proxy = Environment.GetEnvironmentVariable(ProxyVariable);
        if (string.IsNullOrEmpty(proxy))
        {
            Assert.Skip("runs only as a pre-warm process started by the pre-warm tests");
        }

        var root = Environment.GetEnvironmentVariable(RootVariable)!;
        var goMods = Environment.GetEnvironmentVariable(GoModsVariable)!.Split(Path.PathSeparator);
        var options = PrewarmScenario.OptionsFor(root, proxy, goMods);
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(options, log);
        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, log.Text);
    }
}
