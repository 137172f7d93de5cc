using System.CommandLine;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Tool.Hosting;
using GoMirror.Tool.Output;

namespace GoMirror.Tool.Commands;

/// <summary><c>gomirror check [PATH]</c>: the engine's policy check with a repository's or a go.mod's components.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("PATH")
        {
            Description = "A go.mod, the folder that holds it, or a repository folder (every go.mod below it). Default: the current folder.",
            DefaultValueFactory = _ => ".",
        };
        var command = new Command("check", "Check the Go mirror policy with the components' go.mod and go.sum files, as the build does before anything is downloaded; no network, no go process. Exit 1 when an error is found.")
        {
            path,
            context.Json,
        };
        context.AddAllSettingOptions(command);
        command.SetAction(parse => Run(context, parse, parse.GetValue(path)!));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, string path)
    {
        var console = context.Console;
        var (goModules, pathProblems) = ComponentPaths.Resolve([path], Directory.GetCurrentDirectory());
        if (DiagnosticWriter.WriteAll(console, pathProblems))
        {
            return ExitCodes.Usage;
        }

        var settingProblems = new List<Diagnostic>();
        var options = context.EngineOptions(parse, goModules, settingProblems);
        if (DiagnosticWriter.WriteAll(console, settingProblems))
        {
            return ExitCodes.Usage;
        }

        var collected = new CollectingLog();
        using var engine = new GoMirrorEngine(options, collected);
        var result = engine.CheckPolicy();
        var errors = result.Diagnostics.Count(d => d.IsError);
        var warnings = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        if (parse.GetValue(context.Json))
        {
            JsonOutput.Write(console.Out, json =>
            {
                json.WriteStartObject();
                json.WriteBoolean("succeeded", result.Succeeded);
                json.WriteStartArray("components");
                foreach (var goMod in goModules)
                {
                    json.WriteStringValue(goMod);
                }

                json.WriteEndArray();
                json.WriteNumber("errors", errors);
                json.WriteNumber("warnings", warnings);
                JsonOutput.WriteDiagnostics(json, result.Diagnostics);
                json.WriteEndObject();
            });
        }
        else
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                DiagnosticWriter.Write(console.Out, diagnostic, console.OutColours);
            }

            var summary = $"gomirror check: {goModules.Count} component{(goModules.Count == 1 ? string.Empty : "s")}, {errors} error{(errors == 1 ? string.Empty : "s")}, {warnings} warning{(warnings == 1 ? string.Empty : "s")}.";
            console.Out.WriteLine(Ansi.Paint(console.OutColours, result.Succeeded ? Ansi.Green : Ansi.Red, summary));
        }

        return result.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
    }

    // The check's diagnostics come back in its result; this log only keeps the engine from printing them twice.
    private sealed class CollectingLog : IGoMirrorLog
    {
        public void Message(GoMirrorLogLevel level, string text)
        {
        }

        public void Diagnostic(Diagnostic diagnostic)
        {
        }
    }
}
