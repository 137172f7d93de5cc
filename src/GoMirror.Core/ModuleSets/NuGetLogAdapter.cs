using GoMirror.Core.Security;
using NuGet.Common;

namespace GoMirror.Core.ModuleSets;

/// <summary>
/// NuGet's logger for the feed operations: keeps NuGet's own warnings and errors (redacted) for the diagnostic
/// that ends a failed push or pull, and hands every line to <paramref name="detail"/> for a detailed build log.
/// </summary>
internal sealed class NuGetLogAdapter(CredentialRedactor redactor, Action<string>? detail) : LoggerBase(LogLevel.Debug)
{
    private readonly Lock _gate = new();
    private readonly List<string> _problems = [];
    private int _errors;

    /// <summary>How many errors NuGet logged: some failures (an HTTP source without allowInsecureConnections) are
    /// logged as errors without an exception.</summary>
    public int Errors => Volatile.Read(ref _errors);

    /// <summary>NuGet's warnings and errors so far, redacted, in order.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_gate)
            {
                return [.. _problems];
            }
        }
    }

    /// <inheritdoc />
    public override void Log(ILogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = redactor.Redact(message.Message);
        if (message.Level >= LogLevel.Error)
        {
            Interlocked.Increment(ref _errors);
        }

        if (message.Level >= LogLevel.Warning)
        {
            lock (_gate)
            {
                _problems.Add(text);
            }
        }

        detail?.Invoke("  NuGet: " + text);
    }

    /// <inheritdoc />
    public override Task LogAsync(ILogMessage message)
    {
        Log(message);
        return Task.CompletedTask;
    }
}
