using System.Text.Json;

namespace GoMirror.Core.Engine;

/// <summary>
/// The part of a step's saved state the up-to-date check needs: the stamp it ran with, whether it succeeded,
/// and for the report which results it was made from and which files it wrote. Read from the same state file
/// as the full record, with <see cref="Utf8JsonReader"/> and no serializer: a skipped step compiles no
/// serializer code for the module and diagnostic lists it never looks at.
/// </summary>
internal sealed record StepSummary(string Stamp, bool Succeeded, bool UsedPrewarm, bool UsedDownload, string? ReportFile, string? Fingerprint, IReadOnlyList<string> Files)
{
    /// <summary>Reads the summary from a whole state file (property names as <see cref="EngineStateJson"/>
    /// writes them). The whole file is checked to be JSON; a file without a stamp value and outcome, or with a
    /// value of the wrong kind, throws <see cref="JsonException"/>.</summary>
    public static StepSummary Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartObject);
        string? stamp = null;
        bool? succeeded = null;
        var (usedPrewarm, usedDownload) = (false, false);
        string? reportFile = null;
        string? fingerprint = null;
        var files = new List<string>();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Stamp"u8))
            {
                stamp = ReadStampValue(ref reader);
            }
            else if (reader.ValueTextEquals("Succeeded"u8))
            {
                succeeded = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("UsedPrewarm"u8))
            {
                usedPrewarm = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("UsedDownload"u8))
            {
                usedDownload = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("ReportFile"u8))
            {
                reportFile = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("Fingerprint"u8))
            {
                fingerprint = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("Files"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray);
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    files.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("Files holds a value that is not a string."));
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("The state is not one JSON object.");
        }

        return stamp is not null && succeeded is { } ok
            ? new StepSummary(stamp, ok, usedPrewarm, usedDownload, reportFile, fingerprint, files)
            : throw new JsonException("The state has no Stamp.Value or no Succeeded.");
    }

    private static string? ReadStampValue(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string? value = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Value"u8))
            {
                value = ReadString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return value;
    }

    private static bool ReadBoolean(ref Utf8JsonReader reader) => Next(ref reader) switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new JsonException("Expected true or false."),
    };

    private static string? ReadString(ref Utf8JsonReader reader) => Next(ref reader) switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException("Expected a string or null."),
    };

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type)
        {
            throw new JsonException($"Expected {type}.");
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("The state ends early.");
}
