using System.Globalization;
using Cake.Core.Diagnostics;

namespace Cake.GoMirror.Tests.Infrastructure;

// Cake.Testing (which has FakeLog) cannot be restored on the build machine, so the unit tests carry the
// few small fakes of Cake.Core's interfaces they need. This one records what the aliases log.

/// <summary>One line written to the log, formatted as Cake formats it.</summary>
public sealed record LoggedLine(Verbosity Verbosity, LogLevel Level, string Text);

/// <summary>An <see cref="ICakeLog"/> that keeps every line.</summary>
public sealed class FakeCakeLog : ICakeLog
{
    private readonly Lock _gate = new();
    private readonly List<LoggedLine> _lines = [];

    public Verbosity Verbosity { get; set; } = Verbosity.Diagnostic;

    public IReadOnlyList<LoggedLine> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
    {
        // Cake substitutes arguments as string.Format does (its own parser, same escapes).
        var text = string.Format(CultureInfo.InvariantCulture, format, args);
        lock (_gate)
        {
            _lines.Add(new LoggedLine(verbosity, level, text));
        }
    }
}
