using System.Text.Encodings.Web;
using System.Text.Json;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Tool.Hosting;

/// <summary>The <c>--json</c> output of the verbs: indented, UTF-8 as written, property names in camel case.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one JSON document built by <paramref name="write"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>A <c>"diagnostics"</c> array: code, severity, message, fix, location, file, line, help link.</summary>
    public static void WriteDiagnostics(Utf8JsonWriter json, IEnumerable<Diagnostic> diagnostics)
    {
        json.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("code", d.Code);
            json.WriteString("severity", Severity(d.Severity));
            json.WriteString("message", d.Message);
            json.WriteString("fix", d.Fix);
            if (d.Location is { } location)
            {
                json.WriteString("location", location.ToString());
                if (location.File is { } file)
                {
                    json.WriteString("file", file);
                    if (location.Line > 0)
                    {
                        json.WriteNumber("line", location.Line);
                    }
                }
            }

            json.WriteString("helpLink", d.Descriptor.HelpLink);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The lower-case word for a severity.</summary>
    public static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}
