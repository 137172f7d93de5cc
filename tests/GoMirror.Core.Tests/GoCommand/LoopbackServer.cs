using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GoMirror.Core.Tests.GoCommand;

/// <summary>
/// A TCP listener on 127.0.0.1 that either never answers (to stall go) or answers every HTTP request with
/// one fixed response (to play a checksum database that does not know a module).
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];

    private LoopbackServer(string? response)
    {
        _listener.Start();
        _ = AcceptAsync(response);
    }

    public string Url => "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Accepts connections and never replies.</summary>
    public static LoopbackServer Silent() => new(null);

    /// <summary>Answers every request with <paramref name="status"/> and a text/plain body.</summary>
    public static LoopbackServer Answering(string status, string body) =>
        new($"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}");

    private async Task AcceptAsync(string? response)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                if (response is null)
                {
                    lock (_held)
                    {
                        _held.Add(client);
                    }

                    continue;
                }

                _ = AnswerAsync(client, response);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        catch (ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private static async Task AnswerAsync(TcpClient client, string response)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var request = new StringBuilder();
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(response));
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }
}
