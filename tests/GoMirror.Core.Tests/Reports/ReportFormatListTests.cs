using GoMirror.Core.Diagnostics;
using GoMirror.Core.Reports;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Reports;

public class ReportFormatListTests
{
    [Theory]
    [InlineData(null, ReportFormats.Json | ReportFormats.Markdown)]
    [InlineData(" ", ReportFormats.Json | ReportFormats.Markdown)]
    [InlineData("json;markdown;junit;cyclonedx;codequality", ReportFormats.All)]
    [InlineData("JUnit, SBOM code-quality", ReportFormats.JUnit | ReportFormats.CycloneDx | ReportFormats.CodeQuality)]
    [InlineData("none", ReportFormats.None)]
    public void Parses_lists(string? text, ReportFormats expected)
    {
        var bag = new DiagnosticBag();
        Assert.Equal(expected, ReportFormatList.Parse(text, null, bag));
        Assert.Empty(bag.ToList());
    }

    [Fact]
    public void Unknown_format_is_an_error_naming_the_known_ones()
    {
        var bag = new DiagnosticBag();
        Assert.Equal(ReportFormats.Json, ReportFormatList.Parse("json;sarif", SourceLocation.InFile("Directory.Build.props", 4), bag));
        var d = Assert.Single(bag.ToList());
        Assert.Equal(ReportDiagnostics.UnknownReportFormat.Code, d.Code);
        Assert.Contains("'sarif'", d.Message, StringComparison.Ordinal);
        Assert.Equal(4, d.Location!.Line);
    }

    [Fact]
    public void Only_the_chosen_files_are_written_and_a_blocked_folder_is_reported()
    {
        using var temp = new TempDirectory();
        var report = ReportSamples.Build(temp.Path, "/c");
        var bag = new DiagnosticBag();
        var written = ReportFileWriter.Write(report, temp.Combine("out"), ReportFormats.JUnit | ReportFormats.CodeQuality, bag);
        Assert.Equal([CodeQualityWriter.FileName, JUnitReportWriter.FileName], written.Select(Path.GetFileName));
        Assert.Empty(bag.ToList());
        Assert.Empty(Directory.GetFiles(temp.Combine("out"), "*.tmp"));

        File.WriteAllText(temp.Combine("blocker"), "a file where the folder should be");
        Assert.Empty(ReportFileWriter.Write(report, temp.Combine("blocker"), ReportFormats.Json, bag));
        Assert.Equal(ReportDiagnostics.ReportWriteFailed.Code, Assert.Single(bag.ToList()).Code);
    }
}
