using System.Globalization;
using System.Text;

namespace GoMirror.Core.GoMod;

/// <summary>Go's strconv.Unquote for double-quoted strings, the only quoted form go.mod accepts.</summary>
internal static class GoStringLiteral
{
    /// <summary>Unquotes <c>"…"</c> with Go's escapes; false on any malformed escape.</summary>
    public static bool TryUnquote(string quoted, out string value)
    {
        value = string.Empty;
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"')
        {
            return false;
        }

        var body = quoted.AsSpan(1, quoted.Length - 2);
        var bytes = new List<byte>(body.Length);
        Span<byte> utf8 = stackalloc byte[4];
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '"' || c == '\n')
            {
                return false;
            }

            if (c != '\\')
            {
                Rune.DecodeFromUtf16(body[i..], out var rune, out var used);
                AppendRune(bytes, rune, utf8);
                i += Math.Max(used, 1);
                continue;
            }

            if (i + 1 >= body.Length)
            {
                return false;
            }

            var e = body[i + 1];
            i += 2;
            switch (e)
            {
                case 'a': bytes.Add(0x07); break;
                case 'b': bytes.Add(0x08); break;
                case 'f': bytes.Add(0x0C); break;
                case 'n': bytes.Add(0x0A); break;
                case 'r': bytes.Add(0x0D); break;
                case 't': bytes.Add(0x09); break;
                case 'v': bytes.Add(0x0B); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '"': bytes.Add((byte)'"'); break;
                case 'x' or 'u' or 'U':
                    var digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > body.Length
                        || !int.TryParse(body.Slice(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        return false;
                    }

                    i += digits;
                    if (e == 'x')
                    {
                        bytes.Add((byte)code);
                    }
                    else if (Rune.TryCreate(code, out var escaped))
                    {
                        AppendRune(bytes, escaped, utf8);
                    }
                    else
                    {
                        return false;
                    }

                    break;
                case >= '0' and <= '7':
                    if (i + 2 > body.Length || body[i] is < '0' or > '7' || body[i + 1] is < '0' or > '7')
                    {
                        return false;
                    }

                    var octal = ((e - '0') * 64) + ((body[i] - '0') * 8) + (body[i + 1] - '0');
                    if (octal > 255)
                    {
                        return false;
                    }

                    bytes.Add((byte)octal);
                    i += 2;
                    break;
                default:
                    return false;
            }
        }

        value = Encoding.UTF8.GetString(bytes.ToArray());
        return true;
    }

    private static void AppendRune(List<byte> bytes, Rune rune, Span<byte> buffer)
    {
        var n = rune.EncodeToUtf8(buffer);
        for (var k = 0; k < n; k++)
        {
            bytes.Add(buffer[k]);
        }
    }
}
