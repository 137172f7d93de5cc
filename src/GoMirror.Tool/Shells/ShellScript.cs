using System.Text;

namespace GoMirror.Tool.Shells;

/// <summary>
/// Writes variable assignments a shell reads back byte for byte. Every value is quoted, whatever it holds, so
/// commas and pipes of GOPROXY, spaces of GOFLAGS, <c>%</c>, <c>!</c>, <c>$</c> and quotes never reach the
/// shell's own expansion.
/// </summary>
internal static class ShellScript
{
    /// <summary>The shell <c>--shell</c> defaults to: PowerShell on Windows, bash elsewhere.</summary>
    public static ShellKind PlatformDefault => OperatingSystem.IsWindows() ? ShellKind.Pwsh : ShellKind.Bash;

    /// <summary>The names <c>--shell</c> accepts, in help order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["bash", "zsh", "fish", "pwsh", "cmd", "go"];

    /// <summary>The kind for a <c>--shell</c> name (case-insensitive); null when it names no shell.</summary>
    public static ShellKind? Parse(string name) => name.ToUpperInvariant() switch
    {
        "BASH" or "SH" => ShellKind.Bash,
        "ZSH" => ShellKind.Zsh,
        "FISH" => ShellKind.Fish,
        "PWSH" or "POWERSHELL" => ShellKind.Pwsh,
        "CMD" => ShellKind.Cmd,
        "GO" => ShellKind.Go,
        _ => null,
    };

    /// <summary>A character the shell cannot carry in a value at all; null when every character can be written.</summary>
    public static string? Unwritable(ShellKind shell, string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            return "a line break or NUL";
        }

        // Inside cmd's "set "NAME=value"" a quote ends the quoted part, and what follows it (| & < >) would run.
        return shell == ShellKind.Cmd && value.Contains('"', StringComparison.Ordinal) ? "a double quote (\")" : null;
    }

    /// <summary>The text that sets every variable of <paramref name="variables"/> in <paramref name="shell"/>, one
    /// line each (one line in all for <see cref="ShellKind.Go"/>), ending with a newline.</summary>
    public static string Write(ShellKind shell, IReadOnlyList<KeyValuePair<string, string>> variables)
    {
        var text = new StringBuilder();
        if (shell == ShellKind.Go)
        {
            if (variables.Count > 0)
            {
                var quoting = PlatformDefault;
                text.Append("go env -w");
                foreach (var (name, value) in variables)
                {
                    text.Append(' ').Append(Quote(quoting, name + "=" + value));
                }

                text.Append('\n');
            }

            return text.ToString();
        }

        foreach (var (name, value) in variables)
        {
            text.Append(Assignment(shell, name, value)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One assignment of <paramref name="name"/> (a Go variable name: letters, digits, underscores).</summary>
    public static string Assignment(ShellKind shell, string name, string value) => shell switch
    {
        ShellKind.Bash or ShellKind.Zsh => "export " + name + "=" + Quote(shell, value),
        ShellKind.Fish => "set -gx " + name + " " + Quote(shell, value),
        ShellKind.Pwsh => "$env:" + name + " = " + Quote(shell, value),
        ShellKind.Cmd => "@set \"" + name + "=" + CmdEscape(value) + "\"",
        _ => "go env -w " + Quote(PlatformDefault, name + "=" + value),
    };

    /// <summary>One word of <paramref name="shell"/> that stands for exactly <paramref name="value"/>.</summary>
    public static string Quote(ShellKind shell, string value) => shell switch
    {
        // POSIX single quotes take everything literally; a quote itself closes, is escaped, and reopens.
        ShellKind.Bash or ShellKind.Zsh => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'",

        // fish single quotes know two escapes: \' and \\.
        ShellKind.Fish => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",

        // PowerShell single quotes: a quote is doubled, and PowerShell counts the typographic single quotes
        // (U+2018, U+2019, U+201A, U+201B) as quotes too.
        ShellKind.Pwsh => "'" + PwshEscape(value) + "'",
        ShellKind.Cmd => "\"" + CmdEscape(value) + "\"",
        _ => Quote(PlatformDefault, value),
    };

    private static string PwshEscape(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        foreach (var c in value)
        {
            text.Append(c);
            if (c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B')
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    // In a batch file cmd expands %NAME% even between quotes, and %% stands for one %. Between the quotes of
    // set "NAME=value" the characters & | < > ^ are literal, and so is ! while delayed expansion is off (cmd's
    // default), so only % needs escaping.
    private static string CmdEscape(string value) => value.Replace("%", "%%", StringComparison.Ordinal);
}
