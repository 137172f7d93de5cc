using System.Text;
using GoMirror.Core.Modules;

namespace GoMirror.Core.Web;

/// <summary>
/// A URL read by the rules of Go's <c>net/url.Parse</c>, which cmd/go applies to GOPROXY entries
/// (<c>modfetch/proxy.go</c>) and to a GOSUMDB URL (<c>modfetch/sumdb.go</c>): what Go accepts and refuses, with
/// Go's words. <see cref="Uri"/> is stricter in places (ports, user info) and looser in others (bad <c>%</c>
/// escapes, control characters, zone identifiers), so it decides nothing here; it is built only to connect.
/// Go works on bytes: the parts are the UTF-8 bytes Go holds, decoded for display.
/// </summary>
internal sealed class GoUrl
{
    private GoUrl()
    {
    }

    /// <summary>The scheme, lower case.</summary>
    public string Scheme { get; private init; } = string.Empty;

    /// <summary>What follows <c>scheme:</c> when it does not start with <c>/</c> (Go's <c>Opaque</c>).</summary>
    public string Opaque { get; private init; } = string.Empty;

    /// <summary>The user name, unescaped; null without user info.</summary>
    public string? User { get; private init; }

    /// <summary>The password, unescaped; null when the user info has no <c>:</c>.</summary>
    public string? Password { get; private init; }

    /// <summary>Host and optional <c>:port</c>, unescaped.</summary>
    public string Host { get; private init; } = string.Empty;

    /// <summary>The path, unescaped.</summary>
    public string Path { get; private init; } = string.Empty;

    /// <summary>True when the path as written is not how Go would escape it (Go keeps it as <c>RawPath</c>).</summary>
    public bool HasRawPath { get; private init; }

    /// <summary>True for <c>scheme:/path</c> (no <c>//</c>).</summary>
    public bool OmitHost { get; private init; }

    /// <summary>True when a query (or a lone <c>?</c>) follows the path.</summary>
    public bool HasQuery { get; private init; }

    /// <summary>The fragment, unescaped.</summary>
    public string Fragment { get; private init; } = string.Empty;

    /// <summary>The host without its port and brackets (Go's <c>Hostname</c>).</summary>
    public string Hostname => SplitHostPort(Host).Host;

    /// <summary>The port digits, or empty (Go's <c>Port</c>).</summary>
    public string Port => SplitHostPort(Host).Port;

    /// <summary>True when the URL has nothing but a scheme and a path, the only form Go takes for <c>file:</c>
    /// proxies ("invalid file:// proxy URL with non-path elements" otherwise).</summary>
    public bool IsSchemeAndPathOnly => Opaque.Length == 0 && User is null && Host.Length == 0 && !OmitHost && !HasQuery && Fragment.Length == 0;

    /// <summary>Parses <paramref name="raw"/> as Go's <c>url.Parse</c>; on failure <paramref name="error"/> is Go's
    /// message (<c>parse "…": …</c>).</summary>
    public static GoUrl? Parse(string raw, out string? error)
    {
        var bytes = Encoding.UTF8.GetBytes(raw);
        var hash = Array.IndexOf(bytes, (byte)'#');
        var main = hash < 0 ? bytes : bytes[..hash];
        var url = ParseMain(main, out var problem);
        if (url is not null && hash >= 0 && hash + 1 < bytes.Length)
        {
            if (Unescape(bytes[(hash + 1)..], Mode.Fragment, out var fragment, out problem))
            {
                url = new GoUrl
                {
                    Scheme = url.Scheme, Opaque = url.Opaque, User = url.User, Password = url.Password, Host = url.Host,
                    Path = url.Path, HasRawPath = url.HasRawPath, OmitHost = url.OmitHost, HasQuery = url.HasQuery, Fragment = Text(fragment),
                };
            }
            else
            {
                error = $"parse {Quote(bytes)}: {problem}";
                return null;
            }
        }

        error = url is null ? $"parse {Quote(main)}: {problem}" : null;
        return url;
    }

