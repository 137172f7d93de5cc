namespace GoMirror.Core.Diagnostics;

/// <summary>
/// One stable diagnostic code (<c>GOMIRRORnnnn</c>): its default severity, a short title and the general fix.
/// Each code has a page at <c>docs/errors/GOMIRRORnnnn.md</c>; <see cref="HelpLink"/> points at it.
/// Descriptors are declared as <c>public static readonly</c> fields of the <c>*Diagnostics</c> class of
/// each concern, so a test can find them all and check that codes are unique and documented.
/// </summary>
/// <param name="Code">The stable code, <c>GOMIRROR</c> followed by four digits.</param>
/// <param name="DefaultSeverity">The severity used unless the caller overrides it.</param>
/// <param name="Title">A one-line summary of the problem.</param>
/// <param name="Fix">What to change to resolve it, in general terms.</param>
/// <param name="Category">The family of the code.</param>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity DefaultSeverity, string Title, string Fix, DiagnosticCategory Category = DiagnosticCategory.General)
{
    /// <summary>Base address of the per-code documentation pages.</summary>
    public const string HelpBaseUri = "https://github.com/GoMirror/GoMirror.Build/blob/main/docs/errors/";

    /// <summary>The documentation page for this code.</summary>
    public string HelpLink => HelpBaseUri + Code + ".md";

    /// <summary>Creates a diagnostic for this code.</summary>
    /// <param name="message">What went wrong, specific to this occurrence (module, proxy, value...).</param>
    /// <param name="location">Where, when known.</param>
    /// <param name="fix">A fix specific to this occurrence; defaults to <see cref="Fix"/>.</param>
    /// <param name="severity">Overrides <see cref="DefaultSeverity"/>.</param>
    public Diagnostic Create(string message, SourceLocation? location = null, string? fix = null, DiagnosticSeverity? severity = null) =>
        new(this, severity ?? DefaultSeverity, message, fix ?? Fix, location);
}
