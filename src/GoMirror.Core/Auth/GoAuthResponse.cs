namespace GoMirror.Core.Auth;

/// <summary>One HTTP request header a credential consists of.</summary>
/// <param name="Name">The header name, e.g. <c>Authorization</c>.</param>
/// <param name="Value">Its value: a secret.</param>
internal sealed record CredentialHeader(string Name, string Value);

/// <summary>
/// The output of a GOAUTH command, read as Go 1.24+ reads it (cmd/go/internal/auth parseUserAuth and
/// <c>go help goauth</c>):
/// <code>
/// Response      = { CredentialSet } .
/// CredentialSet = URLLine { URLLine } BlankLine { HeaderLine } BlankLine .
/// URLLine       = /* URL that starts with "https://" */ '\n' .
/// HeaderLine    = /* HTTP Request header */ '\n' .
/// BlankLine     = '\n' .
/// </code>
/// Lines end in <c>\n</c> or <c>\r\n</c>; URL lines may not carry surrounding white space; header lines are
/// MIME headers (<c>Name: value</c>, name a token, continuation lines start with white space); the final blank
/// line is required. A set with no header lines removes the credential for its prefixes. Output that does not
/// follow the grammar is rejected whole, as Go rejects it.
/// </summary>
internal static class GoAuthResponse
{
    /// <summary>Parses <paramref name="output"/> into prefix → headers (prefix without <c>https://</c> and
    /// trailing <c>/</c>, as Go stores it; a later set for the same prefix replaces an earlier one). Returns null
    /// on success, or the reason the output is invalid (never quoting a header value).</summary>
    public static string? Parse(string output, out IReadOnlyDictionary<string, IReadOnlyList<CredentialHeader>> credentials)
    {
        ArgumentNullException.ThrowIfNull(output);
        var result = new Dictionary<string, IReadOnlyList<CredentialHeader>>(StringComparer.Ordinal);
        credentials = result;
        var lines = SplitLines(output);
        var at = 0;
        while (at < lines.Count)
        {
            var urls = new List<string>();
            while (true)
            {
                if (at >= lines.Count)
                {
                    return $"line {at + 1}: unexpected end of output: expected url prefix or empty line";
                }

                var line = lines[at++];
                if (line.Length == 0)
                {
                    break;
                }

                if (line.Trim() != line)
                {
                    return $"line {at}: invalid format: leading or trailing white space";
                }

                if (!line.StartsWith("https://", StringComparison.Ordinal))
                {
                    return $"line {at}: invalid format: expected url prefix or empty line";
                }

                urls.Add(line);
            }

            if (urls.Count == 0)
            {
                return $"line {at}: invalid format: expected url prefix";
            }

            var headers = new List<CredentialHeader>();
            while (true)
            {
                if (at >= lines.Count)
                {
                    return $"line {at + 1}: unexpected end of output: the header lines must end with an empty line";
                }

                var line = lines[at++];
                if (line.Length == 0)
                {
                    break;
                }

                if (line[0] is ' ' or '\t')
                {
                    if (headers.Count == 0)
                    {
                        return $"line {at}: malformed MIME header initial line";
                    }

                    var last = headers[^1];
                    headers[^1] = last with { Value = last.Value + " " + line.Trim(' ', '\t') };
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || !IsToken(line.AsSpan(0, colon)))
                {
                    return $"line {at}: malformed MIME header line (expected 'Name: value')";
                }

                var value = line[(colon + 1)..].Trim(' ', '\t');
                if (value.Any(c => (c < ' ' && c != '\t') || c == '\x7f'))
                {
                    return $"line {at}: invalid header field value for {line[..colon]}";
                }

                headers.Add(new CredentialHeader(line[..colon], value));
            }

            foreach (var url in urls)
            {
                result[Key(url)] = headers;
            }
        }

        return null;
    }

    /// <summary>Go's key for a URL prefix: without <c>https://</c> and without a trailing <c>/</c>.</summary>
    public static string Key(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var key = url.StartsWith("https://", StringComparison.Ordinal) ? url["https://".Length..] : url;
        return key.EndsWith('/') ? key[..^1] : key;
    }

    // textproto's line reader: "\n" ends a line and a "\r" before it is dropped; a last line without "\n" counts.
    private static List<string> SplitLines(string output)
    {
        var lines = new List<string>(output.Split('\n'));
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].EndsWith('\r'))
            {
                lines[i] = lines[i][..^1];
            }
        }

        return lines;
    }

    private static bool IsToken(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }
}
