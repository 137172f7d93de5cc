using GoMirror.Core.Diagnostics;
using GoMirror.Core.Security;
using GoMirror.Core.Web;

namespace GoMirror.Core.Policy;

/// <summary>
/// Reads a GOPROXY value the way Go's <c>proxyList</c> (cmd/go/internal/modfetch/proxy.go) does, and reports
/// what Go would reject or silently ignore.
/// </summary>
internal static class ProxyListParser
{
    /// <summary>Go's default GOPROXY up to Go 1.20 (compiled in; Go 1.21+ reads the same value from go.env).</summary>
    public const string GoDefault = "https://proxy.golang.org,direct";

    /// <summary>
    /// Parses <paramref name="value"/>. The separator after an entry sets its
    /// <see cref="ProxyEntry.FallBackOnAnyError"/>; entries are trimmed and empty ones skipped; <c>off</c> and
    /// <c>direct</c> end the list; a scheme-less entry containing <c>.</c>, <c>:</c> or <c>/</c> gets
    /// <c>https://</c>. Returns the entries, or an empty list when Go would reject the value (then
    /// <paramref name="diagnostics"/> holds an error).
    /// </summary>
    /// <param name="value">The GOPROXY value; empty means unset, so resolve the default before calling.</param>
    /// <param name="location">Where the value was set, for diagnostics.</param>
    /// <param name="os">Whose absolute-path rules decide that an entry is a path rather than a host.</param>
    /// <param name="diagnostics">Receives what is wrong or worth knowing.</param>
    public static IReadOnlyList<ProxyEntry> Parse(string value, SourceLocation? location, GoHostOS os, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var entries = new List<ProxyEntry>();
        var valid = true;
        var rest = value;
        while (rest.Length > 0)
        {
            var text = NextEntry(ref rest, out var fallBackOnAnyError);
            if (text.Length == 0)
            {
                continue;
            }

            if (text is "off" or "direct")
            {
                entries.Add(text == "off" ? ProxyEntry.Off : ProxyEntry.Direct);
                ReportEntriesAfterEnd(text, rest, location, diagnostics);
                break;
            }

            if (ParseUrlEntry(text, fallBackOnAnyError, location, os, diagnostics) is { } entry)
            {
                entries.Add(entry);
            }
            else
            {
                valid = false;
            }
        }

        if (valid && entries.Count == 0)
        {
            diagnostics.Add(PolicyDiagnostics.MalformedProxyList.Create(
                $"GOPROXY is not empty but contains no entries ('{CredentialRedactor.RedactText(value)}'); Go fails every module lookup with it.",
                location));
            valid = false;
        }

        return valid ? entries : [];
    }

    // Cuts the next entry at the first ',' or '|' and reports which separator ended it.
    private static string NextEntry(ref string rest, out bool fallBackOnAnyError)
    {
        var end = rest.AsSpan().IndexOfAny(',', '|');
        string text;
        if (end < 0)
        {
            text = rest;
            fallBackOnAnyError = false;
            rest = string.Empty;
        }
        else
        {
            text = rest[..end];
            fallBackOnAnyError = rest[end] == '|';
            rest = rest[(end + 1)..];
        }

        return text.Trim();
    }

    private static void ReportEntriesAfterEnd(string end, string rest, SourceLocation? location, DiagnosticBag diagnostics)
    {
        var after = rest.Split(',', '|').Select(e => e.Trim()).Where(e => e.Length > 0).ToArray();
        if (after.Length == 0)
        {
            return;
        }

        var listed = CredentialRedactor.RedactText(string.Join(", ", after));
        diagnostics.Add(end == "off"
            ? PolicyDiagnostics.UnreachableAfterOff.Create(
                $"GOPROXY has entries after 'off' that Go never tries: {listed}. A lookup that reaches 'off' fails.", location)
            : PolicyDiagnostics.IgnoredAfterDirect.Create(
                $"GOPROXY has entries after 'direct' that Go ignores: {listed}.", location));
    }

