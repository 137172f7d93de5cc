using System.CommandLine;
using GoMirror.Tool.Hosting;

namespace GoMirror.Tool.Commands;

/// <summary><c>gomirror prewarm PATH...</c>: the engine's pre-warm of the module cache.</summary>
internal static class PrewarmCommand
{
    public static Command Create(CliContext context)
    {
        var paths = ComponentStep.PathsArgument();
        var command = new Command("prewarm", "Fetch every module version the components' go.sum files name into the module cache, in parallel through the policy's proxies, verified against go.sum before anything lands. Exit 1 when a version fails.")
        {
            paths,
            context.Json,
            context.Verbose,
        };
        context.AddAllSettingOptions(command);
        command.SetAction((parse, ct) => ComponentStep.RunAsync(context, parse, parse.GetValue(paths)!, "pre-warm", options => options, (engine, token) => engine.PrewarmAsync(token), ct));
        return command;
    }
}
