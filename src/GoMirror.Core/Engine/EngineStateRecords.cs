using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.ModuleSets;
using GoMirror.Core.Prewarm;

namespace GoMirror.Core.Engine;

/// <summary>
/// What every step saves, whatever else it records: the stamp of the inputs it ran with and whether it
/// succeeded. The static members let <see cref="EngineState"/> read and write any step's state through one
/// generic path.
/// </summary>
/// <typeparam name="TSelf">The state record itself.</typeparam>
internal interface IStepState<TSelf>
    where TSelf : class, IStepState<TSelf>
{
    /// <summary>The file in the state folder, for example <c>prewarm.json</c>.</summary>
    static abstract string FileName { get; }

    /// <summary>The source-generated JSON contract, for reading.</summary>
    static abstract JsonTypeInfo<TSelf> Json { get; }

    /// <summary>The source-generated writer: the same JSON, written by generated code without building the
    /// contract's metadata (which would compile the serializer's code for every value type in the records).</summary>
    static abstract JsonTypeInfo<TSelf> WriteJson { get; }

    /// <summary>The inputs the step ran with.</summary>
    StampState Stamp { get; }

    /// <summary>True when the step did its work without an error.</summary>
    bool Succeeded { get; }

    /// <summary>The part of the state the up-to-date check needs.</summary>
    StepSummary ToSummary() => new(Stamp.Value, Succeeded, false, false, null, null, []);
}

/// <summary>The stamp of the inputs a step ran with: one hash over everything, and one per input so that the
/// next run can say what changed. Values are SHA-256 hashes only: no credential is ever stored.</summary>
internal sealed record StampState(string Value, Dictionary<string, string> Parts);

/// <summary>What the pre-warm step saved, with what happened to each component's module set on its NuGet feed
/// (pulled, pushed, ...; null with module sets off).</summary>
internal sealed record PrewarmState(StampState Stamp, bool Succeeded, TimeSpan Duration, List<ModuleState> Modules, List<DiagnosticState> Diagnostics, List<ModuleSetState>? ModuleSets = null)
    : IStepState<PrewarmState>
{
    public static string FileName => "prewarm.json";

    public static JsonTypeInfo<PrewarmState> Json => EngineStateJson.Default.PrewarmState;

    public static JsonTypeInfo<PrewarmState> WriteJson => EngineStateWriteJson.Default.PrewarmState;
}

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
    string? Verification = null,
    string? ModuleSet = null)
{
    /// <summary>The state of one pre-warm result.</summary>
    public static ModuleState From(ModulePrewarmResult m) => new(
        m.Module.Path,
        m.Module.Version,
        m.NeedsZip,
        m.Outcome.ToString(),
        m.ServedBy,
        m.Bytes,
        m.Duration,
        m.ZipHash,
        m.GoModHash,
        m.GoSumLine?.File,
        m.GoSumLine?.Line ?? 0,
        [.. m.Components],
        m.Verification);
}

/// <summary>What the download step saved.</summary>
internal sealed record DownloadState(
    StampState Stamp,
    bool Succeeded,
    string? GoVersion,
    TimeSpan Duration,
    TimeSpan? OfflineDuration,
    List<ComponentDownloadState> Components,
    List<DiagnosticState> Diagnostics)
    : IStepState<DownloadState>
{
    public static string FileName => "download.json";

    public static JsonTypeInfo<DownloadState> Json => EngineStateJson.Default.DownloadState;

    public static JsonTypeInfo<DownloadState> WriteJson => EngineStateWriteJson.Default.DownloadState;
}

/// <summary>One component's <c>go mod download -json</c> results, and the offline proof when it ran.</summary>
internal sealed record ComponentDownloadState(string GoModPath, bool Succeeded, bool? OfflineSucceeded, List<GoModuleState> Modules)
{
    /// <summary>The Go that ran for the component and the Go found; null when the step stopped before asking.</summary>
    public ComponentToolchainState? Toolchain { get; init; }
}

/// <summary>Which Go ran <c>go mod download</c> for a component.</summary>
/// <param name="Go">What the Go that ran said (<c>go env GOVERSION</c>), for example <c>go1.23.5</c>.</param>
/// <param name="FoundGo">The Go found (<c>go version</c>), which switched to <paramref name="Go"/> or is it.</param>
/// <param name="Selection"><c>local</c>, <c>path</c> (a toolchain on PATH) or <c>switch</c> (the toolchain module).</param>
/// <param name="Module">The toolchain module a switch runs (<c>golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64</c>), else null.</param>
internal sealed record ComponentToolchainState(string Go, string FoundGo, string Selection, string? Module);

/// <summary>One object of <c>go mod download -json</c>.</summary>
internal sealed record GoModuleState(string Path, string Version, string? Sum, string? GoModSum, string? Error);

/// <summary>What the report step saved, and which step results it was made from.</summary>
internal sealed record ReportState(StampState Stamp, bool Succeeded, TimeSpan Duration, bool UsedPrewarm, bool UsedDownload, string? ReportFile, string? Fingerprint, List<string> Files, List<DiagnosticState> Diagnostics)
    : IStepState<ReportState>
{
    public static string FileName => "report.json";

    public static JsonTypeInfo<ReportState> Json => EngineStateJson.Default.ReportState;

    public static JsonTypeInfo<ReportState> WriteJson => EngineStateWriteJson.Default.ReportState;

    public StepSummary ToSummary() => new(Stamp.Value, Succeeded, UsedPrewarm, UsedDownload, ReportFile, Fingerprint, Files);
}

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

/// <summary>The writing half of <see cref="EngineStateJson"/>: the same options, serialization code only (a step
/// that runs writes its state; only a later run reads it).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(PrewarmState))]
[JsonSerializable(typeof(DownloadState))]
[JsonSerializable(typeof(ReportState))]
internal sealed partial class EngineStateWriteJson : JsonSerializerContext;
