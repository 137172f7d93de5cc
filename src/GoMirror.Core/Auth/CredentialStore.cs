using System.Collections.Concurrent;

namespace GoMirror.Core.Auth;

/// <summary>A credential as it is sent: the headers, and where it came from (for messages; never a value).</summary>
/// <param name="Headers">The request headers to add.</param>
/// <param name="Source">Where it came from, e.g. <c>netrc /home/me/.netrc line 3 (machine proxy.corp:8443)</c>.</param>
internal sealed record RequestCredential(IReadOnlyList<CredentialHeader> Headers, string Source);

/// <summary>
/// Go's credential cache (cmd/go/internal/auth storeCredential/loadCredential): URL prefixes without
/// <c>https://</c> and trailing <c>/</c>, mapped to headers. A URL finds the credential of its longest stored
/// prefix: the whole URL first, then cut at the last <c>/</c> again and again down to the host (and port).
/// Host names compare without case, as DNS does. Thread-safe.
/// </summary>
internal sealed class CredentialStore
{
    private readonly ConcurrentDictionary<string, RequestCredential> _byPrefix = new(StringComparer.Ordinal);

    /// <summary>Stores (or, with no headers, removes) the credential of <paramref name="prefix"/>.</summary>
    public void Store(string prefix, RequestCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var key = Normalize(GoAuthResponse.Key(prefix));
        if (credential.Headers.Count == 0)
        {
            _byPrefix.TryRemove(key, out _);
        }
        else
        {
            _byPrefix[key] = credential;
        }
    }

    /// <summary>The credential for <paramref name="url"/> (an https URL as requested), or null.</summary>
    public RequestCredential? Find(string url)
    {
        var current = Normalize(GoAuthResponse.Key(url));
        while (true)
        {
            if (_byPrefix.TryGetValue(current, out var credential))
            {
                return credential;
            }

            var slash = current.LastIndexOf('/');
            if (slash < 0)
            {
                return null;
            }

            current = current[..slash];
        }
    }

    // The host (and port) part is compared without case; the path keeps its case, as URLs do.
    private static string Normalize(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? key.ToLowerInvariant() : key[..slash].ToLowerInvariant() + key[slash..];
    }
}
