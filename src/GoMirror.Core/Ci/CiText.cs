using System.Globalization;
using GoMirror.Core.Reports;

namespace GoMirror.Core.Ci;

/// <summary>The plain-text lines a CI log shows for a report (inside a collapsible group or section).</summary>
internal static class CiText
{
    /// <summary>Fingerprint, counts per component, and every finding with its fix.</summary>
    public static IReadOnlyList<string> SummaryLines(ReproducibilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string> { "fingerprint " + report.Fingerprint };
        foreach (var component in report.Reproducible.Components)
        {
            var verified = component.Modules.Count(m => m.Verification is ModuleVerification.GoSum or ModuleVerification.ChecksumDatabase);
            var mismatched = component.Modules.Count(m => m.Verification == ModuleVerification.Mismatch);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{component.GoMod}: {component.Modules.Count} module(s), {verified} verified, {mismatched} mismatched"));
        }

        foreach (var finding in report.Findings)
        {
            var where = finding.Path is null ? string.Empty
                : finding.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{finding.Path}({finding.Line}): ") : finding.Path + ": ";
            lines.Add($"{where}{ReportJson.SeverityName(finding.Severity)} {finding.Code}: {finding.Message} Fix: {finding.Fix}");
        }

        return lines;
    }
}
