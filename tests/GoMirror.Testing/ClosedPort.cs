using System.Net;
using System.Net.Sockets;

namespace GoMirror.Testing;

/// <summary>
/// A loopback port that refuses connections for as long as this object lives: a socket bound to it that never
/// listens. No other test (or process) can take the port meanwhile, as it could one that was bound and released.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    /// <summary>The port; a connection to 127.0.0.1 on it is refused.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Authority => "127.0.0.1:" + Port;

    public void Dispose() => _socket.Dispose();
}