    private static GoUrl? ParseMain(byte[] raw, out string? problem)
    {
        problem = null;
        if (raw.Any(b => b < 0x20 || b == 0x7f))
        {
            problem = "net/url: invalid control character in URL";
            return null;
        }

        if (raw is [(byte)'*'])
        {
            return new GoUrl { Path = "*" };
        }

        var (scheme, rest) = SchemeOf(raw, out problem);
        if (problem is not null)
        {
            return null;
        }

        var hasQuery = false;
        var question = Array.IndexOf(rest, (byte)'?');
        if (question >= 0)
        {
            hasQuery = true;
            rest = rest[..question];
        }

        if (rest is not [(byte)'/', ..])
        {
            if (scheme.Length > 0)
            {
                return new GoUrl { Scheme = scheme, Opaque = Text(rest), HasQuery = hasQuery };
            }

            var slash = Array.IndexOf(rest, (byte)'/');
            if (Array.IndexOf(slash < 0 ? rest : rest[..slash], (byte)':') >= 0)
            {
                problem = "first path segment in URL cannot contain colon";
                return null;
            }
        }

        string? user = null, password = null;
        var host = string.Empty;
        var omitHost = false;
        if ((scheme.Length > 0 || rest is not [(byte)'/', (byte)'/', (byte)'/', ..]) && rest is [(byte)'/', (byte)'/', ..])
        {
            var authority = rest[2..];
            rest = [];
            var slash = Array.IndexOf(authority, (byte)'/');
            if (slash >= 0)
            {
                (authority, rest) = (authority[..slash], authority[slash..]);
            }

            if (!ParseAuthority(authority, out user, out password, out host, out problem))
            {
                return null;
            }
        }
        else if (scheme.Length > 0 && rest is [(byte)'/', ..])
        {
            omitHost = true;
        }

        if (!Unescape(rest, Mode.Path, out var path, out problem))
        {
            return null;
        }

        return new GoUrl
        {
            Scheme = scheme, User = user, Password = password, Host = host, Path = Text(path), HasRawPath = !EscapePath(path).AsSpan().SequenceEqual(rest),
            OmitHost = omitHost, HasQuery = hasQuery,
        };
    }

    private static (string Scheme, byte[] Remainder) SchemeOf(byte[] raw, out string? problem)
    {
        problem = null;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z'))
            {
                continue;
            }

            if (c is (>= (byte)'0' and <= (byte)'9') or (byte)'+' or (byte)'-' or (byte)'.')
            {
                if (i == 0)
                {
                    return (string.Empty, raw);
                }

                continue;
            }

            if (c == ':')
            {
                if (i == 0)
                {
                    problem = "missing protocol scheme";
                    return (string.Empty, []);
                }

                return (Encoding.ASCII.GetString(raw, 0, i).ToLowerInvariant(), raw[(i + 1)..]);
            }

            return (string.Empty, raw);
        }

