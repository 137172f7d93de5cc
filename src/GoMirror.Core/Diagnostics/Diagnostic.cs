namespace GoMirror.Core.Diagnostics;

/// <summary>
/// One finding of the engine: a stable code, a severity, what happened, where, and how to fix it.
/// Messages never contain credentials: whoever builds one passes URLs through
/// <see cref="Security.CredentialRedactor"/> first.
/// </summary>
/// <param name="Descriptor">The code this diagnostic is an occurrence of.</param>
/// <param name="Severity">The severity of this occurrence.</param>
/// <param name="Message">What went wrong, specific to this occurrence.</param>
/// <param name="Fix">How to fix it.</param>
/// <param name="Location">Where, when known.</param>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    DiagnosticSeverity Severity,
    string Message,
    string Fix,
    SourceLocation? Location)
{
    /// <summary>The stable code, for example <c>GOMIRROR0001</c>.</summary>
    public string Code => Descriptor.Code;

    /// <summary>True when this diagnostic fails the work.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <inheritdoc />
    public override string ToString()
    {
        var where = Location is null ? string.Empty : Location + ": ";
        var level = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "info",
        };
        return $"{where}{level} {Code}: {Message} Fix: {Fix}";
    }
}
