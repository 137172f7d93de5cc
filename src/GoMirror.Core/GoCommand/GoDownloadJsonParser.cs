using System.Text;
using System.Text.Json;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.GoCommand;

/// <summary>
/// Reads the stdout of <c>go mod download -json</c>: JSON objects printed one after another (tab-indented,
/// not an array). Unknown fields are ignored; output that is not JSON gives GOMIRROR0312 and keeps the
/// objects read before it.
/// </summary>
internal static class GoDownloadJsonParser
{
    /// <summary>Parses <paramref name="stdout"/>.</summary>
    /// <param name="stdout">The standard output of the go command.</param>
    /// <param name="modules">The objects read, in Go's order.</param>
    /// <returns>GOMIRROR0312 when some output could not be read; otherwise null.</returns>
    public static Diagnostic? Parse(string stdout, out IReadOnlyList<GoModuleDownload> modules)
    {
        var found = new List<GoModuleDownload>();
        modules = found;
        if (string.IsNullOrWhiteSpace(stdout))
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(stdout);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            while (reader.Read())
            {
                using var document = JsonDocument.ParseValue(ref reader);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return Unreadable($"expected a JSON object, found {document.RootElement.ValueKind}", found.Count);
                }

                found.Add(Read(document.RootElement));
            }
        }
        catch (JsonException e)
        {
            return Unreadable(e.Message, found.Count);
        }

        return null;
    }

    private static Diagnostic Unreadable(string why, int count) => GoCommandDiagnostics.OutputUnreadable.Create(
        $"The output of 'go mod download -json' is not a sequence of JSON objects after {count} object(s): {why}");

    private static GoModuleDownload Read(JsonElement o) => new(Text(o, "Path") ?? string.Empty, Text(o, "Version") ?? string.Empty)
    {
        Query = Text(o, "Query"),
        Error = ErrorText(o),
        Info = Text(o, "Info"),
        GoMod = Text(o, "GoMod"),
        Zip = Text(o, "Zip"),
        Dir = Text(o, "Dir"),
        Sum = Text(o, "Sum"),
        GoModSum = Text(o, "GoModSum"),
        Origin = o.TryGetProperty("Origin", out var origin) && origin.ValueKind == JsonValueKind.Object
            ? new GoModuleOrigin(Text(origin, "VCS"), Text(origin, "URL"), Text(origin, "Subdir"), Text(origin, "Hash"), Text(origin, "TagPrefix"), Text(origin, "TagSum"), Text(origin, "Ref"), Text(origin, "RepoSum"))
            : null,
        Reuse = o.TryGetProperty("Reuse", out var reuse) && reuse.ValueKind == JsonValueKind.True,
    };

    // go mod download writes Error as a string; other go commands (go list -m -json) write {"Err": "..."}.
    private static string? ErrorText(JsonElement o) => !o.TryGetProperty("Error", out var error)
        ? null
        : error.ValueKind switch
        {
            JsonValueKind.String => NullIfEmpty(error.GetString()),
            JsonValueKind.Object => Text(error, "Err") ?? error.GetRawText(),
            JsonValueKind.Null => null,
            _ => error.GetRawText(),
        };

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? NullIfEmpty(value.GetString()) : null;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
