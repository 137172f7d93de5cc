using System.CommandLine;
using GoMirror.Tool.Commands;
using GoMirror.Tool.Output;

namespace GoMirror.Tool.Hosting;

/// <summary>The <c>gomirror</c> command line: the verbs, parse errors as GOMIRROR1400 with exit code 2.</summary>
internal static class GoMirrorCli
{
    /// <summary>The root command with every verb.</summary>
    public static RootCommand Create(ToolConsole console)
    {
        var context = new CliContext(console);
        return new RootCommand($"gomirror {ToolInfo.Version}: the Go mirror policy at your shell, on the engine of GoMirror.Build and Cake.GoMirror. Exit codes: 0 done, 1 the engine reported an error, 2 the command line is wrong, 130 interrupted.")
        {
            EnvCommand.Create(context),
            ExplainCommand.Create(context),
            CheckCommand.Create(context),
            ProbeCommand.Create(context),
            PrewarmCommand.Create(context),
            PackCommand.Create(context),
            ReportCommand.Create(context),
            DiffCommand.Create(context),
        };
    }

    /// <summary>Parses <paramref name="args"/> and runs the verb; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, ToolConsole console, CancellationToken cancellationToken = default)
    {
        var root = Create(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                var message = string.Join(" ", error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                DiagnosticWriter.Write(console.Error, ToolDiagnostics.InvalidArguments.Create(message), console.ErrorColours);
            }

            console.Error.WriteLine("Run 'gomirror --help' or 'gomirror <verb> --help' for usage.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine("gomirror: cancelled.");
            return ExitCodes.Cancelled;
        }
    }
}
