using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Reports;

/// <summary>Diagnostic codes of reproducibility reports and drift (GOMIRROR0700–0749).</summary>
internal static class ReportDiagnostics
{
    /// <summary>A module was added since the baseline report.</summary>
    public static readonly DiagnosticDescriptor ModuleAdded = new(
        "GOMIRROR0701",
        DiagnosticSeverity.Info,
        "Module added since the baseline report",
        "If the new dependency is intended, accept the new report as the baseline; otherwise remove the require line from go.mod and run 'go mod tidy'.");

    /// <summary>A module disappeared since the baseline report.</summary>
    public static readonly DiagnosticDescriptor ModuleRemoved = new(
        "GOMIRROR0702",
        DiagnosticSeverity.Info,
        "Module removed since the baseline report",
        "If the removal is intended, accept the new report as the baseline; otherwise restore the require line in go.mod.");

    /// <summary>A module is now used at another version than in the baseline report.</summary>
    public static readonly DiagnosticDescriptor ModuleVersionChanged = new(
        "GOMIRROR0703",
        DiagnosticSeverity.Warning,
        "Module version changed since the baseline report",
        "If the upgrade or downgrade is intended, accept the new report as the baseline; otherwise pin the previous version in go.mod ('go get module@version').");

    /// <summary>The same module version now has other bytes than in the baseline report.</summary>
    public static readonly DiagnosticDescriptor ModuleHashChanged = new(
        "GOMIRROR0704",
        DiagnosticSeverity.Error,
        "Module hash changed for the same version",
        "A version's bytes must never change: find out which proxy served the other bytes (see 'proxy' in both reports), remove that proxy from GOPROXY or have it fixed, and restore the go.sum line from version control.");

    /// <summary>A policy setting differs from the baseline report.</summary>
    public static readonly DiagnosticDescriptor PolicyChanged = new(
        "GOMIRROR0705",
        DiagnosticSeverity.Warning,
        "Mirror policy changed since the baseline report",
        "If the policy change is intended, accept the new report as the baseline; otherwise restore the setting where the report says it came from.");

    /// <summary>The Go toolchain version differs from the baseline report.</summary>
    public static readonly DiagnosticDescriptor GoVersionChanged = new(
        "GOMIRROR0706",
        DiagnosticSeverity.Info,
        "Go version changed since the baseline report",
        "Install the Go version of the baseline (or pin it in CI, for example with actions/setup-go), or accept the new report as the baseline.");

    /// <summary>A module hash is not a well-formed <c>h1:</c> value.</summary>
    public static readonly DiagnosticDescriptor InvalidModuleHash = new(
        "GOMIRROR0710",
        DiagnosticSeverity.Warning,
        "Module hash is not a valid h1: hash",
        "Pass the hash exactly as Go prints it ('h1:' followed by 44 base64 characters); fix or delete the go.sum line and run 'go mod download' to record it again.");

    /// <summary>A go.mod path lies outside the repository root.</summary>
    public static readonly DiagnosticDescriptor GoModOutsideRepository = new(
        "GOMIRROR0711",
        DiagnosticSeverity.Warning,
        "go.mod is outside the repository root",
        "Set the repository root so that it contains every Go component, or move the component into the repository; the report records only the folder name otherwise.");

    /// <summary>SOURCE_DATE_EPOCH is set but not a number of seconds.</summary>
    public static readonly DiagnosticDescriptor InvalidSourceDateEpoch = new(
        "GOMIRROR0712",
        DiagnosticSeverity.Warning,
        "SOURCE_DATE_EPOCH is not a valid Unix time",
        "Set SOURCE_DATE_EPOCH to a non-negative whole number of seconds since 1970-01-01 UTC (for example 'git log -1 --format=%ct'), or unset it.");

    /// <summary>The report format list names an unknown format.</summary>
    public static readonly DiagnosticDescriptor UnknownReportFormat = new(
        "GOMIRROR0720",
        DiagnosticSeverity.Error,
        "Unknown report format",
        "List formats separated by ';' or ',' from: json, markdown, junit, cyclonedx, codequality (or 'all').");

    /// <summary>The baseline report file does not exist.</summary>
    public static readonly DiagnosticDescriptor BaselineNotFound = new(
        "GOMIRROR0721",
        DiagnosticSeverity.Warning,
        "Baseline report not found",
        "Point the baseline at a gomirror-report.json of an earlier build (for example one downloaded from the main branch's artifacts), or leave it unset to skip drift checks.");

    /// <summary>The baseline report cannot be read.</summary>
    public static readonly DiagnosticDescriptor BaselineMalformed = new(
        "GOMIRROR0722",
        DiagnosticSeverity.Error,
        "Baseline report cannot be read",
        "Use a gomirror-report.json written by GoMirror.Build, unmodified; regenerate it if it was edited or truncated.");

    /// <summary>The baseline report has a schema version this engine does not know.</summary>
    public static readonly DiagnosticDescriptor BaselineSchemaUnsupported = new(
        "GOMIRROR0723",
        DiagnosticSeverity.Error,
        "Baseline report has an unsupported schema version",
        "Regenerate the baseline with this version of GoMirror.Build, or upgrade GoMirror.Build to the version that wrote it.");

    /// <summary>A report file could not be written.</summary>
    public static readonly DiagnosticDescriptor ReportWriteFailed = new(
        "GOMIRROR0724",
        DiagnosticSeverity.Error,
        "Report file could not be written",
        "Make sure the report folder is writable and not locked by another process, or choose another folder.");
}
