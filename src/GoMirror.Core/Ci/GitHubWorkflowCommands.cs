using System.Globalization;
using System.Text;

namespace GoMirror.Core.Ci;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>, <c>::group::</c>), escaped the
/// way the runner unescapes them: <c>%</c>, CR and LF in the message; additionally <c>:</c> and <c>,</c>
/// in property values. Without escaping, a message with a newline ends the command early and the rest is
/// printed as ordinary log text.
/// </summary>
internal static class GitHubWorkflowCommands
{
    /// <summary>Escapes a command's message.</summary>
    public static string EscapeData(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);
    }

    /// <summary>Escapes a command property value.</summary>
    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>An annotation command: <c>::error file=F,line=L,col=C,title=T::message</c>.</summary>
    /// <param name="level"><c>error</c>, <c>warning</c> or <c>notice</c>.</param>
    /// <param name="message">The message.</param>
    /// <param name="file">The file relative to the repository root, or <see langword="null"/>.</param>
    /// <param name="line">1-based line, or 0.</param>
    /// <param name="column">1-based column, or 0.</param>
    /// <param name="title">The annotation title, or <see langword="null"/>.</param>
    public static string Annotation(string level, string message, string? file = null, int line = 0, int column = 0, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(message);
        var properties = new List<string>();
        if (file is not null)
        {
            properties.Add("file=" + EscapeProperty(file));
            if (line > 0)
            {
                properties.Add("line=" + line.ToString(CultureInfo.InvariantCulture));
                if (column > 0)
                {
                    properties.Add("col=" + column.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        if (title is not null)
        {
            properties.Add("title=" + EscapeProperty(title));
        }

        var command = new StringBuilder("::").Append(level);
        if (properties.Count > 0)
        {
            command.Append(' ').Append(string.Join(',', properties));
        }

        return command.Append("::").Append(EscapeData(message)).ToString();
    }

    /// <summary>Starts a collapsible group in the log.</summary>
    public static string Group(string title) => "::group::" + EscapeData(title);

    /// <summary>Ends the current group.</summary>
    public const string EndGroup = "::endgroup::";
}
