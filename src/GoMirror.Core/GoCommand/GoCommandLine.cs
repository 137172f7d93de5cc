using System.Text;
using GoMirror.Core.Security;

namespace GoMirror.Core.GoCommand;

/// <summary>
/// A go invocation written so a person can paste it into a shell and get the same run: the folder, the
/// exact environment (<c>env -i</c> on Unix; <c>set</c> in cmd.exe on Windows) and the arguments, quoted.
/// Credentials in any value are masked with <see cref="CredentialRedactor"/>.
/// </summary>
internal static class GoCommandLine
{
    /// <summary>Formats an invocation.</summary>
    /// <param name="executable">The go executable.</param>
    /// <param name="arguments">The arguments, unquoted.</param>
    /// <param name="workingDirectory">The folder go runs in.</param>
    /// <param name="environment">The exact environment of the process.</param>
    /// <param name="redactor">Masks registered secrets; URL user-info is always masked.</param>
    /// <param name="forWindows">True for cmd.exe syntax; null for the current OS.</param>
    public static string Format(
        string executable,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        CredentialRedactor? redactor = null,
        bool? forWindows = null)
    {
        ArgumentNullException.ThrowIfNull(executable);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        ArgumentNullException.ThrowIfNull(environment);
        var windows = forWindows ?? OperatingSystem.IsWindows();
        var text = new StringBuilder();
        if (windows)
        {
            text.Append("cd /d ").Append(QuoteWindows(workingDirectory));
            foreach (var (name, value) in environment)
            {
                // cmd.exe: the quotes around name=value keep special characters literal and end the value exactly.
                text.Append(" && set \"").Append(name).Append('=').Append(value).Append('"');
            }

            text.Append(" && ").Append(QuoteWindows(executable));
            foreach (var argument in arguments)
            {
                text.Append(' ').Append(QuoteWindows(argument));
            }
        }
        else
        {
            text.Append("cd ").Append(QuotePosix(workingDirectory)).Append(" && env -i");
            foreach (var (name, value) in environment)
            {
                text.Append(' ').Append(QuotePosix(name + "=" + value));
            }

            text.Append(' ').Append(QuotePosix(executable));
            foreach (var argument in arguments)
            {
                text.Append(' ').Append(QuotePosix(argument));
            }
        }

        return redactor is null ? CredentialRedactor.RedactText(text.ToString()) : redactor.Redact(text.ToString());
    }

    private static string QuotePosix(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "@%+=:,./_-".Contains(c, StringComparison.Ordinal))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string QuoteWindows(string value) =>
        value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || "\"&|<>^()%!".Contains(c, StringComparison.Ordinal))
            ? value
            : "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
