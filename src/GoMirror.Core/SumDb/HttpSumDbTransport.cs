using System.Net.Http.Headers;
using System.Text;

namespace GoMirror.Core.SumDb;

/// <summary>
/// The transport of <see cref="ISumDbTransport"/> over <see cref="HttpClient"/> and the file system: like Go's
/// cmd/go/internal/web, a <c>file://</c> URL reads the file (missing: 404), and user info in an http(s) URL is
/// sent as Basic authentication, never as part of the URL.
/// </summary>
internal sealed class HttpSumDbTransport : ISumDbTransport, IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates the transport with its own <see cref="HttpClient"/>.</summary>
    public HttpSumDbTransport(TimeSpan? timeout = null)
    {
        _http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(100),
        };
    }

    /// <inheritdoc />
    public async Task<SumDbResponse> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        if (url.IsFile)
        {
            return await ReadFileAsync(url, cancellationToken).ConfigureAwait(false);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, StripUserInfo(url));
        if (url.UserInfo.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(url.UserInfo))));
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new SumDbResponse((int)response.StatusCode, body);
        }
        catch (HttpRequestException e)
        {
            return new SumDbResponse(0, [], e.Message);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new SumDbResponse(0, [], "timed out: " + e.Message);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static async Task<SumDbResponse> ReadFileAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return new SumDbResponse(200, await File.ReadAllBytesAsync(url.LocalPath, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new SumDbResponse(404, []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SumDbResponse(0, [], e.Message);
        }
    }

    private static Uri StripUserInfo(Uri url) =>
        url.UserInfo.Length == 0 ? url : new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;
}
