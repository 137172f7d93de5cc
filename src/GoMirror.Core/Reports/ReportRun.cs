using GoMirror.Core.Diagnostics;
using GoMirror.Core.Ci;
using GoMirror.Core.Security;

namespace GoMirror.Core.Reports;

/// <summary>What one report run needs: the model, where to write, which formats, the baseline, the host's
/// environment, log and clock.</summary>
internal sealed record ReportRunRequest
{
    /// <summary>The report's content.</summary>
    public required ReportInput Input { get; init; }

    /// <summary>The repository root (see <see cref="ReportBuilder"/>).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>The folder under which the per-job report folder (<see cref="CiEnvironment.ReportFolderName"/>) is made.</summary>
    public required string OutputRoot { get; init; }

    /// <summary>The formats to write.</summary>
    public ReportFormats Formats { get; init; } = ReportFormats.Default;

    /// <summary>A previous <c>gomirror-report.json</c> to check drift against, or <see langword="null"/>.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>The severity of each kind of drift.</summary>
    public DriftOptions Drift { get; init; } = new();

    /// <summary>Further machine-specific folders and their tokens (see <see cref="ReportBuilder"/>).</summary>
    public IReadOnlyDictionary<string, string>? PathTokens { get; init; }

    /// <summary>The matrix leg, when the host knows it (see <see cref="CiEnvironment.ReportFolderName"/>).</summary>
    public string? Leg { get; init; }

    /// <summary>Options of the CycloneDX SBOM.</summary>
    public CycloneDxOptions CycloneDx { get; init; } = new();

    /// <summary>The environment: CI detection, CI files, SOURCE_DATE_EPOCH.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Where CI log commands go (the build's standard output).</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>The clock, used only where no SOURCE_DATE_EPOCH is set and for log section times.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The run's redactor, holding every secret it knows.</summary>
    public CredentialRedactor Redactor { get; init; } = new();
}

/// <summary>What a report run produced.</summary>
/// <param name="Report">The report, drift findings included.</param>
/// <param name="ReportFolder">The folder the files were written to.</param>
/// <param name="Files">Every file written (reports and the GitLab dotenv).</param>
/// <param name="Drift">The drift check, or <see langword="null"/> without a readable baseline.</param>
/// <param name="Diagnostics">Everything the run reported, for the host to log.</param>
internal sealed record ReportRunResult(ReproducibilityReport Report, string ReportFolder, IReadOnlyList<string> Files, DriftResult? Drift, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error (a hash changed, a report could not be written, ...).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// One call for hosts (MSBuild task, Cake alias): builds the report, checks drift against a baseline,
/// publishes to the detected CI (annotations, step summary, outputs; sections, dotenv), and writes the chosen
/// formats into a folder unique per job and matrix leg.
/// </summary>
internal static class ReportRun
{
    /// <summary>Runs it. Never throws for bad input or I/O trouble: see <see cref="ReportRunResult.Diagnostics"/>.</summary>
    public static ReportRunResult Execute(ReportRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var diagnostics = new DiagnosticBag();
        var ci = new CiEnvironment(request.Environment);
        var sourceDate = SourceDateEpoch.Read(request.Environment, diagnostics);
        var environment = request.Input.Environment;
        var input = request.Input with
        {
            Environment = environment with
            {
                CiProvider = environment.CiProvider ?? ci.ProviderName,
                RunId = environment.RunId ?? ci.RunId,
                Job = environment.Job ?? ci.Job,
                GeneratedAt = environment.GeneratedAt ?? sourceDate ?? request.Clock.GetUtcNow(),
            },
        };

        var builder = new ReportBuilder(request.RepositoryRoot, request.Redactor, request.PathTokens);
        var report = builder.Build(input, diagnostics);
        DriftResult? drift = null;
        if (request.BaselinePath is not null && ReportJsonReader.ReadFile(request.BaselinePath, diagnostics) is { } baseline)
        {
            drift = DriftAnalyzer.Compare(baseline, report, request.Drift);
            diagnostics.AddRange(drift.Diagnostics);
            report = builder.AddFindings(report, drift.Diagnostics);
        }

        var folder = Path.Combine(request.OutputRoot, ci.ReportFolderName(request.Leg, request.Redactor));
        var files = new List<string>();
        IReadOnlyList<string>? notes = null;
        switch (ci.Provider)
        {
            case CiProvider.GitHubActions:
                notes = new GitHubActionsPublisher(request.Environment, request.Log, request.Redactor).Publish(report, diagnostics).Notes;
                break;
            case CiProvider.GitLabCi:
                if (new GitLabCiPublisher(request.Log, request.Clock, request.Redactor).Publish(report, folder, diagnostics) is { } dotenv)
                {
                    files.Add(dotenv);
                }

                break;
            default:
                break;
        }

        var options = new ReportWriteOptions { Timestamp = sourceDate, CycloneDx = request.CycloneDx, MarkdownNotes = notes };
        files.InsertRange(0, ReportFileWriter.Write(report, folder, request.Formats, diagnostics, options));
        return new ReportRunResult(report, folder, files, drift, diagnostics.ToList());
    }
}
