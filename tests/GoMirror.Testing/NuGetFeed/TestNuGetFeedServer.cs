using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GoMirror.Testing.NuGetFeed;

/// <summary>
/// A NuGet v3 HTTP feed for tests, on Kestrel at 127.0.0.1 (no NuGet server package is available here): the
/// service index (<c>/v3/index.json</c>), the flat container (<c>PackageBaseAddress/3.0.0</c>: version lists and
/// <c>.nupkg</c> downloads) and the push endpoint (<c>PackagePublish/2.0.0</c>: <c>PUT /api/v2/package</c> with a
/// multipart body, 201 Created, 409 Conflict when the version exists), which is what NuGet.Protocol's
/// <c>DownloadResource</c> and <c>PackageUpdateResource</c> use. Packages live in memory, keyed by lower-case id
/// and normalized version, as a real feed keys them. Every request is logged; Basic auth can be required.
/// </summary>
public sealed class TestNuGetFeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<(string Id, string Version), byte[]> _packages = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private string? _expectedAuthorization;
    private string? _expectedApiKey;
    private long _latencyTicks;

    private TestNuGetFeedServer(WebApplication app) => _app = app;

    /// <summary>The feed's root, for example <c>http://127.0.0.1:5123</c>.</summary>
    public Uri Origin { get; private set; } = null!;

    /// <summary>The service index URL: the package source a client is given.</summary>
    public string ServiceIndex => new Uri(Origin, "v3/index.json").AbsoluteUri;

    /// <summary>How long every request waits before it is answered (a remote feed's round trip); zero by default.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>Every request so far, as <c>METHOD /path</c>, in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>The packages held, as <c>id/version</c> (lower case).</summary>
    public IReadOnlyList<string> Packages => [.. _packages.Keys.Select(k => k.Id + "/" + k.Version).Order(StringComparer.Ordinal)];

    /// <summary>Starts a feed and returns once it accepts connections.</summary>
    public static async Task<TestNuGetFeedServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        var server = new TestNuGetFeedServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Origin = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/", UriKind.Absolute);
        return server;
    }

    /// <summary>From now on, answer 401 unless the request carries exactly these Basic credentials.</summary>
    public void RequireBasicAuth(string user, string password) =>
        Volatile.Write(ref _expectedAuthorization, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    /// <summary>From now on, refuse a push (403) unless it carries this <c>X-NuGet-ApiKey</c>.</summary>
    public void RequireApiKey(string apiKey) => Volatile.Write(ref _expectedApiKey, apiKey);

    /// <summary>The bytes of a held package, or null.</summary>
    public byte[]? Package(string id, string version) =>
        _packages.TryGetValue((id.ToLowerInvariant(), version.ToLowerInvariant()), out var bytes) ? bytes : null;

    /// <summary>Replaces (or adds) a package's bytes, as a compromised or broken feed would serve them.</summary>
    public void ReplacePackage(string id, string version, byte[] bytes) =>
        _packages[(id.ToLowerInvariant(), version.ToLowerInvariant())] = bytes;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        _requests.Enqueue(request.Method + " " + path);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted).ConfigureAwait(false);
        }

        var expected = Volatile.Read(ref _expectedAuthorization);
        if (expected is not null && request.Headers.Authorization.ToString() != expected)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"test feed\"";
            return;
        }

        var segments = path.Trim('/').Split('/');
        switch (request.Method, segments)
        {
            case ("GET", ["v3", "index.json"]):
                await WriteJsonAsync(context, new
                {
                    version = "3.0.0",
                    resources = new object[]
                    {
                        new Dictionary<string, string> { ["@id"] = new Uri(Origin, "v3/flat/").AbsoluteUri, ["@type"] = "PackageBaseAddress/3.0.0" },
                        new Dictionary<string, string> { ["@id"] = new Uri(Origin, "api/v2/package").AbsoluteUri, ["@type"] = "PackagePublish/2.0.0" },
                    },
                }).ConfigureAwait(false);
                return;
            case ("GET", ["v3", "flat", var id, "index.json"]):
                var versions = _packages.Keys.Where(k => k.Id == id).Select(k => k.Version).Order(StringComparer.Ordinal).ToArray();
                if (versions.Length == 0)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await WriteJsonAsync(context, new { versions }).ConfigureAwait(false);
                return;
            case ("GET", ["v3", "flat", var id, var version, var file]) when file == $"{id}.{version}.nupkg":
                if (!_packages.TryGetValue((id, version), out var bytes))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                context.Response.ContentType = "application/octet-stream";
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
                return;
            case ("PUT", ["api", "v2", "package"]):
                await PushAsync(context).ConfigureAwait(false);
                return;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }
    }

    private async Task PushAsync(HttpContext context)
    {
        var apiKey = Volatile.Read(ref _expectedApiKey);
        if (apiKey is not null && context.Request.Headers["X-NuGet-ApiKey"].ToString() != apiKey)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (form.Files.Count != 1)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var body = new MemoryStream();
        await form.Files[0].CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var bytes = body.ToArray();
        var (id, version) = TestPackageIdentity.Read(bytes);
        context.Response.StatusCode = _packages.TryAdd((id.ToLowerInvariant(), version.ToLowerInvariant()), bytes)
            ? StatusCodes.Status201Created
            : StatusCodes.Status409Conflict;
    }

    private static async Task WriteJsonAsync(HttpContext context, object value)
    {
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(value), context.RequestAborted).ConfigureAwait(false);
    }
}
