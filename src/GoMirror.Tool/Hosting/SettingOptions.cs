using System.CommandLine;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Settings;

namespace GoMirror.Tool.Hosting;

/// <summary>
/// One command-line option per row of the engine's <see cref="SettingTable"/>, named by the row's
/// <see cref="GoMirrorSetting.CliOption"/> and mapped back to the row by that name, never by position: the same
/// settings the MSBuild properties and the Cake settings carry, above the environment in precedence.
/// </summary>
internal sealed class SettingOptions
{
    /// <summary>How an option set on the command line is described in diagnostics, followed by its name.</summary>
    public const string SettingDescriptionPrefix = "command-line option ";

    private readonly Dictionary<string, Option> _byName;

    public SettingOptions()
    {
        _byName = SettingTable.All.ToDictionary(s => s.CliOption, Create, StringComparer.Ordinal);
    }

    /// <summary>Adds the options to <paramref name="command"/>: every row, or only those that shape the policy.</summary>
    public void AddTo(Command command, bool policyOnly)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var setting in SettingTable.All.Where(s => !policyOnly || s.ShapesPolicy))
        {
            command.Add(_byName[setting.CliOption]);
        }
    }

    /// <summary>Adds the options of the rows whose <see cref="GoMirrorOptions"/> property is one of <paramref name="optionNames"/>.</summary>
    public void AddTo(Command command, params string[] optionNames)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var setting in SettingTable.All.Where(s => optionNames.Contains(s.OptionName)))
        {
            command.Add(_byName[setting.CliOption]);
        }
    }

    /// <summary>The values given on the command line, each with its row; options not given are left out.</summary>
    public IReadOnlyList<SettingValue> Values(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var values = new List<SettingValue>();
        foreach (var setting in SettingTable.All)
        {
            var option = _byName[setting.CliOption];
            var result = parse.GetResult(option);
            if (result is null || result.Implicit)
            {
                continue;
            }

            var text = option is Option<bool> flag ? (parse.GetValue(flag) ? "true" : "false") : parse.GetValue((Option<string?>)option);
            values.Add(new SettingValue(setting, text, new SourceLocation(SettingDescriptionPrefix + setting.CliOption)));
        }

        return values;
    }

    /// <summary><paramref name="options"/> with the command line's values applied by the table; a value that does
    /// not parse goes to <paramref name="problems"/>. Paths are taken relative to the current folder.</summary>
    public GoMirrorOptions Apply(GoMirrorOptions options, ParseResult parse, ICollection<Diagnostic> problems)
    {
        var applied = SettingTable.ToOptions(options, Values(parse), problems);
        return applied with
        {
            GoExecutable = Full(applied.GoExecutable),
            ReportDirectory = Full(applied.ReportDirectory),
            BaselineReport = Full(applied.BaselineReport),
            ModuleSetOutput = Full(applied.ModuleSetOutput),
            ModuleSetConfigFile = Full(applied.ModuleSetConfigFile),
            // A source is a URL, a nuget.config name or a folder: only an existing folder is taken from here.
            ModuleSetSource = applied.ModuleSetSource is { Length: > 0 } source && Directory.Exists(source) ? Path.GetFullPath(source) : applied.ModuleSetSource,
        };
    }

    /// <summary>Only the settings given on the command line that shape the policy (the Go variables, routes, the
    /// profile and the policy file), as options.</summary>
    public GoMirrorOptions PolicySettings(ParseResult parse) =>
        SettingTable.ToOptions(new GoMirrorOptions(), Values(parse).Where(v => v.Setting.ShapesPolicy), []);

    private static Option Create(GoMirrorSetting setting)
    {
        var description = $"{setting.Doc} Default: {setting.Default}. (MSBuild {setting.MSBuildProperty}, Cake {setting.CakeSetting}"
            + (setting.GoVariable is { } go ? $", Go {go}; wins over the environment and Go's env file)." : ").");
        var type = setting.OptionName is { } name ? typeof(GoMirrorOptions).GetProperty(name)?.PropertyType : null;
        return type == typeof(bool)
            ? new Option<bool>(setting.CliOption) { Description = description }
            : new Option<string?>(setting.CliOption) { Description = description, HelpName = "value" };
    }

    private static string? Full(string? path) => string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path);
}
