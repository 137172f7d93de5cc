namespace GoMirror.Core.Settings;

/// <summary>
/// One setting of GoMirror and the name it carries in each place it can be written: a row of
/// <see cref="SettingTable"/>. Hosts look a row up by their own column (<see cref="MSBuildProperty"/>,
/// <see cref="CakeSetting"/>, <see cref="CliOption"/>), never by position.
/// </summary>
/// <param name="GoVariable">The Go environment variable it sets (<c>GOPROXY</c>), or null for a setting of
/// GoMirror's own. A row with a Go variable is a policy setting: it joins <see cref="Engine.GoMirrorOptions.PolicySettings"/>.</param>
/// <param name="OptionName">The <see cref="Engine.GoMirrorOptions"/> property it sets, or null for a policy setting.</param>
/// <param name="MSBuildProperty">The MSBuild property, for example <c>GoMirrorProxy</c>.</param>
/// <param name="CakeSetting">The <c>GoMirrorSettings</c> property of the Cake addin, for example <c>Proxy</c>.</param>
/// <param name="CliOption">The option of the <c>gomirror</c> command-line tool, for example <c>--proxy</c>.</param>
/// <param name="Default">What applies when the setting is left unset, as the documentation says it.</param>
/// <param name="Doc">What the setting does, in one sentence.</param>
/// <param name="UsedByCheck">True when the policy check (which runs in every MSBuild project) needs it;
/// otherwise only the pre-warm, download and report steps get it.</param>
/// <param name="PolicyInput">True for a setting of GoMirror's own that shapes the policy (routes, the profile, the
/// policy file): the tool's policy commands take it with the Go variables.</param>
public sealed record GoMirrorSetting(
    string? GoVariable,
    string? OptionName,
    string MSBuildProperty,
    string CakeSetting,
    string CliOption,
    string Default,
    string Doc,
    bool UsedByCheck = false,
    bool PolicyInput = false)
{
    /// <summary>True for a Go policy variable (a row with <see cref="GoVariable"/>).</summary>
    public bool IsPolicy => GoVariable is not null;

    /// <summary>True for a row that shapes the resolved policy: a Go variable or a <see cref="PolicyInput"/>.</summary>
    public bool ShapesPolicy => IsPolicy || PolicyInput;
}
