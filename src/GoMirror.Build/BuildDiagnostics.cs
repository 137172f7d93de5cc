using GoMirror.Core.Diagnostics;

namespace GoMirror.Build;

/// <summary>Diagnostic codes of the MSBuild integration (GOMIRROR0600–0699).</summary>
public static class BuildDiagnostics
{
    /// <summary>A policy property carries URL credentials, which MSBuild records in logs and binlogs.</summary>
    public static readonly DiagnosticDescriptor CredentialsInProperty = new(
        "GOMIRROR0600",
        DiagnosticSeverity.Warning,
        "Credentials in an MSBuild property",
        "Remove the user-info from the property and set the credentialed proxy list in the GOPROXY environment variable (a CI secret) instead; MSBuild records every property value in its logs and binary logs.");
}
