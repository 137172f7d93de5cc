namespace GoMirror.Core.Diagnostics;

/// <summary>A thread-safe collector of diagnostics, kept in the order they were reported.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly Lock _gate = new();

    /// <summary>Adds one diagnostic.</summary>
    public void Add(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        lock (_gate)
        {
            _items.Add(diagnostic);
        }
    }

    /// <summary>Adds several diagnostics.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        lock (_gate)
        {
            _items.AddRange(diagnostics);
        }
    }

    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors
    {
        get
        {
            lock (_gate)
            {
                return _items.Exists(d => d.IsError);
            }
        }
    }

    /// <summary>A snapshot of what was reported so far.</summary>
    public IReadOnlyList<Diagnostic> ToList()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }
}
