using System.CommandLine;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Reports;
using GoMirror.Tool.Hosting;
using GoMirror.Tool.Output;

namespace GoMirror.Tool.Commands;

/// <summary><c>gomirror diff OLD.json NEW.json</c>: the engine's drift check between two reports.</summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var before = new Argument<string>("OLD.json") { Description = "The baseline gomirror-report.json." };
        var after = new Argument<string>("NEW.json") { Description = "The gomirror-report.json to compare with it." };
        var driftSeverity = new Option<string?>("--drift-severity") { Description = "Severity per kind of drift, for example VersionChanged=error;HashChanged=warning (as GoMirrorDriftSeverity).", HelpName = "list" };
        var command = new Command("diff", "Show the drift between two reproducibility reports, as the report's drift findings: modules added, removed or at another version, changed hashes, policy and Go version changes. Exit 1 when a finding is at error severity (by default: a changed hash).")
        {
            before,
            after,
            driftSeverity,
            context.Json,
        };
        command.SetAction(parse => Run(context, parse, parse.GetValue(before)!, parse.GetValue(after)!, parse.GetValue(driftSeverity)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, string beforePath, string afterPath, string? severities)
    {
        var console = context.Console;
        var bag = new DiagnosticBag();
        var comparison = DriftAnalyzer.CompareFiles(Path.GetFullPath(beforePath), Path.GetFullPath(afterPath), severities, new SourceLocation("command-line option --drift-severity"), bag);
        if (comparison is null)
        {
            DiagnosticWriter.WriteAll(console, bag.ToList());

            return ExitCodes.Failed;
        }

        var drift = comparison.Drift;
        if (parse.GetValue(context.Json))
        {
            JsonOutput.Write(console.Out, json =>
            {
                json.WriteStartObject();
                json.WriteString("baseline", comparison.BaselineFingerprint);
                json.WriteString("current", comparison.CurrentFingerprint);
                json.WriteStartArray("findings");
                foreach (var (finding, diagnostic) in drift.Findings.Zip(drift.Diagnostics))
                {
                    json.WriteStartObject();
                    json.WriteString("kind", finding.Kind.ToString());
                    json.WriteString("code", diagnostic.Code);
                    json.WriteString("severity", JsonOutput.Severity(diagnostic.Severity));
                    WriteOptional(json, "component", finding.Component);
                    json.WriteString("subject", finding.Subject);
                    WriteOptional(json, "before", finding.Before);
                    WriteOptional(json, "after", finding.After);
                    json.WriteString("message", diagnostic.Message);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteBoolean("hasErrors", drift.HasErrors);
                json.WriteEndObject();
            });
        }
        else
        {
            foreach (var diagnostic in drift.Diagnostics)
            {
                DiagnosticWriter.Write(console.Out, diagnostic, console.OutColours);
            }

            console.Out.WriteLine(drift.Findings.Count == 0
                ? $"gomirror diff: no drift ({comparison.BaselineFingerprint} → {comparison.CurrentFingerprint})."
                : $"gomirror diff: {drift.Findings.Count} finding{(drift.Findings.Count == 1 ? string.Empty : "s")}, {drift.Diagnostics.Count(d => d.IsError)} at error severity.");
        }

        return drift.HasErrors ? ExitCodes.Failed : ExitCodes.Success;
    }

    private static void WriteOptional(System.Text.Json.Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
