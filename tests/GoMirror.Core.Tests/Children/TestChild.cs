using System.Diagnostics;
using GoMirror.Core.Tests.ModuleCache;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Core.Tests.Proxy;

namespace GoMirror.Core.Tests.Children;

/// <summary>
/// Processes the tests start: this test executable run again as <c>&lt;exe&gt; --gomirror-child &lt;name&gt;</c>,
/// which <see cref="Program.Main"/> hands to the named body here instead of to the test runner. They are not
/// tests: the runner never lists, runs or counts them (they used to be explicit test methods that showed as
/// skipped). Exit code 0 when the body returned, 1 with the exception on stderr when it threw.
/// </summary>
internal static class TestChild
{
    private const string Flag = "--gomirror-child";

    private static readonly Dictionary<string, Func<CancellationToken, Task>> Bodies = new(StringComparer.Ordinal)
    {
        [nameof(PrewarmProcess)] = PrewarmProcess.RunAsync,
        [nameof(CacheWriterProcess)] = CacheWriterProcess.RunAsync,
        [nameof(ProxyEnvironmentTests)] = ProxyEnvironmentTests.ChildAsync,
        [nameof(GoProxyClientProtocolTests)] = GoProxyClientProtocolTests.UnreadableFileChildAsync,
    };

    /// <summary>How to start the child <paramref name="name"/> (a key of <see cref="Bodies"/>), output redirected;
    /// with <paramref name="runAs"/>, through <c>setpriv</c> as that uid and gid with no supplementary groups.</summary>
    public static ProcessStartInfo StartInfo(string name, int? runAs = null)
    {
        if (!Bodies.ContainsKey(name))
        {
            throw new ArgumentException("no child process named " + name, nameof(name));
        }

        var assembly = typeof(TestChild).Assembly.Location;
        var apphost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        List<string> command = File.Exists(apphost) ? [apphost] : ["dotnet", "exec", assembly];
        if (runAs is { } id)
        {
            command.InsertRange(0, ["setpriv", $"--reuid={id}", $"--regid={id}", "--clear-groups"]);
        }

        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[.. command.Skip(1), Flag, name])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs a started child to its end: its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> WaitAsync(Process process, CancellationToken cancellationToken)
    {
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The exit code of the child <paramref name="args"/> name, or null when they do not name one.</summary>
    public static int? TryRun(string[] args)
    {
        if (args.Length != 2 || args[0] != Flag || !Bodies.TryGetValue(args[1], out var body))
        {
            return null;
        }

        try
        {
            body(CancellationToken.None).GetAwaiter().GetResult();
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            return 1;
        }
    }
}
