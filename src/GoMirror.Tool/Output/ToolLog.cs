using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;

namespace GoMirror.Tool.Output;

/// <summary>
/// Engine output on standard error: step lines at the chosen detail, every diagnostic once with its code. Keeps
/// the errors so a verb can choose its exit code.
/// </summary>
internal sealed class ToolLog(ToolConsole console, GoMirrorLogLevel detail) : IGoMirrorLog
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Lock _gate = new();

    /// <summary>Every diagnostic seen, in order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics
    {
        get
        {
            lock (_gate)
            {
                return [.. _diagnostics];
            }
        }
    }

    /// <summary>True when an error diagnostic was seen.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>A progress display clears its line before a message is written, so they do not mix.</summary>
    public ProgressDisplay? Progress { get; set; }

    public void Message(GoMirrorLogLevel level, string text)
    {
        if (level > detail)
        {
            return;
        }

        lock (_gate)
        {
            Progress?.Clear();
            console.Error.WriteLine(text);
        }
    }

    public void Diagnostic(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        lock (_gate)
        {
            _diagnostics.Add(diagnostic);
            if (diagnostic.Severity == DiagnosticSeverity.Info && detail == GoMirrorLogLevel.Minimal)
            {
                return;
            }

            Progress?.Clear();
            DiagnosticWriter.Write(console.Error, diagnostic, console.ErrorColours);
        }
    }
}
