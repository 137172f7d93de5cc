using System.Net.Http.Headers;
using System.Text;
using GoMirror.Core.Policy;
using GoMirror.Core.Web;

namespace GoMirror.Core.Proxy;

/// <summary>
/// One GOPROXY URL entry made ready for requests: the base URL without credentials, the Basic auth header
/// the credentials become (as Go's net/http does with URL user-info), or the local folder of a file: URL.
/// </summary>
internal sealed class ProxyTarget
{
    private ProxyTarget(Uri? baseUri, string? localRoot, AuthenticationHeaderValue? authorization)
    {
        BaseUri = baseUri;
        LocalRoot = localRoot;
        Authorization = authorization;
    }

    /// <summary>http(s) base URL with no user-info and no trailing slash; null for file: entries.</summary>
    public Uri? BaseUri { get; }

    /// <summary>Local folder of a file: entry; null for http(s).</summary>
    public string? LocalRoot { get; }

    /// <summary>Basic credentials from the URL's user-info; null when it has none.</summary>
    public AuthenticationHeaderValue? Authorization { get; }

    /// <summary>Builds a target, or returns the reason the URL cannot serve as a proxy (as Go's newProxyRepo).</summary>
    public static ProxyTarget? TryCreate(Uri url, out string? error)
    {
        error = null;
        if (!url.IsAbsoluteUri)
        {
            error = "invalid proxy URL missing scheme";
            return null;
        }

        switch (url.Scheme)
        {
            case "file":
                if (url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0 || (url.Host.Length > 0 && !url.IsUnc && url.Host != "localhost") || url.IsUnc)
                {
                    error = "invalid file:// proxy URL with non-path elements";
                    return null;
                }

                return new ProxyTarget(null, url.LocalPath.TrimEnd('/', '\\'), null);
            case "http" when url.UserInfo.Length > 0:
                // Go's web.get: credentials in the URL are never sent over plain HTTP.
                error = "refusing to pass credentials to insecure URL";
                return null;
            case "http":
            case "https":
                var builder = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty, Fragment = string.Empty };
                builder.Path = builder.Path.TrimEnd('/');
                return new ProxyTarget(builder.Uri, null, BasicFrom(url));
            default:
                error = "invalid proxy URL scheme (must be https, http, file)";
                return null;
        }
    }

    /// <summary>The URL of <paramref name="resource"/> (already escaped, e.g. <c>@v/v1.0.0.zip</c>) of module
    /// <paramref name="escapedModule"/>, escaped the way Go's proxy client escapes it.</summary>
    public Uri ResourceUri(string escapedModule, string resource)
    {
        var b = BaseUri!;
        var left = b.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        var path = b.AbsolutePath.TrimEnd('/') + "/" + GoPathEscape(escapedModule) + "/" + GoPathEscape(resource);
        return new Uri(left + path + b.Query, UriKind.Absolute);
    }

    /// <summary>The local file of a resource of a file: entry. Files on disk carry the escaped names.</summary>
    public string ResourceFile(string escapedModule, string resource) =>
        Path.Combine(LocalRoot!, escapedModule.Replace('/', Path.DirectorySeparatorChar), resource.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The GET of a resource of an http(s) entry, with the entry's credentials for its own origin.</summary>
    public WebRequest Request(string escapedModule, string resource) => new(ResourceUri(escapedModule, resource), Authorization);

    /// <summary>A resource's URL as messages show it (before redaction), for a file: entry too.</summary>
    public static string DisplayUrl(ProxyEntry entry, string escapedModule, string resource) =>
        entry.DisplayName.TrimEnd('/') + "/" + GoPathEscape(escapedModule) + "/" + GoPathEscape(resource);

    /// <summary>Go's <c>url.PathEscape</c> with <c>%2F</c> turned back into <c>/</c> (modfetch/proxy.go
    /// <c>pathEscape</c>): everything but unreserved characters and <c>$&amp;+:=@</c> is percent-encoded.</summary>
    public static string GoPathEscape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~' or '$' or '&' or '+' or ':' or '=' or '@' or '/')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static AuthenticationHeaderValue? BasicFrom(Uri url)
    {
        if (url.UserInfo.Length == 0)
        {
            return null;
        }

        var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
        var password = colon < 0 ? string.Empty : Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
    }
}
