namespace GoMirror.Core.Diagnostics;

/// <summary>The family a diagnostic code belongs to, so a host can treat a family alike without knowing its
/// range of codes.</summary>
public enum DiagnosticCategory
{
    /// <summary>Any code that is not in a family of its own.</summary>
    General,

    /// <summary>A finding about the mirror policy (GOPROXY, GOPRIVATE, GOSUMDB, ...): the policy check reports
    /// it, and a later step that resolves the same policy finds it again.</summary>
    Policy,
}
