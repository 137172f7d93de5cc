using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Reports;

/// <summary>
/// <c>gomirror-codequality.json</c>: the report's findings as a GitLab Code Quality report
/// (<c>artifacts:reports:codequality</c>): an array of <c>{description, check_name, fingerprint, severity,
/// location{path, lines{begin}}}</c>. <c>check_name</c> is the code; the fingerprint is stable for the same
/// finding so GitLab can tell new findings from old ones.
/// </summary>
internal static class CodeQualityWriter
{
    /// <summary>The file name of the Code Quality report.</summary>
    public const string FileName = "gomirror-codequality.json";

    /// <summary>Writes the Code Quality JSON.</summary>
    public static string Write(ReproducibilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var entries = report.Findings.Select(f =>
        {
            var path = f.Path ?? ReportJson.FileName;
            var line = Math.Max(f.Line, 1);
            return new JsonObject
            {
                ["description"] = f.Message + " Fix: " + f.Fix,
                ["check_name"] = f.Code,
                ["fingerprint"] = Fingerprint(f.Code, path, line, f.Message),
                ["severity"] = Severity(f.Severity),
                ["location"] = new JsonObject
                {
                    ["path"] = path,
                    ["lines"] = new JsonObject { ["begin"] = line },
                },
            };
        });
        return JsonText.Pretty(new JsonArray([.. entries]));
    }

    /// <summary>The Code Quality severity of a diagnostic severity: info, minor (warning), major (error).</summary>
    public static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "major",
        DiagnosticSeverity.Warning => "minor",
        _ => "info",
    };

    private static string Fingerprint(string code, string path, int line, string message) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonText.Utf8NoBom.GetBytes(
            string.Join('\n', code, path, line.ToString(CultureInfo.InvariantCulture), message))));
}
