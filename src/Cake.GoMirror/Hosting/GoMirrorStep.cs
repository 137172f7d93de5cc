using Cake.Core;
using Cake.Core.Diagnostics;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;

namespace Cake.GoMirror.Hosting;

/// <summary>
/// Runs one engine step for an alias: translates the settings, forwards the engine's output to Cake's log,
/// and turns a failure into a <see cref="CakeException"/> that names the GOMIRRORnnnn codes, so the Cake task
/// fails with the same text <c>dotnet build</c> shows.
/// </summary>
internal static class GoMirrorStep
{
    /// <summary>Checks the policy only.</summary>
    public static void CheckPolicy(ICakeContext context, GoMirrorSettings settings)
    {
        var (engine, log) = Start(context, settings, goModules: null, "policy check");
        using (engine)
        {
            var result = engine.CheckPolicy();
            ThrowIfFailed("policy check", result.Succeeded, log);
        }
    }

    /// <summary>Runs a work step (pre-warm, download, report, or all of them) for the given components.</summary>
    public static TResult Run<TResult>(
        ICakeContext context,
        GoMirrorSettings settings,
        IEnumerable<Cake.Core.IO.Path> goModules,
        string stepName,
        Func<GoMirrorEngine, Task<TResult>> step)
        where TResult : StepResult
    {
        ArgumentNullException.ThrowIfNull(goModules);
        var components = goModules.ToList();
        var (engine, log) = Start(context, settings, components, stepName);
        using (engine)
        {
            var result = step(engine).GetAwaiter().GetResult();
            if (result.Skipped)
            {
                context.Log.Write(Verbosity.Normal, LogLevel.Information, "GoMirror {0} skipped: {1}", stepName, result.SkipReason ?? "nothing to do");
            }

            ThrowIfFailed(stepName, result.Succeeded, log);
            return result;
        }
    }

    private static (GoMirrorEngine Engine, CakeGoMirrorLog Log) Start(ICakeContext context, GoMirrorSettings settings, IReadOnlyList<Cake.Core.IO.Path>? goModules, string stepName)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var log = new CakeGoMirrorLog(context.Log);
        foreach (var ignored in GoMirrorOptionsFactory.IgnoredToolSettings(settings))
        {
            log.Diagnostic(ignored);
        }

        // An empty list usually means a GetFiles pattern that matched nothing: say so instead of doing nothing.
        if (goModules is { Count: 0 })
        {
            log.Diagnostic(CakeDiagnostics.NoGoComponents.Create(
                "The alias was given an empty list of go.mod files (relative paths resolve against " + GoMirrorOptionsFactory.BaseDirectory(context.Environment, settings).FullPath + ").",
                new SourceLocation("the goMods argument of the alias")));
            ThrowIfFailed(stepName, succeeded: false, log);
        }

        var options = GoMirrorOptionsFactory.Create(context.Environment, settings, goModules ?? []);
        return (new GoMirrorEngine(options, log), log);
    }

    private static void ThrowIfFailed(string stepName, bool succeeded, CakeGoMirrorLog log)
    {
        var errors = log.Errors;
        if (succeeded && errors.Count == 0)
        {
            return;
        }

        var message = errors.Count == 0
            ? $"GoMirror {stepName} failed; the log above says why."
            : $"GoMirror {stepName} failed:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(CakeGoMirrorLog.Describe));
        throw new CakeException(message);
    }
}
