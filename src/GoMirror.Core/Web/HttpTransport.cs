using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using GoMirror.Core.Proxy;

namespace GoMirror.Core.Web;

/// <summary>
/// The HTTP side of Go's cmd/go/internal/web: one pooled connection handler (TLS with optional extra roots, the
/// HTTP proxy), redirects followed here (https never to http, at most 10, credentials never to another origin),
/// bounded error details, idle timeouts and retries. <see cref="GetAsync"/> takes any URL, so the GOPROXY client
/// and a checksum database client share one pool. Failures come back as results; only the caller's
/// cancellation throws.
/// </summary>
internal sealed class HttpTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly GoProxyClientOptions _options;
    private readonly WebRetry _retry;

    public HttpTransport(GoProxyClientOptions options, WebRetry retry)
    {
        _options = options;
        _retry = retry;
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed here, not by the handler: Go refuses https→http, counts to 10, and
            // credentials must reach only the origin they were given for.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = options.RequestTimeout,
            UseCookies = false,
            UseProxy = true,
        };
        if (options.WebProxy is { } proxy)
        {
            handler.Proxy = proxy;
        }

        if (options.AdditionalTrustedRoots is { Count: > 0 } roots)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => IsTrusted(certificate, chain, errors, roots);
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
    }

    /// <summary>GETs <paramref name="request"/>'s URL into <paramref name="sink"/>, retrying transient failures.
    /// On success the sink holds exactly the body; on failure its content is undefined (reset it).</summary>
    public Task<WebResult> GetAsync(WebRequest request, BodySink sink, CancellationToken cancellationToken) =>
        _retry.RunAsync(sink, token => SendOnceAsync(request, sink, token), cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>A duration as the messages show it, for example <c>1.5s</c>.</summary>
    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private async Task<WebResult> SendOnceAsync(WebRequest request, BodySink sink, CancellationToken cancellationToken)
    {
        var uri = request.Url;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage? response = null;
        var receivingBody = false;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, uri)
                {
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
                };
                // Go's web.get: credentials never travel over plain http, nor to an origin a redirect leads to.
                if (request.Authorization is not null && uri.Scheme == Uri.UriSchemeHttps && IsSameOrigin(uri, request.Url))
                {
                    message.Headers.Authorization = request.Authorization;
                }

                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
                if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
                {
                    break;
                }

                var next = new Uri(uri, location);
                response.Dispose();
                response = null;
                if (redirects >= 9)
                {
                    return WebResult.Failed(new FetchFailure(FailureKind.RedirectRefused, null, $"reading {Show(uri)}: stopped after 10 redirects"));
                }

                if (uri.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
                {
                    return WebResult.Failed(new FetchFailure(FailureKind.RedirectRefused, null, $"redirected from secure URL {Show(uri)} to insecure URL {Show(next)}"));
                }

                uri = next;
            }

            var status = (int)response.StatusCode;
            if (status != 200)
            {
                var text = $"reading {Show(uri)}: {status} {response.ReasonPhrase ?? response.StatusCode.ToString()}" + await ErrorDetailAsync(response, idle.Token).ConfigureAwait(false);
                return WebResult.Failed(FetchFailure.FromStatus(status, text, RetryAfter(response)));
            }

            var declared = response.Content.Headers.ContentLength;
            if (declared > sink.MaxBytes)
            {
                return WebResult.Failed(sink.TooLarge(Show(uri)));
            }

            receivingBody = true;
            long received;
            var body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                received = await sink.CopyAsync(body, idle, _options.RequestTimeout).ConfigureAwait(false);
            }

            if (received < 0)
            {
                return WebResult.Failed(sink.TooLarge(Show(uri)));
            }

            if (declared is { } length && length != received)
            {
                return WebResult.Failed(new FetchFailure(FailureKind.Truncated, 200, $"reading {Show(uri)}: response cut short: got {received} of {length} declared bytes"));
            }

            return WebResult.Received(received);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var what = receivingBody ? "body stalled: no data" : "no response";
            return WebResult.Failed(new FetchFailure(FailureKind.Unreachable, null, $"reading {Show(uri)}: timeout: {what} for {Seconds(_options.RequestTimeout)}"));
        }
        catch (Exception e) when (receivingBody && e is IOException or HttpRequestException)
        {
            return WebResult.Failed(new FetchFailure(FailureKind.Truncated, 200, $"reading {Show(uri)}: response cut short (connection closed before the declared length): {_options.Redactor.Redact(Explain(e))}"));
        }
        catch (HttpRequestException e)
        {
            return WebResult.Failed(new FetchFailure(FailureKind.Unreachable, null, $"reading {Show(uri)}: {_options.Redactor.Redact(Explain(e))}"));
        }
        finally
        {
            response?.Dispose();
        }
    }

    private static bool IsSameOrigin(Uri uri, Uri origin) =>
        string.Equals(uri.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, origin.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == origin.Port;

    private static bool IsTrusted(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, IReadOnlyList<X509Certificate2> roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }

    private async Task<string> ErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Read a bounded prefix only: Go shows at most 8 lines / 648 bytes, and a huge error page must not cost a download.
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var prefix = new byte[16 * 1024];
        var length = 0;
        try
        {
            int read;
            while (length < prefix.Length && (read = await stream.ReadAsync(prefix.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
        }
        catch (IOException)
        {
            // An error page cut short still explains what it got so far.
        }

        if (!ProxyErrorDetail.IsShown(response.Content.Headers.ContentType))
        {
            return string.Empty;
        }

        var detail = _options.Redactor.Redact(ProxyErrorDetail.Format(prefix.AsSpan(0, length)));
        return detail.Length == 0 ? string.Empty : "\n\tserver response:" + (detail.Contains('\n', StringComparison.Ordinal) ? "\n\t" : " ") + detail;
    }

    // "The SSL connection could not be established, see inner exception" says nothing by itself: add the causes.
    private static string Explain(Exception e)
    {
        var text = new StringBuilder(e.Message);
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            text.Append(": ").Append(inner.Message);
        }

        return text.ToString();
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? (date - DateTimeOffset.UtcNow) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero : null;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private string Show(Uri uri) => _options.Redactor.Redact(uri.AbsoluteUri);
}
