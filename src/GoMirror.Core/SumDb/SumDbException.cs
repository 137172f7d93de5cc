using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.SumDb;

/// <summary>A checksum database failure, with the code that says what kind it is.</summary>
internal sealed class SumDbException : Exception
{
    /// <summary>Creates the failure.</summary>
    public SumDbException(DiagnosticDescriptor descriptor, string message, Exception? inner = null)
        : base(message, inner) => Descriptor = descriptor;

    /// <summary>What kind of failure.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>True for failures Go reports with "SECURITY ERROR".</summary>
    public bool IsSecurityError => Descriptor == SumDbDiagnostics.ChecksumMismatch || Descriptor == SumDbDiagnostics.Misbehavior;
}
