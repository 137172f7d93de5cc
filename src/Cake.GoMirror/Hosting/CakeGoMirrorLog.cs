using Cake.Core.Diagnostics;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;

namespace Cake.GoMirror.Hosting;

/// <summary>
/// Engine output on Cake's log: progress at the verbosity that matches its level, each diagnostic as an
/// error, warning or information line carrying its GOMIRRORnnnn code, location, fix and help link.
/// </summary>
internal sealed class CakeGoMirrorLog(ICakeLog log) : IGoMirrorLog
{
    private readonly List<Diagnostic> _errors = [];
    private readonly Lock _gate = new();

    /// <summary>The error diagnostics seen so far, for the exception that fails the task.</summary>
    public IReadOnlyList<Diagnostic> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    public void Message(GoMirrorLogLevel level, string text)
    {
        var (verbosity, logLevel) = level switch
        {
            GoMirrorLogLevel.Minimal => (Verbosity.Minimal, LogLevel.Information),
            GoMirrorLogLevel.Normal => (Verbosity.Normal, LogLevel.Information),
            _ => (Verbosity.Verbose, LogLevel.Verbose),
        };
        Write(verbosity, logLevel, text);
    }

    public void Diagnostic(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                lock (_gate)
                {
                    _errors.Add(diagnostic);
                }

                Write(Verbosity.Quiet, LogLevel.Error, Describe(diagnostic));
                break;
            case DiagnosticSeverity.Warning:
                Write(Verbosity.Minimal, LogLevel.Warning, Describe(diagnostic));
                break;
            default:
                Write(Verbosity.Normal, LogLevel.Information, Describe(diagnostic));
                break;
        }
    }

    /// <summary>The one-line form of a diagnostic: location, severity, code, message, fix and help link.</summary>
    public static string Describe(Diagnostic diagnostic) =>
        diagnostic.Severity == DiagnosticSeverity.Info
            ? diagnostic.ToString()
            : diagnostic + " (" + diagnostic.Descriptor.HelpLink + ")";

    // Cake treats the text as a format string and colours its arguments; the text is passed as the format
    // with braces escaped so nothing is substituted and no colour codes land inside it (CI log parsers
    // read these lines).
    private void Write(Verbosity verbosity, LogLevel level, string text) =>
        log.Write(verbosity, level, text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
}
