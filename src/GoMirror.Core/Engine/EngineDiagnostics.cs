using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Engine;

/// <summary>Diagnostic codes of the engine that hosts call (GOMIRROR0575–0599).</summary>
internal static class EngineDiagnostics
{
    /// <summary>A state file of an earlier step could not be read; the steps run again instead of trusting it.</summary>
    public static readonly DiagnosticDescriptor StateUnreadable = new(
        "GOMIRROR0575",
        DiagnosticSeverity.Warning,
        "Results of an earlier step could not be read",
        "Nothing to do: the steps run again and rewrite the state. If it keeps happening, delete the state folder named in the message.");

    /// <summary>A step's results could not be saved; later steps (or the next build) redo the work.</summary>
    public static readonly DiagnosticDescriptor StateNotWritten = new(
        "GOMIRROR0576",
        DiagnosticSeverity.Warning,
        "Results of a step could not be saved",
        "Make the module cache (GOMODCACHE) writable; the state lives in its cache/gomirror/state folder.");

    /// <summary>The report step found no pre-warm or download results for the current inputs.</summary>
    public static readonly DiagnosticDescriptor NothingToReport = new(
        "GOMIRROR0577",
        DiagnosticSeverity.Error,
        "Nothing to report: no step ran for these inputs",
        "Run the pre-warm (GoMirrorPrewarm) and the download (GoModDownload) steps before the report step, with the same GoModule items, report folder and policy; or run them all at once with RunAsync.");

    /// <summary>The report was made from the pre-warm alone: <c>go mod download</c> did not run for these inputs.</summary>
    public static readonly DiagnosticDescriptor ReportWithoutDownload = new(
        "GOMIRROR0578",
        DiagnosticSeverity.Warning,
        "Report made without go mod download results",
        "Run the download step (GoModDownload) between the pre-warm and the report so the report records what the go command itself verified.");

    /// <summary>A component could not be downloaded with <c>GOPROXY=off</c>: it still needs the network.</summary>
    public static readonly DiagnosticDescriptor OfflineProofFailed = new(
        "GOMIRROR0579",
        DiagnosticSeverity.Error,
        "Component does not download without the network",
        "Read Go's message below this one: usually a module left to the go command (private, 'direct') that go mod download did not fetch, or a go.sum entry missing. Add the missing go.sum lines with 'go mod tidy', or turn the offline proof off.");

    /// <summary>An engine option has a value that cannot be used.</summary>
    public static readonly DiagnosticDescriptor InvalidOption = new(
        "GOMIRROR0580",
        DiagnosticSeverity.Error,
        "Invalid GoMirror option",
        "Correct the option named in the message (an MSBuild property or a Cake setting).");

    /// <summary>No Go component was given.</summary>
    public static readonly DiagnosticDescriptor NoComponents = new(
        "GOMIRROR0581",
        DiagnosticSeverity.Error,
        "No Go component given",
        "Add a GoModule item naming each go.mod (MSBuild: <GoModule Include=\"tools/agent/go.mod\" />; Cake: pass the go.mod paths to the alias).");

    /// <summary>The drift severity list has an entry that is not <c>Kind=severity</c> with a known kind and severity.</summary>
    public static readonly DiagnosticDescriptor InvalidDriftSeverity = new(
        "GOMIRROR0582",
        DiagnosticSeverity.Error,
        "Invalid drift severity",
        "Write GoMirrorDriftSeverity (MSBuild) or DriftSeverity (Cake) as Kind=severity entries separated by ';', for example 'VersionChanged=error;HashChanged=warning'. Kinds: ModuleAdded, ModuleRemoved, VersionChanged, HashChanged, PolicyChanged, GoVersionChanged (or their codes GOMIRROR0701-0706); severities: error, warning, info.");
}
