using System.CommandLine;
using System.Text;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;

namespace GoMirror.Tool.Hosting;

/// <summary>
/// One command-line option per policy variable of <see cref="PolicyVariables.All"/>, named after its Cake
/// setting (<c>Proxy</c> → <c>--proxy</c>, <c>NoSumDb</c> → <c>--no-sum-db</c>): the same settings the MSBuild
/// properties and the Cake settings carry, at the same level of precedence (above the environment).
/// </summary>
internal sealed class PolicyOptions
{
    /// <summary>How an option set on the command line is described in diagnostics, followed by its name.</summary>
    public const string SettingDescriptionPrefix = "command-line option ";

    private readonly IReadOnlyList<(PolicyVariable Variable, Option<string?> Option)> _options;

    public PolicyOptions()
    {
        _options = [.. PolicyVariables.All.Select(v => (v, new Option<string?>(OptionName(v))
        {
            Description = $"{v.GoName} for this run; wins over the environment and Go's env file (MSBuild {v.MSBuildProperty}, Cake {v.CakeSetting}).",
            HelpName = "value",
        }))];
    }

    /// <summary>The options, for adding to a command.</summary>
    public IEnumerable<Option> All => _options.Select(o => (Option)o.Option);

    /// <summary>The option name of <paramref name="variable"/>: <c>--</c> and its Cake setting in kebab case.</summary>
    public static string OptionName(PolicyVariable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var name = new StringBuilder("--");
        foreach (var c in variable.CakeSetting)
        {
            if (char.IsUpper(c) && name.Length > 2)
            {
                name.Append('-');
            }

            name.Append(char.ToLowerInvariant(c));
        }

        return name.ToString();
    }

    /// <summary>The explicit settings the command line makes; an empty value counts as unset, as an empty
    /// MSBuild property does.</summary>
    public IReadOnlyList<ExplicitSetting> Settings(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var settings = new List<ExplicitSetting>();
        foreach (var (variable, option) in _options)
        {
            if (parse.GetValue(option) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value))
            {
                settings.Add(new ExplicitSetting(variable.GoName, value.Trim(), new SourceLocation(SettingDescriptionPrefix + OptionName(variable))));
            }
        }

        return settings;
    }
}
