using System.CommandLine;
using GoMirror.Core.Engine;
using GoMirror.Tool.Hosting;
using GoMirror.Tool.Output;

namespace GoMirror.Tool.Commands;

/// <summary>Runs one engine step over the components named by PATH arguments, with progress and the exit code.</summary>
internal static class ComponentStep
{
    /// <summary>The PATH... argument of <c>prewarm</c> and <c>report</c>.</summary>
    public static Argument<string[]> PathsArgument() => new("PATH")
    {
        Description = "go.mod files, folders that hold one, or repository folders (every go.mod below them).",
        Arity = ArgumentArity.OneOrMore,
    };

    public static async Task<int> RunAsync(
        CliContext context,
        ParseResult parse,
        string[] paths,
        string step,
        Func<GoMirrorOptions, GoMirrorOptions> configure,
        Func<GoMirrorEngine, CancellationToken, Task<StepResult>> run,
        CancellationToken cancellationToken)
    {
        var console = context.Console;
        if (context.ComponentOptions(parse, paths) is not { } options)
        {
            return ExitCodes.Usage;
        }

        var goModules = options.GoModules;
        if ((step == "pack" || options.ModuleSetPush || !string.IsNullOrWhiteSpace(options.ModuleSetSource)) && !NuGetAssemblies.TryRegister(out var problem))
        {
            DiagnosticWriter.WriteAll(console, [ModuleSetToolDiagnostics.NuGetNotFound.Create($"Module sets need NuGet's assemblies from the .NET SDK: {problem}")]);
            return ExitCodes.Failed;
        }

        var log = context.Log(parse);
        using var engine = new GoMirrorEngine(configure(options), log);
        StepResult result;
        using (var progress = new ProgressDisplay(console, "gomirror " + step))
        {
            log.Progress = progress;
            try
            {
                result = await run(engine, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                log.Progress = null;
            }
        }

        if (parse.GetValue(context.Json))
        {
            StepOutput.WriteJson(console.Out, step, result, goModules);
        }
        else if (result is ReportStepResult { ReportFile: { } reportFile })
        {
            console.Out.WriteLine(reportFile);
        }
        else if (result is PackStepResult pack)
        {
            foreach (var package in pack.Packages)
            {
                console.Out.WriteLine(package);
            }
        }

        if (result.Skipped)
        {
            console.Error.WriteLine($"gomirror {step} skipped: {result.SkipReason}");
        }

        return result.Succeeded && !log.HasErrors ? ExitCodes.Success : ExitCodes.Failed;
    }
}
