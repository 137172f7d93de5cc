using GoMirror.Core.Policy;
using GoMirror.Core.Proxy;
using GoMirror.Core.Web;

namespace GoMirror.Core.Probe;

/// <summary>
/// Whether a mirror proxies the checksum database: Go asks <c>&lt;proxy&gt;/sumdb/&lt;name&gt;/supported</c>
/// (cmd/go/internal/modfetch/sumdb.go) and uses the proxy on 200, falls through on 404/410.
/// </summary>
internal static class SumDbSupport
{
    /// <summary>True on 200 (a file: mirror: the file exists), false on 404/410, null when no answer came.</summary>
    public static async Task<bool?> CheckAsync(GoProxyClient client, ProxyEntry mirror, string database, CancellationToken cancellationToken)
    {
        if (ProxyTarget.TryCreate(mirror.Url!, out _) is not { } target)
        {
            return null;
        }

        var resource = database + "/supported";
        if (target.LocalRoot is not null)
        {
            return File.Exists(target.ResourceFile("sumdb", resource));
        }

        using var body = new MemoryStream();
        var result = await client.Transport.GetAsync(target.Request("sumdb", resource), new BodySink(body, 4096), cancellationToken).ConfigureAwait(false);
        return result.Failure is null ? true : result.StatusCode is 404 or 410 ? false : null;
    }
}
