using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Hashing;

/// <summary>
/// Hashing failed because of the input (a name with a newline, a zip Go could not read), not because of
/// the machine. <see cref="Diagnostic"/> says what, where and how to fix it; report it instead of the trace.
/// </summary>
internal sealed class ModuleHashException : Exception
{
    /// <summary>Creates the exception for <paramref name="diagnostic"/>.</summary>
    public ModuleHashException(Diagnostic diagnostic, Exception? inner = null)
        : base(diagnostic?.ToString(), inner)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        Diagnostic = diagnostic;
    }

    /// <summary>The finding to report.</summary>
    public Diagnostic Diagnostic { get; }
}
