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
        "Remove the user-info from the property and keep the credential where Go reads it: a netrc entry (~/.netrc or the file NETRC names), GOAUTH (GoMirrorAuth), or a CI secret whose variable name GoMirrorProxyTokenVariable gives; MSBuild records every property value in its logs and binary logs.");
}
