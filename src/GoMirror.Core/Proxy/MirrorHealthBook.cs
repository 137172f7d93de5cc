using System.Collections.Concurrent;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;
using GoMirror.Core.Web;

namespace GoMirror.Core.Proxy;

/// <summary>
/// The <see cref="MirrorHealth"/> of every mirror a client has asked during its run (one per proxy URL), and the
/// findings that must reach the log once per run rather than once per request: a breaker that opened
/// (<see cref="ProxyDiagnostics.ProxyCircuitOpened"/>) and a mirror whose requests were hedged
/// (<see cref="ProxyDiagnostics.ProxyHedged"/>).
/// </summary>
internal sealed class MirrorHealthBook(GoProxyClientOptions options)
{
    private readonly ConcurrentDictionary<string, MirrorHealth> _mirrors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Diagnostic> _diagnostics = new();
    private readonly ConcurrentDictionary<string, bool> _hedgesReported = new(StringComparer.Ordinal);

    /// <summary>The health of <paramref name="entry"/>'s mirror (an http(s) or file: entry).</summary>
    public MirrorHealth For(ProxyEntry entry) =>
        _mirrors.GetOrAdd(entry.Url!.AbsoluteUri, _ => new MirrorHealth(entry.DisplayName, options));

    /// <summary>Queues the one message that says <paramref name="mirror"/>'s breaker opened.</summary>
    public void NoteOpened(MirrorHealth mirror) =>
        _diagnostics.Enqueue(ProxyDiagnostics.ProxyCircuitOpened.Create(options.Redactor.Redact(
            $"proxy {mirror.Name}: {mirror.Threshold} failed requests in a row (the last: {mirror.OpenedBy?.Text}); it is skipped for the rest of the run.")));

    /// <summary>The findings not taken yet: opened breakers in the order they opened, then one line per mirror
    /// whose requests were hedged (each mirror once per run).</summary>
    public IReadOnlyList<Diagnostic> TakeDiagnostics()
    {
        var taken = new List<Diagnostic>();
        while (_diagnostics.TryDequeue(out var diagnostic))
        {
            taken.Add(diagnostic);
        }

        foreach (var mirror in _mirrors.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var (hedged, lost) = mirror.Hedges;
            if (hedged > 0 && _hedgesReported.TryAdd(mirror.Name, true))
            {
                taken.Add(ProxyDiagnostics.ProxyHedged.Create(options.Redactor.Redact(
                    $"proxy {mirror.Name}: {hedged} request(s) had no answer within its hedge delay (now {HttpTransport.Seconds(mirror.HedgeDelay)}) and were also sent to the next '|' entry, which answered first {lost} time(s).")));
            }
        }

        return taken;
    }
}
