using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Reports;

/// <summary>The report files to write.</summary>
[Flags]
public enum ReportFormats
{
    /// <summary>No files.</summary>
    None = 0,

    /// <summary><c>gomirror-report.json</c>: the full report, fingerprinted.</summary>
    Json = 1,

    /// <summary><c>gomirror-report.md</c>: the summary a person reads in a minute.</summary>
    Markdown = 2,

    /// <summary><c>gomirror-junit.xml</c>: one test case per module verification.</summary>
    JUnit = 4,

    /// <summary><c>gomirror-sbom.cdx.json</c>: a CycloneDX 1.5 SBOM.</summary>
    CycloneDx = 8,

    /// <summary><c>gomirror-codequality.json</c>: findings as a GitLab Code Quality report.</summary>
    CodeQuality = 16,

    /// <summary>The default: JSON and Markdown.</summary>
    Default = Json | Markdown,

    /// <summary>Every format.</summary>
    All = Json | Markdown | JUnit | CycloneDx | CodeQuality,
}

/// <summary>Parses a format list such as <c>json;markdown;junit;cyclonedx;codequality</c>.</summary>
internal static class ReportFormatList
{
    private static readonly Dictionary<string, ReportFormats> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["json"] = ReportFormats.Json,
        ["markdown"] = ReportFormats.Markdown,
        ["md"] = ReportFormats.Markdown,
        ["junit"] = ReportFormats.JUnit,
        ["cyclonedx"] = ReportFormats.CycloneDx,
        ["sbom"] = ReportFormats.CycloneDx,
        ["codequality"] = ReportFormats.CodeQuality,
        ["code-quality"] = ReportFormats.CodeQuality,
        ["all"] = ReportFormats.All,
        ["none"] = ReportFormats.None,
    };

    /// <summary>Parses <paramref name="text"/>: names separated by <c>;</c>, <c>,</c> or white space, in any
    /// case. Empty or null gives <see cref="ReportFormats.Default"/>. An unknown name adds
    /// <see cref="ReportDiagnostics.UnknownReportFormat"/> and is skipped.</summary>
    /// <param name="text">The list.</param>
    /// <param name="source">Where the list was set (a property and its file), for the diagnostic.</param>
    /// <param name="diagnostics">Receives a diagnostic per unknown name.</param>
    public static ReportFormats Parse(string? text, SourceLocation? source, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var names = (text ?? string.Empty).Split([';', ',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            return ReportFormats.Default;
        }

        var formats = ReportFormats.None;
        foreach (var name in names)
        {
            if (Names.TryGetValue(name, out var format))
            {
                formats |= format;
            }
            else
            {
                diagnostics.Add(ReportDiagnostics.UnknownReportFormat.Create(
                    $"'{Security.CredentialRedactor.RedactText(name)}' is not a report format; known: json, markdown, junit, cyclonedx, codequality, all, none.",
                    source));
            }
        }

        return formats;
    }
}
