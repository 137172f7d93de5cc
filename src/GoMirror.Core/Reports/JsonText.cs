using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GoMirror.Core.Reports;

/// <summary>
/// Deterministic JSON text for every JSON output: object keys sorted by ordinal, two-space indentation,
/// <c>\n</c> line endings, a final newline, UTF-8 without BOM. <see cref="Canonical"/> is the compact form the
/// fingerprint hashes: RFC 8785 (JCS) for the value kinds reports use (strings, integers, booleans, null),
/// written by hand so a change in a .NET encoder can never change a fingerprint.
/// </summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions PrettyOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>UTF-8 without a byte order mark: what every report file is written in.</summary>
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Indented JSON with sorted keys and a final newline.</summary>
    public static string Pretty(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, PrettyOptions))
        {
            WriteSorted(writer, node);
        }

        return Utf8NoBom.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The canonical compact form: sorted keys, no whitespace, minimal escaping.</summary>
    public static string Canonical(JsonNode? node)
    {
        var builder = new StringBuilder();
        WriteCanonical(builder, node);
        return builder.ToString();
    }

    /// <summary><c>sha256:</c> and the lowercase hex SHA-256 of the UTF-8 canonical form of <paramref name="node"/>.</summary>
    public static string Sha256(JsonNode? node) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Utf8NoBom.GetBytes(Canonical(node))));

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteSorted(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static void WriteCanonical(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(first ? string.Empty : ",");
                    first = false;
                    WriteString(builder, key);
                    builder.Append(':');
                    WriteCanonical(builder, value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ",");
                    WriteCanonical(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                WriteString(builder, value.GetValue<string>());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number
                && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                // Whatever CLR type holds the number (int, long, a parsed element), only integers are written.
                builder.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                builder.Append(value.GetValue<bool>() ? "true" : "false");
                break;
            default:
                throw new ArgumentException("Reports use only strings, integers, booleans and null; got " + node.ToJsonString() + ".", nameof(node));
        }
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        builder.Append('"');
    }
}