    private static ProxyEntry? ParseUrlEntry(string text, bool fallBackOnAnyError, SourceLocation? location, GoHostOS os, DiagnosticBag diagnostics)
    {
        // Single words are reserved for built-in behaviours, and anything holding ":/" or an absolute path
        // must be a complete URL; everything else containing '.', ':' or '/' is a host that gets https://.
        var url = text.AsSpan().IndexOfAny(".:/") >= 0 && !text.Contains(":/", StringComparison.Ordinal)
            && !GoFilePath.IsAbs(os, text) && !text.StartsWith('/')
            ? "https://" + text
            : text;
        var shown = CredentialRedactor.RedactText(url);
        var scheme = SchemeOf(url);
        switch (scheme)
        {
            case "https" or "http":
                // Go's net/url decides what is a URL (cmd/go's proxy.go); System.Uri is only how the engine connects.
                if (GoUrl.Parse(url, out var urlError) is null)
                {
                    diagnostics.Add(PolicyDiagnostics.MalformedProxyList.Create(
                        $"GOPROXY entry '{shown}' is not a URL Go can read: {CredentialRedactor.RedactText(urlError!)}.", location));
                    return null;
                }

                if (!Uri.TryCreate(url, UriKind.Absolute, out var web) || web.Host.Length == 0)
                {
                    diagnostics.Add(PolicyDiagnostics.MalformedProxyList.Create(
                        $"GOPROXY entry '{shown}' is a URL Go reads, but no request can go through it (no host, or a port above 65535); Go fails when it tries it.", location));
                    return null;
                }

                if (scheme == "http")
                {
                    diagnostics.Add(PolicyDiagnostics.InsecureProxy.Create(
                        $"GOPROXY entry '{shown}' is plain HTTP: anyone on the network path can see which modules this build uses and tamper with what is not yet in go.sum.",
                        location));
                }

                return new ProxyEntry(ProxyEntryKind.Url, web, fallBackOnAnyError);

            case "file":
                return ParseFileEntry(url, shown, fallBackOnAnyError, location, diagnostics);

            case null:
                diagnostics.Add(PolicyDiagnostics.UnsupportedProxyScheme.Create(
                    $"GOPROXY entry '{shown}' has no scheme. {MissingSchemeHint(text, os)}", location));
                return null;

            default:
                diagnostics.Add(PolicyDiagnostics.UnsupportedProxyScheme.Create(
                    $"GOPROXY entry '{shown}' uses the scheme '{scheme}'; Go accepts only https, http and file.{(GoFilePath.IsAbs(GoHostOS.Windows, text) ? $" For a local folder write {WindowsFileUrl(text)}." : string.Empty)}",
                    location));
                return null;
        }
    }

    // Go accepts a file URL that is a scheme and a path, nothing else: file:///srv/proxy, file:///C:/proxy.
    private static ProxyEntry? ParseFileEntry(string url, string shown, bool fallBackOnAnyError, SourceLocation? location, DiagnosticBag diagnostics)
    {
        var parsed = GoUrl.Parse(url, out var urlError);
        var problem = parsed is null ? CredentialRedactor.RedactText(urlError!)
            : !parsed.IsSchemeAndPathOnly ? $"invalid file:// proxy URL with non-path elements: {shown}"
            : null;
        if (problem is null && parsed is not null && parsed.Path.StartsWith('/'))
        {
            // Built from the path Go reads, each segment escaped (a drive letter kept), so characters System.Uri
            // would take for user info, a port or a fragment stay part of the path.
            var segments = parsed.Path.Split('/').Select((segment, i) =>
                i == 1 && segment is [_, ':'] && char.IsAsciiLetter(segment[0]) ? segment : Uri.EscapeDataString(segment));
            if (Uri.TryCreate("file://" + string.Join('/', segments), UriKind.Absolute, out var file) && file.IsFile)
            {
                return new ProxyEntry(ProxyEntryKind.Url, file, fallBackOnAnyError);
            }
        }

        diagnostics.Add(PolicyDiagnostics.MalformedProxyList.Create(
            $"GOPROXY entry '{shown}' is not a usable file URL{(problem is null ? string.Empty : " (Go: " + problem + ")")}; Go accepts only file:///absolute/path.",
            location,
            "Write a local proxy folder as file:///absolute/path (file:///C:/path on Windows), with no host, query or fragment."));
        return null;
    }

    // The URL scheme as Go's url.Parse reads it: letters, then letters, digits, '+', '-' or '.', then ':'.
    private static string? SchemeOf(string url)
    {
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (char.IsAsciiLetter(c) || (i > 0 && (char.IsAsciiDigit(c) || c is '+' or '-' or '.')))
            {
                continue;
            }

            return c == ':' && i > 0 ? url[..i].ToLowerInvariant() : null;
        }

        return null;
    }

    private static string MissingSchemeHint(string text, GoHostOS os) =>
        text.StartsWith('/') || GoFilePath.IsAbs(os, text)
            ? $"For a local proxy folder write {(text.StartsWith('/') ? "file://" + text : WindowsFileUrl(text))}."
            : "Single words other than 'direct' and 'off' are reserved by Go; write the proxy's full URL, e.g. https://" + CredentialRedactor.RedactText(text) + ".";

    private static string WindowsFileUrl(string path) => "file:///" + path.Replace('\\', '/');
}
