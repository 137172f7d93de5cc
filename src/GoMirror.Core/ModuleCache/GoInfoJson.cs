using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoMirror.Core.Modules;

namespace GoMirror.Core.ModuleCache;

/// <summary>
/// Turns a proxy's <c>.info</c> answer into the bytes the go command itself writes to the cache: Go decodes
/// the JSON into its <c>RevInfo</c> and stores <c>json.Marshal</c> of it (cmd/go/internal/modfetch/cache.go
/// <c>writeDiskStat</c>), so unknown fields disappear, <c>Time</c> is always present in RFC 3339 with
/// nanoseconds, and the <c>Origin</c> tag fields (and <c>Ref</c> of a pseudo-version) are dropped.
/// The <c>Origin</c> fields come in the order of Go 1.23's <c>codehost.Origin</c> (Hash after Subdir); Go 1.19
/// and 1.21 write Hash after Ref. Every release reads either order (docs/go-behaviour.md).
/// </summary>
internal static partial class GoInfoJson
{
    private static readonly string[] OriginFields = ["VCS", "URL", "Subdir", "Hash", "TagPrefix", "TagSum", "Ref", "RepoSum"];

    /// <summary>Returns Go's bytes for the info, or an error text saying what Go would reject.</summary>
    public static bool TryCanonicalize(ReadOnlySpan<byte> json, string version, out byte[] canonical, out string error)
    {
        canonical = [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            error = "it is not valid JSON: " + e.Message;
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "it is not a JSON object";
                return false;
            }

            string infoVersion = string.Empty;
            string time = "0001-01-01T00:00:00Z";
            Dictionary<string, string>? origin = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                // encoding/json matches field names case-insensitively; the last occurrence wins.
                if (property.Name.Equals("Version", StringComparison.OrdinalIgnoreCase))
                {
                    if (!TryString(property.Value, out infoVersion))
                    {
                        error = "\"Version\" is not a string";
                        return false;
                    }
                }
                else if (property.Name.Equals("Time", StringComparison.OrdinalIgnoreCase))
                {
                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    if (property.Value.ValueKind != JsonValueKind.String || !TryCanonicalTime(property.Value.GetString()!, out time))
                    {
                        error = $"\"Time\" is not an RFC 3339 time: {property.Value.GetRawText()}";
                        return false;
                    }
                }
                else if (property.Name.Equals("Origin", StringComparison.OrdinalIgnoreCase))
                {
                    if (!TryOrigin(property.Value, out origin))
                    {
                        error = "\"Origin\" is not an object of strings";
                        return false;
                    }
                }
            }

            if (infoVersion != version)
            {
                error = $"it describes version '{infoVersion}' instead of the requested '{version}'";
                return false;
            }

            canonical = Write(version, time, origin);
            error = string.Empty;
            return true;
        }
    }

    private static byte[] Write(string version, string time, Dictionary<string, string>? origin)
    {
        var text = new StringBuilder("{\"Version\":");
        AppendString(text, version);
        text.Append(",\"Time\":\"").Append(time).Append('"');
        if (origin is not null)
        {
            text.Append(",\"Origin\":{");
            var first = true;
            foreach (var field in OriginFields)
            {
                // writeDiskStat clears TagPrefix and TagSum, and Ref for a pseudo-version.
                if (field is "TagPrefix" or "TagSum" || (field == "Ref" && PseudoVersion.IsPseudoVersion(version)))
                {
                    continue;
                }

                if (origin.TryGetValue(field, out var value) && value.Length > 0)
                {
                    text.Append(first ? "\"" : ",\"").Append(field).Append("\":");
                    AppendString(text, value);
                    first = false;
                }
            }

            text.Append('}');
        }

        return Encoding.UTF8.GetBytes(text.Append('}').ToString());
    }

    private static bool TryOrigin(JsonElement value, out Dictionary<string, string>? origin)
    {
        origin = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        origin = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var field = Array.Find(OriginFields, f => f.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                continue;
            }

            if (!TryString(property.Value, out var text))
            {
                return false;
            }

            origin[field] = text;
        }

        return true;
    }

    private static bool TryString(JsonElement value, out string text)
    {
        text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Null => string.Empty,
            _ => null!,
        };
        return text is not null;
    }

    // Go reads the time with time.Parse(RFC3339): an hour of one or two digits, a fraction of any length after
    // '.' or ',' (nanoseconds from its first nine digits), a zone of 'Z' or ±hh:mm with any two-digit numbers, the
    // date checked in the proleptic Gregorian calendar (year 0000 included). It writes RFC 3339 with nanoseconds
    // (trailing zeros dropped) in that zone: 'Z' for a zero offset, the offset's hours and minutes otherwise; an
    // offset of 24 hours or more cannot be written (Go 1.20+: "timezone hour outside of range").
    private static bool TryCanonicalTime(string text, out string canonical)
    {
        canonical = string.Empty;
        var match = Rfc3339().Match(text);
        int Number(string group) => int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        if (!match.Success || !GoCalendar.IsValid(Number("y"), Number("mo"), Number("d"), Number("h"), Number("mi"), Number("s")))
        {
            return false;
        }

        var fraction = match.Groups["frac"].Value;
        fraction = fraction[..Math.Min(fraction.Length, 9)].TrimEnd('0');
        var zone = "Z";
        if (match.Groups["zh"].Success)
        {
            var minutes = (Number("zh") * 60) + Number("zm");
            if (minutes >= 24 * 60)
            {
                return false;
            }

            if (minutes != 0)
            {
                zone = string.Create(CultureInfo.InvariantCulture, $"{match.Groups["sign"].Value}{minutes / 60:00}:{minutes % 60:00}");
            }
        }

        canonical = string.Create(CultureInfo.InvariantCulture, $"{match.Groups["y"].Value}-{match.Groups["mo"].Value}-{match.Groups["d"].Value}T{Number("h"):00}:{match.Groups["mi"].Value}:{match.Groups["s"].Value}")
            + (fraction.Length > 0 ? "." + fraction : string.Empty) + zone;
        return true;
    }

    // Go's encoding/json string escaping with HTML escaping on (the json.Marshal default).
    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})T(?<h>[0-9]{1,2}):(?<mi>[0-9]{2}):(?<s>[0-9]{2})(?:[.,](?<frac>[0-9]+))?(?:Z|(?<sign>[+-])(?<zh>[0-9]{2}):(?<zm>[0-9]{2}))\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

}
