using GoMirror.Core.Policy;

namespace GoMirror.Tool.Output;

/// <summary>
/// Where a verb writes and what it runs against: data on <see cref="Out"/>, everything else (diagnostics,
/// progress, step lines) on <see cref="Error"/>, so <c>eval "$(gomirror env)"</c> and <c>--json</c> output stay
/// clean. Colours and the live progress line appear only when the stream is a terminal and <c>NO_COLOR</c> is unset.
/// </summary>
/// <param name="Out">Standard output: the verb's data.</param>
/// <param name="Error">Standard error: diagnostics, progress, step lines.</param>
/// <param name="Host">The environment and operating system the policy is resolved against.</param>
/// <param name="OutIsTerminal">True when standard output is a terminal.</param>
/// <param name="ErrorIsTerminal">True when standard error is a terminal.</param>
internal sealed record ToolConsole(TextWriter Out, TextWriter Error, GoPolicyHost Host, bool OutIsTerminal, bool ErrorIsTerminal)
{
    /// <summary>The console of this process.</summary>
    public static ToolConsole FromProcess() => new(
        Console.Out,
        Console.Error,
        GoPolicyHost.FromCurrentProcess(),
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected);

    /// <summary>True when <c>NO_COLOR</c> is set to anything but the empty string (no-color.org).</summary>
    public bool NoColor => Host.Get("NO_COLOR") is not null;

    /// <summary>True when standard error takes ANSI colours.</summary>
    public bool ErrorColours => ErrorIsTerminal && !NoColor && Host.Get("TERM") != "dumb";

    /// <summary>True when standard output takes ANSI colours.</summary>
    public bool OutColours => OutIsTerminal && !NoColor && Host.Get("TERM") != "dumb";
}
