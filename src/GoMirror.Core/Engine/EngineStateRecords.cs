using System.Text.Json.Serialization;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Engine;

/// <summary>The stamp of the inputs a step ran with: one hash over everything, and one per input so that the
/// next run can say what changed. Values are SHA-256 hashes only: no credential is ever stored.</summary>
internal sealed record StampState(string Value, Dictionary<string, string> Parts);

/// <summary>What the pre-warm step saved.</summary>
internal sealed record PrewarmState(StampState Stamp, bool Succeeded, TimeSpan Duration, List<ModuleState> Modules, List<DiagnosticState> Diagnostics);

/// <summary>One module version's pre-warm result.</summary>
internal sealed record ModuleState(
    string Path,
    string Version,
    bool NeedsZip,
    string Outcome,
    string? ServedBy,
    long Bytes,
    TimeSpan Duration,
    string? ZipHash,
    string? GoModHash,
    string? GoSumFile,
    int GoSumLine,
    List<string> Components,
    string? Verification = null);

/// <summary>What the download step saved.</summary>
internal sealed record DownloadState(
    StampState Stamp,
    bool Succeeded,
    string? GoVersion,
    TimeSpan Duration,
    TimeSpan? OfflineDuration,
    List<ComponentDownloadState> Components,
    List<DiagnosticState> Diagnostics);

/// <summary>One component's <c>go mod download -json</c> results, and the offline proof when it ran.</summary>
internal sealed record ComponentDownloadState(string GoModPath, bool Succeeded, bool? OfflineSucceeded, List<GoModuleState> Modules);

/// <summary>One object of <c>go mod download -json</c>.</summary>
internal sealed record GoModuleState(string Path, string Version, string? Sum, string? GoModSum, string? Error);

/// <summary>What the report step saved, and which step results it was made from.</summary>
internal sealed record ReportState(StampState Stamp, bool Succeeded, TimeSpan Duration, bool UsedPrewarm, bool UsedDownload, string? ReportFile, string? Fingerprint, List<string> Files, List<DiagnosticState> Diagnostics);

/// <summary>A diagnostic as saved: enough to log it again and to list it in the report.</summary>
internal sealed record DiagnosticState(
    string Code,
    DiagnosticSeverity Severity,
    string Title,
    string Message,
    string Fix,
    string? Where,
    string? File,
    int Line,
    int Column)
{
    public static DiagnosticState From(Diagnostic d) =>
        new(d.Code, d.Severity, d.Descriptor.Title, d.Message, d.Fix, d.Location?.Description, d.Location?.File, d.Location?.Line ?? 0, d.Location?.Column ?? 0);

    public Diagnostic ToDiagnostic() =>
        new(
            new DiagnosticDescriptor(Code, Severity, Title, Fix),
            Severity,
            Message,
            Fix,
            Where is null ? null : new SourceLocation(Where, File, Line, Column));
}

/// <summary>The JSON contract of the state files (source-generated: no reflection at run time).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PrewarmState))]
[JsonSerializable(typeof(DownloadState))]
[JsonSerializable(typeof(ReportState))]
internal sealed partial class EngineStateJson : JsonSerializerContext;
