using System.Text;
using System.Text.Json;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Policy;

/// <summary>
/// A JSON value of the policy file with the line and column where it starts, so every error can point at it:
/// <see cref="JsonDocument"/> keeps no positions, so the file is read token by token with <see cref="Utf8JsonReader"/>.
/// </summary>
/// <param name="Kind">The value's kind.</param>
/// <param name="Text">A string's value; null for other kinds.</param>
/// <param name="Properties">An object's properties in file order (name, where the name is, value); empty otherwise.</param>
/// <param name="Location">Where the value starts (1-based line and column, in characters).</param>
internal sealed record PolicyFileJson(JsonValueKind Kind, string? Text, IReadOnlyList<(string Name, SourceLocation Where, PolicyFileJson Value)> Properties, SourceLocation Location)
{
    /// <summary>How the value's kind is named in an error.</summary>
    public string KindName => Kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Reads <paramref name="utf8"/> (a UTF-8 byte order mark is skipped; comments and trailing commas are
    /// allowed, as in global.json). A syntax error is GOMIRROR0020 at its line and column, and null is returned.</summary>
    public static PolicyFileJson? Parse(string file, byte[] utf8, DiagnosticBag diagnostics)
    {
        var start = utf8.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var positions = new Positions(file, utf8, start);
        var reader = new Utf8JsonReader(utf8.AsSpan(start), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
            {
                diagnostics.Add(PolicyDiagnostics.MalformedPolicyFile.Create($"{file} is empty; it must hold one JSON object.", SourceLocation.InFile(file, 1, 1)));
                return null;
            }

            var value = ReadValue(ref reader, positions);
            reader.Read(); // Throws on anything but white space or comments after the value.
            return value;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var where = positions.AtLineByte(line, (int)(e.BytePositionInLine ?? 0));
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            diagnostics.Add(PolicyDiagnostics.MalformedPolicyFile.Create(
                $"{where}: {(cut > 0 ? message[..cut] : message)}", where));
            return null;
        }
    }

    private static PolicyFileJson ReadValue(ref Utf8JsonReader reader, Positions positions)
    {
        var where = positions.At((int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var properties = new List<(string, SourceLocation, PolicyFileJson)>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var nameAt = positions.At((int)reader.TokenStartIndex);
                    var name = reader.GetString()!;
                    reader.Read();
                    properties.Add((name, nameAt, ReadValue(ref reader, positions)));
                }

                return new PolicyFileJson(JsonValueKind.Object, null, properties, where);
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ReadValue(ref reader, positions);
                }

                return new PolicyFileJson(JsonValueKind.Array, null, [], where);
            case JsonTokenType.String:
                return new PolicyFileJson(JsonValueKind.String, reader.GetString(), [], where);
            case JsonTokenType.Number:
                return new PolicyFileJson(JsonValueKind.Number, null, [], where);
            case JsonTokenType.True:
                return new PolicyFileJson(JsonValueKind.True, null, [], where);
            case JsonTokenType.False:
                return new PolicyFileJson(JsonValueKind.False, null, [], where);
            default:
                return new PolicyFileJson(JsonValueKind.Null, null, [], where);
        }
    }

    // Byte offsets to 1-based lines and character columns.
    private sealed class Positions
    {
        private readonly string _file;
        private readonly byte[] _utf8;
        private readonly int _start;
        private readonly List<int> _lineStarts = [];

        public Positions(string file, byte[] utf8, int start)
        {
            (_file, _utf8, _start) = (file, utf8, start);
            _lineStarts.Add(start);
            for (var i = start; i < utf8.Length; i++)
            {
                if (utf8[i] == '\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        public SourceLocation At(int offset)
        {
            var absolute = offset + _start;
            var line = _lineStarts.BinarySearch(absolute);
            line = line >= 0 ? line : ~line - 1;
            return AtLineByte(line, absolute - _lineStarts[line]);
        }

        public SourceLocation AtLineByte(int zeroBasedLine, int bytesInLine)
        {
            var line = Math.Clamp(zeroBasedLine, 0, _lineStarts.Count - 1);
            var from = _lineStarts[line];
            var length = Math.Clamp(bytesInLine, 0, _utf8.Length - from);
            return SourceLocation.InFile(_file, line + 1, Encoding.UTF8.GetCharCount(_utf8, from, length) + 1);
        }
    }
}
