using GoMirror.Core.Diagnostics;

namespace GoMirror.Tool.Output;

/// <summary>Diagnostics as the other hosts print them: location, severity, code, message, fix and help link.</summary>
internal static class DiagnosticWriter
{
    /// <summary>The one-line form, the same text Cake prints and MSBuild shows with its help link.</summary>
    public static string Describe(Diagnostic diagnostic) =>
        diagnostic.Severity == DiagnosticSeverity.Info
            ? diagnostic.ToString()
            : diagnostic + " (" + diagnostic.Descriptor.HelpLink + ")";

    /// <summary>Writes <paramref name="diagnostic"/> as one line, coloured by severity when <paramref name="colours"/>.</summary>
    public static void Write(TextWriter writer, Diagnostic diagnostic, bool colours)
    {
        var colour = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => Ansi.Red,
            DiagnosticSeverity.Warning => Ansi.Yellow,
            _ => Ansi.Dim,
        };
        writer.WriteLine(Ansi.Paint(colours, colour, Describe(diagnostic)));
    }

    /// <summary>Writes each of <paramref name="diagnostics"/> on standard error; returns true when there was any.</summary>
    public static bool WriteAll(ToolConsole console, IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Write(console.Error, diagnostic, console.ErrorColours);
        }

        return diagnostics.Count > 0;
    }
}
