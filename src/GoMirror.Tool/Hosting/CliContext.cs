using System.CommandLine;
using GoMirror.Core.Engine;
using GoMirror.Tool.Output;

namespace GoMirror.Tool.Hosting;

/// <summary>What every verb shares: the console, the policy options and the common options.</summary>
internal sealed class CliContext(ToolConsole console)
{
    /// <summary>The console the verbs write to.</summary>
    public ToolConsole Console { get; } = console;

    /// <summary><c>--json</c>: the verb's data as one JSON document on standard output.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Write the result as JSON on standard output." };

    /// <summary><c>--verbose</c>: every engine line (per module results, go command lines).</summary>
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Show every engine line: per module results, go command lines." };

    /// <summary>The engine's log for a verb, at the detail <c>--verbose</c> asks for.</summary>
    public ToolLog Log(ParseResult parse) => new(Console, parse.GetValue(Verbose) ? GoMirrorLogLevel.Detailed : GoMirrorLogLevel.Normal);

    /// <summary>The engine options of a component verb: the table's values from the command line on top of this
    /// console's environment, the components and this tool's name. Values that do not parse go to <paramref name="problems"/>.</summary>
    public GoMirrorOptions EngineOptions(ParseResult parse, TableOptions table, IReadOnlyList<string> goModules, ICollection<Core.Diagnostics.Diagnostic> problems) =>
        table.Apply(new GoMirrorOptions { Host = Console.Host, GoModules = goModules, Tool = ToolInfo.Name }, parse, problems);
}
