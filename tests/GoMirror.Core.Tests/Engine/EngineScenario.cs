using GoMirror.Core.Engine;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;
using Xunit.Sdk;

namespace GoMirror.Core.Tests.Engine;

/// <summary>
/// A <see cref="PrewarmScenario"/> whose go executable is a wrapper script that logs every start, so a test can
/// count the go processes an engine run started (the real go runs behind it).
/// </summary>
internal static class EngineScenario
{
    /// <summary>Writes the wrapper into the scenario and returns its path; skips on Windows (no sh).</summary>
    public static string GoWrapper(PrewarmScenario scenario, string? failWhenGoProxyIs = null)
    {
        // A throw, not Assert.Skip: the platform analyzer (CA1416) sees only a throw as ending the path.
        if (OperatingSystem.IsWindows())
        {
            throw SkipException.ForSkip("the go-start counting wrapper is a POSIX shell script");
        }

        var go = GoToolchain.Require();
        var wrapper = scenario.Temp.Combine("bin", "go");
        Directory.CreateDirectory(Path.GetDirectoryName(wrapper)!);

        // A fake go answer exists only to model a component that needs the network offline: that takes a
        // version-control server ('direct'), which this machine cannot run.
        var fail = failWhenGoProxyIs is null ? string.Empty
            : $"if [ \"$GOPROXY\" = \"{failWhenGoProxyIs}\" ] && [ \"$1\" = mod ]; then echo 'go: example.com/vcs@v1.0.0: module lookup disabled by GOPROXY={failWhenGoProxyIs}' >&2; exit 1; fi\n";
        File.WriteAllText(wrapper, $"#!/bin/sh\necho \"$*\" >> '{GoStartsLog(scenario)}'\n{fail}exec '{go}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return wrapper;
    }

    /// <summary>How many go processes the wrapper has started.</summary>
    public static int GoStarts(PrewarmScenario scenario) => GoStartArguments(scenario).Length;

    /// <summary>The arguments of each go process the wrapper has started, one line per start.</summary>
    public static string[] GoStartArguments(PrewarmScenario scenario) =>
        File.Exists(GoStartsLog(scenario)) ? File.ReadAllLines(GoStartsLog(scenario)) : [];

    public static GoMirrorOptions Options(PrewarmScenario scenario, params string[] goMods) =>
        scenario.Options(scenario.Server.Url, goMods) with { GoExecutable = GoWrapper(scenario) };

    private static string GoStartsLog(PrewarmScenario scenario) => scenario.Temp.Combine("go-starts.log");
}