        return (string.Empty, raw);
    }

    private static bool ParseAuthority(byte[] authority, out string? user, out string? password, out string host, out string? problem)
    {
        user = password = null;
        var at = Array.LastIndexOf(authority, (byte)'@');
        if (!ParseHost(at < 0 ? authority : authority[(at + 1)..], out host, out problem))
        {
            return false;
        }

        if (at < 0)
        {
            return true;
        }

        var info = authority[..at];
        if (!info.All(ValidUserinfo))
        {
            problem = "net/url: invalid userinfo";
            return false;
        }

        var colon = Array.IndexOf(info, (byte)':');
        if (!Unescape(colon < 0 ? info : info[..colon], Mode.UserPassword, out var name, out problem))
        {
            return false;
        }

        user = Text(name);
        if (colon >= 0)
        {
            if (!Unescape(info[(colon + 1)..], Mode.UserPassword, out var secret, out problem))
            {
                return false;
            }

            password = Text(secret);
        }

        return true;
    }

    private static bool ValidUserinfo(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'.' or (byte)'_' or (byte)':' or (byte)'~' or (byte)'!' or (byte)'$' or (byte)'&' or (byte)'\''
            or (byte)'(' or (byte)')' or (byte)'*' or (byte)'+' or (byte)',' or (byte)';' or (byte)'=' or (byte)'%' or (byte)'@';

    private static bool ParseHost(byte[] host, out string result, out string? problem)
    {
        result = string.Empty;
        if (host is [(byte)'[', ..])
        {
            var close = Array.LastIndexOf(host, (byte)']');
            if (close < 0)
            {
                problem = "missing ']' in host";
                return false;
            }

            if (!ValidOptionalPort(host.AsSpan(close + 1)))
            {
                problem = $"invalid port {Quote(host[(close + 1)..])} after host";
                return false;
            }

            var zone = host.AsSpan(0, close).IndexOf("%25"u8);
            if (zone >= 0)
            {
                if (!Unescape(host[..zone], Mode.Host, out var h1, out problem)
                    || !Unescape(host[zone..close], Mode.Zone, out var h2, out problem)
                    || !Unescape(host[close..], Mode.Host, out var h3, out problem))
                {
                    return false;
                }

                result = Text([.. h1, .. h2, .. h3]);
                return true;
            }
        }
        else if (Array.LastIndexOf(host, (byte)':') is var colon and >= 0 && !ValidOptionalPort(host.AsSpan(colon)))
        {
            problem = $"invalid port {Quote(host[colon..])} after host";
            return false;
        }

        if (!Unescape(host, Mode.Host, out var unescaped, out problem))
        {
            return false;
        }

        result = Text(unescaped);
        return true;
    }

    private static bool ValidOptionalPort(ReadOnlySpan<byte> port)
    {
        if (port.IsEmpty)
        {
            return true;
        }

        if (port[0] != ':')
        {
            return false;
        }

        foreach (var b in port[1..])
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static (string Host, string Port) SplitHostPort(string hostPort)
    {
        var (host, port) = (hostPort, string.Empty);
        var colon = host.LastIndexOf(':');
        if (colon >= 0 && ValidOptionalPort(Encoding.UTF8.GetBytes(host[colon..])))
        {
            (host, port) = (host[..colon], host[(colon + 1)..]);
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return (host, port);
    }

    private enum Mode
    {
        Path,
        UserPassword,
        Host,
        Zone,
        Fragment,
    }

    private static bool Unescape(byte[] s, Mode mode, out byte[] result, out string? problem)
    {
        result = s;
        problem = null;
        var escapes = 0;
        for (var i = 0; i < s.Length;)
        {
            var c = s[i];
            if (c == '%')
            {
                escapes++;
                if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2]))
                {
                    problem = $"invalid URL escape {Quote(s[i..Math.Min(s.Length, i + 3)])}";
                    return false;
                }

                var value = (byte)((Hex(s[i + 1]) << 4) | Hex(s[i + 2]));
                var isPercent = s[i + 1] == '2' && s[i + 2] == '5';
                if ((mode == Mode.Host && Hex(s[i + 1]) < 8 && !isPercent)
                    || (mode == Mode.Zone && !isPercent && value != ' ' && ShouldEscape(value, Mode.Host)))
                {
                    problem = $"invalid URL escape {Quote(s[i..(i + 3)])}";
                    return false;
                }

                i += 3;
                continue;
            }

            if (mode is Mode.Host or Mode.Zone && c < 0x80 && ShouldEscape(c, mode))
            {
                problem = $"invalid character {Quote([c])} in host name";
                return false;
            }

            i++;
        }

        if (escapes == 0)
        {
            return true;
        }

        var output = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%')
            {
                output.Add((byte)((Hex(s[i + 1]) << 4) | Hex(s[i + 2])));
                i += 2;
            }
            else
            {
                output.Add(s[i]);
            }
        }

        result = [.. output];
        return true;
    }

    private static bool ShouldEscape(byte c, Mode mode)
    {
        if (c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9'))
        {
            return false;
        }

        if (mode is Mode.Host or Mode.Zone && c is (byte)'!' or (byte)'$' or (byte)'&' or (byte)'\'' or (byte)'(' or (byte)')' or (byte)'*'
            or (byte)'+' or (byte)',' or (byte)';' or (byte)'=' or (byte)':' or (byte)'[' or (byte)']' or (byte)'<' or (byte)'>' or (byte)'"')
        {
            return false;
        }

        switch (c)
        {
            case (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~':
                return false;
            case (byte)'$' or (byte)'&' or (byte)'+' or (byte)',' or (byte)'/' or (byte)':' or (byte)';' or (byte)'=' or (byte)'?' or (byte)'@':
                switch (mode)
                {
                    case Mode.Path: return c == '?';
                    case Mode.UserPassword: return c is (byte)'@' or (byte)'/' or (byte)'?' or (byte)':';
                    case Mode.Fragment: return false;
                }

                break;
        }

        return !(mode == Mode.Fragment && c is (byte)'!' or (byte)'(' or (byte)')' or (byte)'*');
    }

    // Go's escape(path, encodePath), uppercase hex.
    private static byte[] EscapePath(byte[] path)
    {
        var output = new List<byte>(path.Length);
        foreach (var c in path)
        {
            if (ShouldEscape(c, Mode.Path))
            {
                output.AddRange([(byte)'%', (byte)"0123456789ABCDEF"[c >> 4], (byte)"0123456789ABCDEF"[c & 15]]);
            }
            else
            {
                output.Add(c);
            }
        }

        return [.. output];
    }

    private static bool IsHex(byte c) => c is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static int Hex(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    // Go's %q of bytes that may not be UTF-8: valid runes as strconv.Quote writes them, other bytes as \xNN.
    private static string Quote(byte[] bytes)
    {
        var b = new StringBuilder("\"");
        var span = bytes.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(span, out var rune, out var used) == System.Buffers.OperationStatus.Done)
            {
                b.Append(GoUnicode.Quote(rune.ToString())[1..^1]);
            }
            else
            {
                b.Append($"\\x{span[0]:x2}");
                used = 1;
            }

            span = span[used..];
        }

        return b.Append('"').ToString();
    }
}
