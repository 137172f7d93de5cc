using Cake.Core;
using Cake.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Probe;

namespace Cake.GoMirror.Hosting;

/// <summary>
/// Runs one engine step for an alias: translates the settings, forwards the engine's output to Cake's log,
/// and turns a failure into a <see cref="CakeException"/> that names the GOMIRRORnnnn codes, so the Cake task
/// fails with the same text <c>dotnet build</c> shows.
/// </summary>
internal static class GoMirrorStep
{
    /// <summary>Checks the policy with the components' go.mod and go.sum files; starts no process, makes no request.</summary>
    public static void CheckPolicy(ICakeContext context, GoMirrorSettings settings, IEnumerable<Cake.Core.IO.Path> goModules)
    {
        const string stepName = "policy check";
        var (engine, log) = Start(context, settings, goModules);
        using (engine)
        {
            var result = engine.CheckPolicy();
            ThrowIfFailed(stepName, result.Succeeded, log);
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
        var (engine, log) = Start(context, settings, goModules);
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

    /// <summary>Runs the mirror probe for the given components; the files go into the report folder.</summary>
    public static MirrorProbeResult Probe(ICakeContext context, GoMirrorSettings settings, IEnumerable<Cake.Core.IO.Path> goModules)
    {
        var (options, log) = Prepare(context, settings, goModules);
        var result = MirrorProbe.RunAsync(options).GetAwaiter().GetResult();
        foreach (var diagnostic in result.Diagnostics)
        {
            log.Diagnostic(diagnostic);
        }

        foreach (var file in result.Files)
        {
            context.Log.Write(Verbosity.Normal, LogLevel.Information, "GoMirror probe wrote {0}", file);
        }

        ThrowIfFailed("probe", result.Succeeded, log);
        return result;
    }

    private static (GoMirrorEngine Engine, CakeGoMirrorLog Log) Start(ICakeContext context, GoMirrorSettings settings, IEnumerable<Cake.Core.IO.Path> goModules)
    {
        var (options, log) = Prepare(context, settings, goModules);
        return (new GoMirrorEngine(options, log), log);
    }

    private static (GoMirrorOptions Options, CakeGoMirrorLog Log) Prepare(ICakeContext context, GoMirrorSettings settings, IEnumerable<Cake.Core.IO.Path> goModules)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(goModules);
        var log = new CakeGoMirrorLog(context.Log);
        foreach (var ignored in GoMirrorOptionsFactory.IgnoredToolSettings(settings))
        {
            log.Diagnostic(ignored);
        }

        return (GoMirrorOptionsFactory.Create(context.Environment, settings, goModules), log);
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
