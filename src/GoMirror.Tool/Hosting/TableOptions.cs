using System.CommandLine;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Settings;

namespace GoMirror.Tool.Hosting;

/// <summary>
/// The command-line options of a verb that come from <see cref="SettingTable"/>: one per row the verb takes,
/// named by the row's <see cref="GoMirrorSetting.CliOption"/> (never by position), handed to the engine through
/// <see cref="SettingTable.ToOptions"/> like the MSBuild properties and the Cake settings.
/// </summary>
internal sealed class TableOptions
{
    /// <summary>How an option set on the command line is described in diagnostics, followed by its name.</summary>
    public const string SettingDescriptionPrefix = "command-line option ";

    // Rows whose value is a path: the tool makes it absolute against the current folder, as a shell user means it.
    private static readonly HashSet<string> PathOptions = new(StringComparer.Ordinal)
    {
        nameof(GoMirrorOptions.GoExecutable),
        nameof(GoMirrorOptions.ReportDirectory),
        nameof(GoMirrorOptions.BaselineReport),
    };

    private readonly List<(GoMirrorSetting Setting, Option Option)> _options = [];

    /// <summary>The options of the rows <paramref name="include"/> selects, added to <paramref name="command"/>.</summary>
    public TableOptions(Command command, Func<GoMirrorSetting, bool> include)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var setting in SettingTable.All.Where(include))
        {
            var description = $"{setting.Doc} Default: {setting.Default}. (MSBuild {setting.MSBuildProperty}, Cake {setting.CakeSetting}{(setting.GoVariable is { } go ? ", Go " + go : string.Empty)}.)";
            Option option = IsFlag(setting)
                ? new Option<bool>(setting.CliOption) { Description = description }
                : new Option<string?>(setting.CliOption) { Description = description, HelpName = "value" };
            command.Add(option);
            _options.Add((setting, option));
        }
    }

    /// <summary>Rows of the policy (Go variables).</summary>
    public static bool Policy(GoMirrorSetting setting) => setting.IsPolicy;

    /// <summary>Rows the policy check uses (the policy and the go executable).</summary>
    public static bool Check(GoMirrorSetting setting) => setting.UsedByCheck;

    /// <summary>The row that sets <paramref name="optionName"/> (a <see cref="GoMirrorOptions"/> property).</summary>
    public static Func<GoMirrorSetting, bool> Option(string optionName) => s => s.OptionName == optionName;

    /// <summary>The values the command line sets, each with its location.</summary>
    public IReadOnlyList<SettingValue> Values(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var values = new List<SettingValue>();
        foreach (var (setting, option) in _options)
        {
            var raw = option switch
            {
                Option<bool> flag => parse.GetValue(flag) ? "true" : null,
                Option<string?> text => parse.GetValue(text),
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            if (setting.OptionName is { } name && PathOptions.Contains(name))
            {
                raw = Path.GetFullPath(raw.Trim());
            }

            values.Add(new SettingValue(setting, raw, new SourceLocation(SettingDescriptionPrefix + setting.CliOption)));
        }

        return values;
    }

    /// <summary><paramref name="options"/> with the command line's values applied by the engine's table; a value
    /// that does not parse goes to <paramref name="problems"/>.</summary>
    public GoMirrorOptions Apply(GoMirrorOptions options, ParseResult parse, ICollection<Diagnostic> problems) =>
        SettingTable.ToOptions(options, Values(parse), problems);

    private static bool IsFlag(GoMirrorSetting setting) =>
        setting.OptionName is { } name && typeof(GoMirrorOptions).GetProperty(name)?.PropertyType == typeof(bool);
}
