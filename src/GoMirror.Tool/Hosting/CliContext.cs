using System.CommandLine;
using GoMirror.Core.Engine;
using GoMirror.Tool.Output;

namespace GoMirror.Tool.Hosting;

/// <summary>What every verb shares: the console, the policy options and the common options.</summary>
internal sealed class CliContext(ToolConsole console)
{
    /// <summary>The console the verbs write to.</summary>
    public ToolConsole Console { get; } = console;

    /// <summary>One option per policy variable.</summary>
    public PolicyOptions Policy { get; } = new();

    /// <summary><c>--json</c>: the verb's data as one JSON document on standard output.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Write the result as JSON on standard output." };

    /// <summary><c>--verbose</c>: every engine line (per module results, go command lines).</summary>
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Show every engine line: per module results, go command lines." };

    /// <summary><c>--go</c>: the go executable, its folder or a GOROOT.</summary>
    public Option<string?> Go { get; } = new("--go") { Description = "The go executable, its folder or a GOROOT (default: GOROOT, then PATH).", HelpName = "path" };

    /// <summary><c>--max-parallel</c>: module versions fetched at once.</summary>
    public Option<int> MaxParallel { get; } = new("--max-parallel") { Description = "Module versions fetched at once (default 32).", HelpName = "n" };

    /// <summary>The engine's log for a verb, at the detail <c>--verbose</c> asks for.</summary>
    public ToolLog Log(ParseResult parse) => new(Console, parse.GetValue(Verbose) ? GoMirrorLogLevel.Detailed : GoMirrorLogLevel.Normal);

    /// <summary>Adds the policy options to <paramref name="command"/>.</summary>
    public void AddPolicyOptions(Command command)
    {
        foreach (var option in Policy.All)
        {
            command.Add(option);
        }
    }

    /// <summary>The engine options every component verb starts from: policy, go, components, this tool's name.</summary>
    public GoMirrorOptions EngineOptions(ParseResult parse, IReadOnlyList<string> goModules) => new()
    {
        PolicySettings = Policy.Settings(parse),
        Host = Console.Host,
        GoExecutable = parse.GetValue(Go) is { Length: > 0 } go ? Path.GetFullPath(go) : null,
        GoModules = goModules,
        MaxParallel = parse.GetValue(MaxParallel),
        Tool = ToolInfo.Name,
    };
}
