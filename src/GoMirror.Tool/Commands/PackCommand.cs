using System.CommandLine;
using GoMirror.Core.Engine;
using GoMirror.Tool.Hosting;

namespace GoMirror.Tool.Commands;

/// <summary><c>gomirror pack PATH...</c>: pre-warm, then each component's module set as a <c>.nupkg</c>, as
/// <c>dotnet pack</c> builds first and then packs.</summary>
internal static class PackCommand
{
    public static Command Create(CliContext context)
    {
        var paths = ComponentStep.PathsArgument();
        var command = new Command("pack", "Pre-warm the module cache, then pack each component's module set (every .mod, .info and .zip its go.sum names that a proxy may serve, verified) into a deterministic .nupkg in --module-set-output, for a NuGet feed other runners warm from (--module-set-source). Prints each package path. Exit 1 when a set cannot be packed.")
        {
            paths,
            context.Json,
            context.Verbose,
        };
        context.AddAllSettingOptions(command);
        command.SetAction((parse, ct) => ComponentStep.RunAsync(context, parse, parse.GetValue(paths)!, "pack", options => options, PrewarmThenPackAsync, ct));
        return command;
    }

    private static async Task<StepResult> PrewarmThenPackAsync(GoMirrorEngine engine, CancellationToken cancellationToken)
    {
        var prewarm = await engine.PrewarmAsync(cancellationToken).ConfigureAwait(false);
        return prewarm.Succeeded
            ? await engine.PackModuleSetsAsync(cancellationToken).ConfigureAwait(false)
            : PackStepResult.Failed(prewarm.Diagnostics, prewarm.Duration);
    }
}
