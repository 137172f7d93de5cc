using System.Net;
using System.Net.Sockets;

namespace GoMirror.Core.Tests.ModuleCache;

/// <summary>
/// An HTTP GOPROXY on 127.0.0.1 that serves a proxy folder but holds every <c>.zip</c> answer until the test
/// opens the gate: while Go waits for the zip it holds the version's lock, so a test can observe that lock.
/// </summary>
internal sealed class GatedProxyServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _zipRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GatedProxyServer(string root)
    {
        _root = root;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _ = ServeAsync();
    }

    /// <summary>The GOPROXY value.</summary>
    public string Url { get; }

    /// <summary>Completes when the first zip request arrives (Go then holds the version lock).</summary>
    public Task ZipRequested => _zipRequested.Task;

    /// <summary>Lets held and future zip answers through.</summary>
    public void OpenGate() => _gate.TrySetResult();

    public void Dispose()
    {
        OpenGate();
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/');
            var file = Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));
            if (relative.EndsWith(".zip", StringComparison.Ordinal))
            {
                _zipRequested.TrySetResult();
                await _gate.Task.ConfigureAwait(false);
            }

            if (!File.Exists(file))
            {
                context.Response.StatusCode = 404;
            }
            else
            {
                var bytes = await File.ReadAllBytesAsync(file).ConfigureAwait(false);
                await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            }

            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client (a killed go process) went away.
        }
    }
}
