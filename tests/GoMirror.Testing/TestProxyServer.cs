using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GoMirror.Testing;

/// <summary>
/// A real HTTP GOPROXY for tests and benchmarks: Kestrel on 127.0.0.1 with a free port, serving a
/// <see cref="ModuleProxyFolder"/> below <see cref="BasePath"/>. Every request is logged (thread-safe) before
/// its answer goes out. Faults (<see cref="TestProxyFault"/>), a per-request latency, a bandwidth cap and a
/// Basic auth requirement can be set at any time, also while requests run. Disposing stops the server; requests
/// still hanging end at once.
/// </summary>
public sealed class TestProxyServer : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<TestProxyRequest> _requests = [];
    private readonly List<TestProxyFault> _faults = [];
    private readonly Dictionary<string, int> _modulesWaiting = new(StringComparer.Ordinal);
    private int _modulesWaitingPeak;
    private string? _expectedAuthorization;
    private long _latencyTicks;
    private long _bytesPerSecond;
    private long _connectionDelayTicks;
    private int _connections;
    private int _aborted;
    private int _stopped;

    private TestProxyServer(ModuleProxyFolder folder, string basePath, WebApplication app)
    {
        Folder = folder;
        BasePath = basePath;
        _app = app;
    }

    /// <summary>The self-signed certificate of an https server (for 127.0.0.1 and localhost), or null for http.
    /// Trust it in the client under test; give <see cref="CertificatePem"/> to Go as <c>SSL_CERT_FILE</c>.</summary>
    public X509Certificate2? Certificate { get; private init; }

    /// <summary>The certificate in PEM form, or null for http.</summary>
    public string? CertificatePem => Certificate?.ExportCertificatePem();

    /// <summary>The folder served.</summary>
    public ModuleProxyFolder Folder { get; }

    /// <summary>The path the folder is served under: empty (the root) or <c>/segment...</c> without a trailing slash.</summary>
    public string BasePath { get; }

    /// <summary>Scheme, host and bound port, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri Origin { get; private set; } = null!;

    /// <summary>The port Kestrel bound.</summary>
    public int Port => Origin.Port;

    /// <summary>The GOPROXY entry for this server (origin plus base path, no trailing slash).</summary>
    public string Url => Origin.GetLeftPart(UriPartial.Authority) + BasePath;

    /// <summary>A delay applied to every request before it is answered (0 by default). Models network latency.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>A cap on each response's body rate in bytes per second; null (the default) for none.</summary>
    public long? BytesPerSecond
    {
        get => Interlocked.Read(ref _bytesPerSecond) is var v && v > 0 ? v : null;
        set => Interlocked.Exchange(ref _bytesPerSecond, value is > 0 ? value.Value : 0);
    }

    /// <summary>A delay applied once to every new connection before anything is read from it (and, for https,
    /// before the TLS handshake); 0 by default. Models the round trips of TCP and TLS set-up.</summary>
    public TimeSpan ConnectionDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _connectionDelayTicks));
        set => Interlocked.Exchange(ref _connectionDelayTicks, value.Ticks);
    }

    /// <summary>The most module paths whose requests were waiting out <see cref="Latency"/> at the same time: how many
    /// module versions a client fetched at once. Counted before the answer is written, so a client that waits for
    /// one module's answer before asking for the next is never seen with two.</summary>
    public int ModulesInFlightPeak
    {
        get
        {
            lock (_gate)
            {
                return _modulesWaitingPeak;
            }
        }
    }

    /// <summary>Connections accepted so far (each one a TCP set-up and, for https, a TLS handshake).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Requests the client gave up on before their answer was complete (a cancelled or timed-out
    /// request: the client closed the connection or reset the stream).</summary>
    public int AbortedByClient => Volatile.Read(ref _aborted);

    /// <summary>Sets <see cref="Connections"/> back to 0.</summary>
    public void ClearConnections() => Interlocked.Exchange(ref _connections, 0);

    /// <summary>Starts a server for <paramref name="folder"/> under <paramref name="basePath"/> (e.g. <c>/proxy</c>;
    /// empty or <c>/</c> for the root) and returns once it accepts connections. With <paramref name="https"/>, it
    /// serves TLS with a fresh self-signed <see cref="Certificate"/> (HTTP/1.1 and HTTP/2).</summary>
    public static Task<TestProxyServer> StartAsync(ModuleProxyFolder folder, string basePath = "/proxy", bool https = false, CancellationToken cancellationToken = default) =>
        StartAsync(folder, basePath, https ? CreateCertificate() : null, cancellationToken);

    /// <summary>Starts an https server with <paramref name="certificate"/> (one a <see cref="Https.TestCertificateAuthority"/>
    /// issued, say; the server disposes it when stopped).</summary>
    public static Task<TestProxyServer> StartHttpsAsync(ModuleProxyFolder folder, X509Certificate2 certificate, string basePath = "/proxy", CancellationToken cancellationToken = default) =>
        StartAsync(folder, basePath, certificate ?? throw new ArgumentNullException(nameof(certificate)), cancellationToken);

    /// <summary>Starts an https server with <paramref name="certificate"/> that offers HTTP/2 (by ALPN, with HTTP/1.1)
    /// only when <paramref name="http2"/> is set, as real mirrors differ.</summary>
    public static Task<TestProxyServer> StartHttpsAsync(ModuleProxyFolder folder, X509Certificate2 certificate, bool http2, string basePath = "/proxy", CancellationToken cancellationToken = default) =>
        StartAsync(folder, basePath, certificate ?? throw new ArgumentNullException(nameof(certificate)), cancellationToken, http2);

    private static async Task<TestProxyServer> StartAsync(ModuleProxyFolder folder, string basePath, X509Certificate2? certificate, CancellationToken cancellationToken, bool http2 = true)
    {
        TestProxyServer? started = null;
        ArgumentNullException.ThrowIfNull(folder);
        var normalized = "/" + (basePath ?? string.Empty).Trim('/');
        normalized = normalized == "/" ? string.Empty : normalized;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                // First on every connection, so the delay comes before the TLS handshake as a network's would.
                listen.Use(next => async connection =>
                {
                    Interlocked.Increment(ref started!._connections);
                    if (started.ConnectionDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(started.ConnectionDelay, connection.ConnectionClosed).ConfigureAwait(false);
                    }

                    await next(connection).ConfigureAwait(false);
                });
                if (certificate is not null)
                {
                    listen.Protocols = http2 ? Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2 : Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1;
                    listen.UseHttps(certificate);
                }
            });
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
        });
        var app = builder.Build();
        var server = started = new TestProxyServer(folder, normalized, app) { Certificate = certificate };
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Origin = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute);
        return server;
    }

    /// <summary>The GOPROXY entry with credentials in it (<c>http://user:password@127.0.0.1:port/base</c>), escaped as a URL needs.</summary>
    public string UrlWithCredentials(string user, string password) =>
        $"{Origin.Scheme}://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@{Origin.Authority}{BasePath}";

    /// <summary>From now on, answer 401 unless the request carries exactly these Basic credentials.</summary>
    public void RequireBasicAuth(string user, string password) =>
        Volatile.Write(ref _expectedAuthorization, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    /// <summary>Stops requiring credentials.</summary>
    public void ClearBasicAuth() => Volatile.Write(ref _expectedAuthorization, null);

    /// <summary>Adds a fault; faults apply in the order added, the first matching non-delay fault decides.</summary>
    public TestProxyFault AddFault(TestProxyFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _faults.Add(fault);
        }

        return fault;
    }

    /// <summary>Removes every fault.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>A snapshot of the request log, in arrival order.</summary>
    public IReadOnlyList<TestProxyRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The logged requests whose path matches <paramref name="pathPattern"/> (a glob as in <see cref="TestProxyFault"/>).</summary>
    public IReadOnlyList<TestProxyRequest> RequestsMatching(string pathPattern)
    {
        var probe = TestProxyFault.Hang(pathPattern);
        return [.. Requests.Where(r => probe.Matches(r.Path))];
    }

    /// <summary>Empties the request log.</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Stops accepting requests, ends hanging ones, and waits for the rest. Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        Certificate?.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    /// <inheritdoc />
    public void Dispose() => StopAsync().GetAwaiter().GetResult();

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=GoMirror test proxy " + Guid.NewGuid().ToString("N"), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));

        // Re-import through PKCS#12 so the private key is usable by the TLS stack on every OS.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = DateTimeOffset.UtcNow;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var token = linked.Token;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var fullPath = context.Request.Path.Value ?? "/";
        var hadAuthorization = context.Request.Headers.Authorization.Count > 0;
        var path = BasePath.Length == 0 ? fullPath : fullPath.StartsWith(BasePath + "/", StringComparison.Ordinal) ? fullPath[BasePath.Length..] : null;

        void Log(int status, TestProxyFaultKind? fault)
        {
            lock (_gate)
            {
                _requests.Add(new TestProxyRequest(context.Request.Method, path ?? fullPath, rawTarget, status, arrived, hadAuthorization, fault, context.Request.Protocol));
            }
        }

        try
        {
            if (Latency > TimeSpan.Zero)
            {
                var module = ModuleOf(path ?? fullPath);
                EnterModule(module);
                try
                {
                    await Task.Delay(Latency, token).ConfigureAwait(false);
                }
                finally
                {
                    LeaveModule(module);
                }
            }

            if (path is null)
            {
                Log(404, null);
                await WriteTextAsync(context, 404, $"not found: {fullPath} is not below {BasePath}\n", token).ConfigureAwait(false);
                return;
            }

            if (Volatile.Read(ref _expectedAuthorization) is { } expected && context.Request.Headers.Authorization.ToString() != expected)
            {
                Log(401, null);
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"test proxy\"";
                await WriteTextAsync(context, 401, "unauthorized\n", token).ConfigureAwait(false);
                return;
            }

            TestProxyFault[] faults;
            lock (_gate)
            {
                faults = [.. _faults];
            }

            foreach (var fault in faults.Where(f => f.Matches(path)))
            {
                if (await ApplyAsync(fault, context, path, Log, token).ConfigureAwait(false))
                {
                    return;
                }
            }

            await ServeFileAsync(context, path, null, null, Log, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the server is stopping: there is nobody left to answer.
            if (context.RequestAborted.IsCancellationRequested && !_stopping.IsCancellationRequested)
            {
                Interlocked.Increment(ref _aborted);
            }

            context.Abort();
        }
    }

    // "/example.com/m/@v/v1.0.0.zip" -> "/example.com/m".
    private static string ModuleOf(string path) => path.IndexOf("/@", StringComparison.Ordinal) is var at and >= 0 ? path[..at] : path;

    private void EnterModule(string module)
    {
        lock (_gate)
        {
            _modulesWaiting[module] = _modulesWaiting.GetValueOrDefault(module) + 1;
            _modulesWaitingPeak = Math.Max(_modulesWaitingPeak, _modulesWaiting.Count);
        }
    }

    private void LeaveModule(string module)
    {
        lock (_gate)
        {
            if (--_modulesWaiting[module] == 0)
            {
                _modulesWaiting.Remove(module);
            }
        }
    }

    // Returns true when the fault answered the request.
    private async Task<bool> ApplyAsync(TestProxyFault fault, HttpContext context, string path, Action<int, TestProxyFaultKind?> log, CancellationToken token)
    {
        switch (fault.Kind)
        {
            case TestProxyFaultKind.Delay:
                fault.Hit();
                await Task.Delay(fault.Delay, token).ConfigureAwait(false);
                return false;
            case TestProxyFaultKind.Hold:
                fault.Hit();
                await fault.Released.WaitAsync(token).ConfigureAwait(false);
                return false;
            case TestProxyFaultKind.Transient:
                if (fault.Hit() > fault.Failures)
                {
                    return false;
                }

                log(fault.StatusCode, fault.Kind);
                await WriteStatusAsync(context, fault, token).ConfigureAwait(false);
                return true;
            case TestProxyFaultKind.Status:
                fault.Hit();
                log(fault.StatusCode, fault.Kind);
                await WriteStatusAsync(context, fault, token).ConfigureAwait(false);
                return true;
            case TestProxyFaultKind.Hang:
                fault.Hit();
                log(0, fault.Kind);
                await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
                return true;
            case TestProxyFaultKind.Reset:
                fault.Hit();
                await Task.Delay(fault.Delay, token).ConfigureAwait(false);
                log(0, fault.Kind);
                context.Abort();
                return true;
            case TestProxyFaultKind.Redirect:
                if (fault.Hit() > fault.Failures)
                {
                    return false;
                }

                log(fault.StatusCode, fault.Kind);
                context.Response.StatusCode = fault.StatusCode;
                context.Response.Headers.Location = fault.Location!.Replace("{path}", path.TrimStart('/'), StringComparison.Ordinal);
                return true;
            case TestProxyFaultKind.CutShort or TestProxyFaultKind.Stall:
                fault.Hit();
                await ServeFileAsync(context, path, null, fault, log, token).ConfigureAwait(false);
                return true;
            case TestProxyFaultKind.WrongBytes:
                fault.Hit();
                await ServeFileAsync(context, path, fault.Content, fault, log, token).ConfigureAwait(false);
                return true;
            default:
                throw new InvalidOperationException("unknown fault " + fault.Kind);
        }
    }

    private static Task WriteStatusAsync(HttpContext context, TestProxyFault fault, CancellationToken token)
    {
        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteTextAsync(context, fault.StatusCode, fault.TextBody, token);
    }

    private static async Task WriteTextAsync(HttpContext context, int status, string? text, CancellationToken token)
    {
        context.Response.StatusCode = status;
        if (text is null)
        {
            context.Response.ContentLength = 0;
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, token).ConfigureAwait(false);
    }

    private async Task ServeFileAsync(HttpContext context, string path, byte[]? replacement, TestProxyFault? fault, Action<int, TestProxyFaultKind?> log, CancellationToken token)
    {
        byte[] content;
        if (replacement is not null)
        {
            content = replacement;
        }
        else
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var file = Path.Combine([Folder.Root, .. segments]);
            if (segments.Length == 0 || segments.Any(s => s is "." or ".." || s.Contains('\\', StringComparison.Ordinal)) || !File.Exists(file))
            {
                log(404, fault?.Kind);
                await WriteTextAsync(context, 404, $"not found: {path}\n", token).ConfigureAwait(false);
                return;
            }

            content = await File.ReadAllBytesAsync(file, token).ConfigureAwait(false);
        }

        log(200, fault?.Kind);
        context.Response.StatusCode = 200;
        context.Response.ContentType = Path.GetExtension(path) switch
        {
            ".zip" => "application/zip",
            ".info" => "application/json",
            _ => "text/plain; charset=utf-8",
        };
        context.Response.ContentLength = content.Length;
        var send = fault?.Kind is TestProxyFaultKind.CutShort or TestProxyFaultKind.Stall ? (int)Math.Clamp(fault.BytesBeforeCut, 0, Math.Max(0, content.Length - 1)) : content.Length;
        await WriteThrottledAsync(context, content.AsMemory(0, send), token).ConfigureAwait(false);
        if (fault?.Kind == TestProxyFaultKind.Stall)
        {
            await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
        }

        if (send < content.Length)
        {
            await context.Response.Body.FlushAsync(token).ConfigureAwait(false);

            // Give the client time to read the headers and the partial body: an abort right away resets the
            // connection and may drop them unread, which would look like an unreachable server instead.
            await Task.Delay(50, token).ConfigureAwait(false);
            context.Abort();
        }
    }

    private async Task WriteThrottledAsync(HttpContext context, ReadOnlyMemory<byte> content, CancellationToken token)
    {
        if (BytesPerSecond is not { } rate)
        {
            await context.Response.Body.WriteAsync(content, token).ConfigureAwait(false);
            return;
        }

        var chunk = (int)Math.Clamp(rate / 20, 1, 64 * 1024);
        var started = Environment.TickCount64;
        for (var sent = 0; sent < content.Length;)
        {
            var n = Math.Min(chunk, content.Length - sent);
            await context.Response.Body.WriteAsync(content.Slice(sent, n), token).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(token).ConfigureAwait(false);
            sent += n;
            var due = started + ((long)sent * 1000 / rate); // long: 2 MB in, sent * 1000 overflows an int
            var wait = due - Environment.TickCount64;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), token).ConfigureAwait(false);
            }
        }
    }
}
