namespace GoMirror.Core.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is. Hosts map it to their own levels.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth knowing; never fails a build.</summary>
    Info,

    /// <summary>Probably wrong or unsafe; the build goes on.</summary>
    Warning,

    /// <summary>The work cannot be done as configured; the build fails.</summary>
    Error,
}
