using System.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Tests.Children;

namespace GoMirror.Core.Tests.Prewarm;

/// <summary>
/// A pre-warm in another process: the test executable started again as a <see cref="TestChild"/>, with the proxy,
/// cache and components given through environment variables; the exit code says whether the pre-warm succeeded.
/// Parents kill it to model a build killed mid-download.
/// </summary>
internal static class PrewarmProcess
{
    private const string ProxyVariable = "GOMIRROR_TEST_PREWARM_PROXY";
    private const string RootVariable = "GOMIRROR_TEST_PREWARM_ROOT";
    private const string GoModsVariable = "GOMIRROR_TEST_PREWARM_GOMODS";

    /// <summary>Starts a pre-warm of <paramref name="goMods"/> through <paramref name="proxy"/> into the scenario's cache.</summary>
    internal static Process Start(PrewarmScenario scenario, string proxy, params string[] goMods)
    {
        var start = TestChild.StartInfo(nameof(PrewarmProcess));
        start.Environment[ProxyVariable] = proxy;
        start.Environment[RootVariable] = scenario.Temp.Path;
        start.Environment[GoModsVariable] = string.Join(Path.PathSeparator, goMods);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
    }

    /// <summary>Waits for a process from <see cref="Start"/> and fails with its output unless it succeeded.</summary>
    internal static async Task AssertSucceedsAsync(Process process)
    {
        var (exitCode, output) = await TestChild.WaitAsync(process, TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, $"pre-warm process exited {exitCode}\n{output}");
    }

    /// <summary>The child's body: the pre-warm the parent named.</summary>
    internal static async Task RunAsync(CancellationToken cancellationToken)
    {
        var proxy = Environment.GetEnvironmentVariable(ProxyVariable)!;
        var root = Environment.GetEnvironmentVariable(RootVariable)!;
        var goMods = Environment.GetEnvironmentVariable(GoModsVariable)!.Split(Path.PathSeparator);
        var options = PrewarmScenario.OptionsFor(root, proxy, goMods);
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(options, log);
        var result = await engine.PrewarmAsync(cancellationToken);
        Assert.True(result.Succeeded, log.Text);
    }
}
