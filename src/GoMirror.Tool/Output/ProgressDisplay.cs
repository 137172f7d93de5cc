using System.Diagnostics;
using System.Globalization;

namespace GoMirror.Tool.Output;

/// <summary>
/// Progress of long work on standard error. On a terminal: one line redrawn in place (a bar and a counter when
/// the total is known, elapsed time otherwise). Redirected: a plain line when the work starts, at every quarter
/// and at the end, so a CI log stays readable.
/// </summary>
internal sealed class ProgressDisplay : IDisposable
{
    private const int BarWidth = 24;
    private readonly ToolConsole _console;
    private readonly string _label;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly Timer? _ticker;
    private int _done;
    private int _total;
    private int _lastQuarter;
    private bool _drawn;

    /// <summary>Starts showing progress of <paramref name="label"/>.</summary>
    public ProgressDisplay(ToolConsole console, string label)
    {
        _console = console;
        _label = label;
        if (console.ErrorIsTerminal)
        {
            // Redraw the elapsed time while nothing else reports.
            _ticker = new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
        }
        else
        {
            console.Error.WriteLine(label + ": started");
        }
    }

    /// <summary><paramref name="done"/> of <paramref name="total"/> units are finished.</summary>
    public void Report(int done, int total)
    {
        lock (_gate)
        {
            _done = done;
            _total = total;
            if (!_console.ErrorIsTerminal)
            {
                var quarter = total <= 0 ? 0 : done * 4 / total;
                if (quarter > _lastQuarter && quarter < 4)
                {
                    _lastQuarter = quarter;
                    _console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_label}: {done}/{total}"));
                }

                return;
            }
        }

        Draw();
    }

    /// <summary>Removes the live line (before other output is written).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                _console.Error.Write("\r\u001b[2K");
                _drawn = false;
            }
        }
    }

    /// <summary>Stops and, when redirected, writes the closing line.</summary>
    public void Dispose()
    {
        _ticker?.Dispose();
        Clear();
        if (!_console.ErrorIsTerminal)
        {
            lock (_gate)
            {
                var counted = _total > 0 ? string.Create(CultureInfo.InvariantCulture, $" {_done}/{_total},") : string.Empty;
                _console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_label}: done,{counted} {_clock.Elapsed.TotalSeconds:0.0} s"));
            }
        }
    }

    private void Draw()
    {
        lock (_gate)
        {
            var seconds = _clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            string line;
            if (_total > 0)
            {
                var filled = Math.Clamp(_done * BarWidth / _total, 0, BarWidth);
                var bar = new string('#', filled) + new string('.', BarWidth - filled);
                line = string.Create(CultureInfo.InvariantCulture, $"{_label} [{bar}] {_done}/{_total} {seconds} s");
            }
            else
            {
                line = $"{_label} … {seconds} s";
            }

            _console.Error.Write("\r\u001b[2K" + Ansi.Paint(_console.ErrorColours, Ansi.Dim, line));
            _drawn = true;
        }
    }
}
