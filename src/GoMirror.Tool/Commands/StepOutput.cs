using GoMirror.Core.Engine;
using GoMirror.Tool.Hosting;

namespace GoMirror.Tool.Commands;

/// <summary>The <c>--json</c> form of an engine step's result, shared by <c>prewarm</c> and <c>report</c>.</summary>
internal static class StepOutput
{
    public static void WriteJson(TextWriter output, string step, StepResult result, IReadOnlyList<string> goModules)
    {
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("step", step);
            json.WriteBoolean("succeeded", result.Succeeded);
            json.WriteBoolean("skipped", result.Skipped);
            if (result.SkipReason is { } reason)
            {
                json.WriteString("skipReason", reason);
            }

            json.WriteNumber("durationMs", Math.Round(result.Duration.TotalMilliseconds));
            json.WriteStartArray("components");
            foreach (var goMod in goModules)
            {
                json.WriteStringValue(goMod);
            }

            json.WriteEndArray();
            if (result is ReportStepResult report)
            {
                if (report.ReportFile is { } file)
                {
                    json.WriteString("reportFile", file);
                }

                if (report.Fingerprint is { } fingerprint)
                {
                    json.WriteString("fingerprint", fingerprint);
                }

                json.WriteStartArray("files");
                foreach (var written in report.Files)
                {
                    json.WriteStringValue(written);
                }

                json.WriteEndArray();
            }

            JsonOutput.WriteDiagnostics(json, result.Diagnostics);
            json.WriteEndObject();
        });
    }
}
