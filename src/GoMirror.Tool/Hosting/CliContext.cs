using System.CommandLine;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Tool.Output;

namespace GoMirror.Tool.Hosting;

/// <summary>What every verb shares: the console, the policy options and the common options.</summary>
internal sealed class CliContext(ToolConsole console)
{
    /// <summary>The console the verbs write to.</summary>
    public ToolConsole Console { get; } = console;

    /// <summary>One option per row of the settings table.</summary>
    public SettingOptions Settings { get; } = new();

    /// <summary><c>--json</c>: the verb's data as one JSON document on standard output.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Write the result as JSON on standard output." };

    /// <summary><c>--verbose</c>: every engine line (per module results, go command lines).</summary>
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Show every engine line: per module results, go command lines." };

    /// <summary>The engine's log for a verb, at the detail <c>--verbose</c> asks for.</summary>
    public ToolLog Log(ParseResult parse) => new(Console, parse.GetValue(Verbose) ? GoMirrorLogLevel.Detailed : GoMirrorLogLevel.Normal);

    /// <summary>Adds the Go policy variables' options to <paramref name="command"/> (verbs that only read the policy).</summary>
    public void AddPolicyOptions(Command command) => Settings.AddTo(command, policyOnly: true);

    /// <summary>Adds every setting's option to <paramref name="command"/> (verbs that run engine steps).</summary>
    public void AddAllSettingOptions(Command command) => Settings.AddTo(command, policyOnly: false);

    /// <summary>The engine options a component verb runs with: every setting given, the components, this tool's name.</summary>
    public GoMirrorOptions EngineOptions(ParseResult parse, IReadOnlyList<string> goModules, ICollection<Diagnostic> problems) =>
        Settings.Apply(new GoMirrorOptions { Host = Console.Host, GoModules = goModules, Tool = ToolInfo.Name }, parse, problems);
}
