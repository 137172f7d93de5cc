namespace GoMirror.Core.Probe;

/// <summary>The raw figures of one mirror, before ranking.</summary>
internal sealed class MirrorMeasurement(string display)
{
    private readonly Lock _gate = new();

    /// <summary>The mirror, credentials masked.</summary>
    public string Display { get; } = display;

    /// <summary>Milliseconds of each answered small request.</summary>
    public List<double> LatenciesMs { get; } = [];

    /// <summary>Zip bytes received and the seconds they took.</summary>
    public long ZipBytes { get; set; }

    public double ZipSeconds { get; set; }

    public SortedSet<string> Missing { get; } = new(StringComparer.Ordinal);

    /// <summary>Item (<c>path@version</c> or <c>path@version/go.mod</c>) → the h1: the mirror served for it.</summary>
    public SortedDictionary<string, string> Served { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Inconsistent { get; } = new(StringComparer.Ordinal);

    /// <summary>Module path → the newest version of its <c>@v/list</c> here (releases before pre-releases, as Go
    /// picks <c>@latest</c> from a list); absent when the list was not served.</summary>
    public SortedDictionary<string, string> Latest { get; } = new(StringComparer.Ordinal);

    public bool? SumDbSupported { get; set; }

    public int Requests { get; set; }

    public int Failures { get; set; }

    public bool CutShort { get; set; }

    /// <summary>A mirror no request of which was answered at all (not even 404).</summary>
    public bool Unreachable => Requests > 0 && Failures == Requests;

    public void Locked(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }
}
