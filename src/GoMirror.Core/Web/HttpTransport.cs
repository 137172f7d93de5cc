using GoMirror.Core.Auth;
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
            ConnectTimeout = options.ConnectTimeout,
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
    /// On success the sink holds exactly the body; on failure its content is undefined (reset it).
    /// <paramref name="observer"/> hears when each attempt's headers arrive and how it ended.</summary>
    public Task<WebResult> GetAsync(WebRequest request, BodySink sink, CancellationToken cancellationToken, IAttemptObserver? observer = null) =>
        _retry.RunAsync(sink, token => SendOnceAsync(request, sink, observer, token), observer, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>A duration as the messages show it, for example <c>1.5s</c>.</summary>
    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private async Task<WebResult> SendOnceAsync(WebRequest request, BodySink sink, IAttemptObserver? observer, CancellationToken cancellationToken)
    {
        var uri = request.Url;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // One deadline, first for the response headers (the first-byte timeout), then re-armed for each piece of
        // the body (the idle timeout); connection set-up has its own bound in the handler (ConnectTimeout).
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_options.FirstByteTimeout);
        HttpResponseMessage? response = null;
        var receivingBody = false;
        var credentials = _options.Credentials;
        RequestCredential? credential = null;
        var askedAgain = false;
        var sent = false;
        try
        {
            // Go's precedence: a netrc or GOAUTH credential replaces the user-info of the URL.
            credential = credentials is null ? null : await credentials.ForRequestAsync(request.Url, idle.Token).ConfigureAwait(false);
            for (var redirects = 0; ; redirects++)
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, uri)
                {
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
                };
                sent = AddCredential(message, request, credential, uri, credentials);
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);

                // Go 1.24: after a 4xx, GOAUTH commands run again with the URL and the response, and the request
                // goes once more to the original URL with whatever credential then matches.
                if ((int)response.StatusCode is >= 400 and < 500 && !askedAgain && credentials is { RetriesAfterClientError: true } && request.Url.Scheme == Uri.UriSchemeHttps)
                {
                    askedAgain = true;
                    credential = await credentials.AfterClientErrorAsync(request.Url, response, idle.Token).ConfigureAwait(false);
                    response.Dispose();
                    response = null;
                    uri = request.Url;
                    redirects = -1;
                    continue;
                }

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

            observer?.Answered(clock.Elapsed);
            receivingBody = true;
            idle.CancelAfter(_options.IdleTimeout);
            var status = (int)response.StatusCode;
            if (status != 200)
            {
                var text = $"reading {Show(uri)}: {status} {response.ReasonPhrase ?? response.StatusCode.ToString()}" + await ErrorDetailAsync(response, idle.Token).ConfigureAwait(false);
                var failure = FetchFailure.FromStatus(status, text, RetryAfter(response));
                return WebResult.Failed(failure.Kind == FailureKind.AccessDenied && request.Url.Scheme == Uri.UriSchemeHttps
                    ? Refused(failure, request, uri, sent ? credential ?? UrlUserInfo : null, credentials)
                    : failure);
            }

            var declared = response.Content.Headers.ContentLength;
            if (declared > sink.MaxBytes)
            {
                return WebResult.Failed(sink.TooLarge(Show(uri)));
            }

            long received;
            var body = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                received = await sink.CopyAsync(body, idle, _options.IdleTimeout).ConfigureAwait(false);
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
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return WebResult.Failed(TimedOut(uri, receivingBody ? (int?)response?.StatusCode : null, e));
        }
        catch (Exception e) when (receivingBody && e is IOException or HttpRequestException)
        {
            return WebResult.Failed(new FetchFailure(FailureKind.Truncated, 200, $"reading {Show(uri)}: response cut short (connection closed before the declared length): {_options.Redactor.Redact(Explain(e))}"));
        }
        catch (HttpRequestException e) when (!receivingBody && e.InnerException is TimeoutException or OperationCanceledException && !idle.IsCancellationRequested)
        {
            return WebResult.Failed(TimedOut(uri, null, e));
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

    // Which of the three bounds ran out: the handler's ConnectTimeout (its own cancellation, wrapping a
    // TimeoutException), the first-byte deadline before the headers, or the idle deadline in the body.
    private FetchFailure TimedOut(Uri uri, int? answeredStatus, Exception e)
    {
        if (answeredStatus is { } status)
        {
            return new FetchFailure(FailureKind.BodyStalled, status, $"reading {Show(uri)}: timeout: body stalled: no data for {Seconds(_options.IdleTimeout)}");
        }

        return e.InnerException is TimeoutException || e is HttpRequestException
            ? new FetchFailure(FailureKind.ConnectTimeout, null, $"reading {Show(uri)}: timeout: no connection within {Seconds(_options.ConnectTimeout)}")
            : new FetchFailure(FailureKind.FirstByteTimeout, null, $"reading {Show(uri)}: timeout: no response for {Seconds(_options.FirstByteTimeout)}");
    }

    // The source of a credential that came in the proxy URL itself.
    private static readonly RequestCredential UrlUserInfo = new([], "the user-info of the proxy URL");

    // Go's web.get: credentials never travel over plain http, nor to an origin a redirect leads to.
    private static bool AddCredential(HttpRequestMessage message, WebRequest request, RequestCredential? credential, Uri uri, CredentialSource? credentials)
    {
        if (credential is null && request.Authorization is null)
        {
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttps || !IsSameOrigin(uri, request.Url))
        {
            credentials?.NoteDroppedOnRedirect(request.Url, uri);
            return false;
        }

        if (credential is null)
        {
            message.Headers.Authorization = request.Authorization;
            return true;
        }

        foreach (var header in credential.Headers)
        {
            message.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        return true;
    }

    // A 401/403 says which credential source was asked and what it gave, never the value.
    private FetchFailure Refused(FetchFailure failure, WebRequest request, Uri uri, RequestCredential? sent, CredentialSource? credentials)
    {
        var explained = credentials?.Explain(request.Url, sent)
            ?? (sent is null ? "no credential was sent (no netrc or GOAUTH source is configured)" : "the credential sent came from " + sent.Source);
        if (sent is null && !IsSameOrigin(uri, request.Url))
        {
            explained = $"the credential for {Show(new Uri(request.Url.GetLeftPart(UriPartial.Authority)))} is not sent after a redirect to another host; " + explained;
        }

        return failure with
        {
            Kind = sent is null ? FailureKind.CredentialMissing : FailureKind.CredentialRejected,
            Text = failure.Text + "\n\t" + _options.Redactor.Redact(explained),
        };
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
