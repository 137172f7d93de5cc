using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Reports;

/// <summary>Writes the chosen report formats into one folder, each file replaced atomically.</summary>
internal static class ReportFileWriter
{
    /// <summary>Renders every format in <paramref name="formats"/>: file name to content.</summary>
    public static IReadOnlyDictionary<string, string> Render(ReproducibilityReport report, ReportFormats formats, ReportWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= new ReportWriteOptions();
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (formats.HasFlag(ReportFormats.Json))
        {
            files[ReportJson.FileName] = ReportJson.Write(report);
        }

        if (formats.HasFlag(ReportFormats.Markdown))
        {
            files[MarkdownSummaryWriter.FileName] = MarkdownSummaryWriter.Write(report, options.MarkdownNotes);
        }

        if (formats.HasFlag(ReportFormats.JUnit))
        {
            files[JUnitReportWriter.FileName] = JUnitReportWriter.Write(report, options.Timestamp);
        }

        if (formats.HasFlag(ReportFormats.CycloneDx))
        {
            files[CycloneDxWriter.FileName] = CycloneDxWriter.Write(report, options.CycloneDx with { Timestamp = options.CycloneDx.Timestamp ?? options.Timestamp });
        }

        if (formats.HasFlag(ReportFormats.CodeQuality))
        {
            files[CodeQualityWriter.FileName] = CodeQualityWriter.Write(report);
        }

        return files;
    }

    /// <summary>Writes every format in <paramref name="formats"/> into <paramref name="folder"/> (created when
    /// missing) and returns the full paths written. A file that cannot be written adds
    /// <see cref="ReportDiagnostics.ReportWriteFailed"/>; the others are still written.</summary>
    public static IReadOnlyList<string> Write(ReproducibilityReport report, string folder, ReportFormats formats, DiagnosticBag diagnostics, ReportWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var written = new List<string>();
        foreach (var (name, content) in Render(report, formats, options))
        {
            var path = Path.Combine(folder, name);
            if (TryWriteAtomically(path, content, diagnostics))
            {
                written.Add(path);
            }
        }

        return written;
    }

    /// <summary>Writes UTF-8 (no BOM) text to a temporary file next to <paramref name="path"/> and renames it
    /// into place, so a reader never sees half a report.</summary>
    public static bool TryWriteAtomically(string path, string content, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var temp = path + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(temp, content, JsonText.Utf8NoBom);
            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(ReportDiagnostics.ReportWriteFailed.Create(
                $"Could not write '{path}': {e.Message}", new SourceLocation(path)));
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The write already failed and was reported; a stray temp file is the lesser problem.
            }

            return false;
        }
    }
}

/// <summary>Options shared by the report formats.</summary>
internal sealed record ReportWriteOptions
{
    /// <summary>The time written where a format needs one (JUnit <c>timestamp</c>, CycloneDX
    /// <c>metadata.timestamp</c>): SOURCE_DATE_EPOCH's, or nothing to leave those fields out.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Options of the CycloneDX SBOM.</summary>
    public CycloneDxOptions CycloneDx { get; init; } = new();

    /// <summary>Extra lines for the Markdown summary's findings section.</summary>
    public IReadOnlyList<string>? MarkdownNotes { get; init; }
}
