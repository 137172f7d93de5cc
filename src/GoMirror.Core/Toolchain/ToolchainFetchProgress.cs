using System.Diagnostics;
using System.Globalization;

namespace GoMirror.Core.Toolchain;

/// <summary>
/// A pass-through stream around the temp file a toolchain zip streams into: it counts bytes and reports progress
/// at most every <see cref="Interval"/>, so a 75 MB download over a slow link shows in the log instead of looking
/// hung. Seeking is passed through (the proxy walk rewinds on a failed attempt), and the count follows it.
/// </summary>
internal sealed class ToolchainFetchProgress(Stream inner, string what, Action<string> report) : Stream
{
    /// <summary>How often a progress line is written at most.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastReport;

    /// <inheritdoc/>
    public override bool CanRead => inner.CanRead;

    /// <inheritdoc/>
    public override bool CanSeek => inner.CanSeek;

    /// <inheritdoc/>
    public override bool CanWrite => inner.CanWrite;

    /// <inheritdoc/>
    public override long Length => inner.Length;

    /// <inheritdoc/>
    public override long Position { get => inner.Position; set => inner.Position = value; }

    /// <inheritdoc/>
    public override void Flush() => inner.Flush();

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    /// <inheritdoc/>
    public override void SetLength(long value) => inner.SetLength(value);

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        Progress();
    }

    /// <inheritdoc/>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Progress();
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Progress()
    {
        var now = _clock.Elapsed;
        if (now - _lastReport < Interval)
        {
            return;
        }

        _lastReport = now;
        var bytes = inner.Position;
        report(string.Create(CultureInfo.InvariantCulture, $"GoMirror toolchain: {what}: {bytes / 1048576.0:0.0} MiB in {now.TotalSeconds:0} s ({bytes / 1048576.0 / Math.Max(now.TotalSeconds, 0.001):0.0} MiB/s)"));
    }
}
