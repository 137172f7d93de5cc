namespace GoMirror.Tool.Output;

/// <summary>The few ANSI colours the tool uses, applied only when the stream takes them.</summary>
internal static class Ansi
{
    /// <summary>Errors.</summary>
    public const string Red = "\u001b[31m";

    /// <summary>Warnings and flagged mirrors.</summary>
    public const string Yellow = "\u001b[33m";

    /// <summary>Success lines.</summary>
    public const string Green = "\u001b[32m";

    /// <summary>Secondary text: sources, locations.</summary>
    public const string Dim = "\u001b[2m";

    private const string Reset = "\u001b[0m";

    /// <summary><paramref name="text"/> in <paramref name="colour"/> when <paramref name="enabled"/>, else unchanged.</summary>
    public static string Paint(bool enabled, string colour, string text) => enabled ? colour + text + Reset : text;
}
