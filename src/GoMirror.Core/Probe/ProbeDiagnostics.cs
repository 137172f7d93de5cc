using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Probe;

/// <summary>Diagnostic codes of the mirror probe (GOMIRROR1300–1319).</summary>
internal static class ProbeDiagnostics
{
    /// <summary>A mirror served a .mod or .zip whose h1: hash differs from go.sum: it is never suggested.</summary>
    public static readonly DiagnosticDescriptor InconsistentMirror = new(
        "GOMIRROR1300",
        DiagnosticSeverity.Error,
        "Mirror serves different bytes than go.sum records",
        "Do not use this mirror: it is left out of the suggested GOPROXY. Report it to its operator; check the module with 'go mod verify' and the checksum database.");

    /// <summary>A mirror answered 404/410 for versions go.sum names.</summary>
    public static readonly DiagnosticDescriptor StaleMirror = new(
        "GOMIRROR1301",
        DiagnosticSeverity.Warning,
        "Mirror lacks module versions go.sum names",
        "Put a mirror that has them first, or keep this one only with '|' after it so Go falls through to the next.");

    /// <summary>No request to a mirror succeeded.</summary>
    public static readonly DiagnosticDescriptor UnreachableMirror = new(
        "GOMIRROR1302",
        DiagnosticSeverity.Warning,
        "Mirror did not answer the probe",
        "Check the URL, the network path (HTTP proxy, firewall) and the mirror's status; it is left out of the suggested GOPROXY.");

    /// <summary>A mirror does not proxy the checksum database.</summary>
    public static readonly DiagnosticDescriptor SumDbNotSupported = new(
        "GOMIRROR1303",
        DiagnosticSeverity.Info,
        "Mirror does not proxy the checksum database",
        "Nothing to do when another mirror in GOPROXY does, or GOSUMDB names a reachable database; otherwise lookups of modules missing from go.sum go to the database directly.");

    /// <summary>The probe's time limit ended it before every request was made.</summary>
    public static readonly DiagnosticDescriptor ProbeTimeLimit = new(
        "GOMIRROR1304",
        DiagnosticSeverity.Warning,
        "Probe stopped at its time limit",
        "Raise the time limit, or probe fewer mirrors at once; the figures of the mirrors cut short are partial.");

    /// <summary>Neither the arguments nor GOPROXY name a mirror URL.</summary>
    public static readonly DiagnosticDescriptor NoMirror = new(
        "GOMIRROR1305",
        DiagnosticSeverity.Error,
        "No mirror to probe",
        "Name the mirrors to probe, or set GOPROXY to a list with at least one https://, http:// or file:// entry.");

    /// <summary>The components' go.sum files name no module version a proxy may be asked about.</summary>
    public static readonly DiagnosticDescriptor NoSamples = new(
        "GOMIRROR1306",
        DiagnosticSeverity.Error,
        "No module version to probe with",
        "Probe with a component whose go.sum lists public modules (run 'go mod tidy' first); private paths (GOPRIVATE/GONOPROXY) are never sent to a mirror.");

    /// <summary>A mirror named to the probe is not a URL Go accepts in GOPROXY.</summary>
    public static readonly DiagnosticDescriptor InvalidMirror = new(
        "GOMIRROR1307",
        DiagnosticSeverity.Error,
        "Mirror to probe is not a GOPROXY URL",
        "Name each mirror as GOPROXY would: https://host/path, http://host/path or file:///abs/path.");

    /// <summary>A mirror lists older newest versions than another mirror probed: it lags behind upstream.</summary>
    public static readonly DiagnosticDescriptor LatestBehind = new(
        "GOMIRROR1308",
        DiagnosticSeverity.Warning,
        "Mirror lags behind the others",
        "Builds pinned by go.sum still work; 'go get -u' and @latest through this mirror see older versions. Put a mirror that is current first in GOPROXY, or ask its operator how often it refreshes lists.");
}
