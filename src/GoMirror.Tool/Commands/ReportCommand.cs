using System.CommandLine;
using GoMirror.Tool.Hosting;

namespace GoMirror.Tool.Commands;

/// <summary><c>gomirror report PATH...</c>: the engine's whole run (check, pre-warm, go mod download, report).</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var paths = ComponentStep.PathsArgument();
        var command = new Command("report", "Run the engine's steps on the components (policy check, pre-warm, go mod download, report) and write the reproducibility report; prints the report file. Exit 1 when a step fails or drift is at error severity.")
        {
            paths,
            context.Json,
            context.Verbose,
        };
        context.AddAllSettingOptions(command);
        command.SetAction((parse, ct) => ComponentStep.RunAsync(
            context,
            parse,
            parse.GetValue(paths)!,
            "report",
            options => options,
            async (engine, token) => await engine.RunAsync(token).ConfigureAwait(false),
            ct));
        return command;
    }

}
