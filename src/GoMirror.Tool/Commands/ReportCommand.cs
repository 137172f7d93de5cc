using System.CommandLine;
using GoMirror.Core.Engine;
using GoMirror.Tool.Hosting;

namespace GoMirror.Tool.Commands;

/// <summary><c>gomirror report PATH...</c>: the engine's whole run (check, pre-warm, go mod download, report).</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var paths = ComponentStep.PathsArgument();
        var reportDir = new Option<string?>("--report-dir") { Description = "Where reports go (a per-job folder is made below it). Default: <repository root>/artifacts/gomirror.", HelpName = "folder" };
        var formats = new Option<string?>("--report-formats") { Description = "Report formats, for example json;markdown;junit;sbom;codequality (default json;markdown).", HelpName = "list" };
        var offline = new Option<bool>("--offline") { Description = "Also prove every component downloads with GOPROXY=off once the cache is warm." };
        var baseline = new Option<string?>("--baseline") { Description = "An earlier gomirror-report.json to check drift against.", HelpName = "file" };
        var driftSeverity = new Option<string?>("--drift-severity") { Description = "Severity per kind of drift, for example VersionChanged=error;HashChanged=warning.", HelpName = "list" };
        var leg = new Option<string?>("--report-leg") { Description = "The CI matrix leg, which keeps report folders of parallel jobs apart.", HelpName = "name" };
        var command = new Command("report", "Run the engine's steps on the components (policy check, pre-warm, go mod download, report) and write the reproducibility report; prints the report file. Exit 1 when a step fails or drift is at error severity.")
        {
            paths,
            reportDir,
            formats,
            offline,
            baseline,
            driftSeverity,
            leg,
            context.Json,
            context.Verbose,
            context.Go,
            context.MaxParallel,
        };
        context.AddPolicyOptions(command);
        command.SetAction((parse, ct) => ComponentStep.RunAsync(
            context,
            parse,
            parse.GetValue(paths)!,
            "report",
            options => options with
            {
                ReportDirectory = Full(parse.GetValue(reportDir)),
                ReportFormats = parse.GetValue(formats),
                Offline = parse.GetValue(offline),
                BaselineReport = Full(parse.GetValue(baseline)),
                DriftSeverity = parse.GetValue(driftSeverity),
                ReportLeg = parse.GetValue(leg),
            },
            async (engine, token) => await engine.RunAsync(token).ConfigureAwait(false),
            ct));
        return command;
    }

    private static string? Full(string? path) => string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path);
}
