using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Security;
using GoMirror.Core.Settings;
using GoMirror.Build.Logging;
using Microsoft.Build.Framework;

namespace GoMirror.Build.Tasks;

/// <summary>
/// What every GoMirror task shares: the settings (one item list, mapped to the engine's settings table by
/// name) and the Go components, and their translation into <see cref="GoMirrorOptions"/>. Tasks decide nothing themselves; the engine does.
/// </summary>
public abstract class GoMirrorTask : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The settings, as <c>_GoMirrorSetting</c> items of <c>GoMirror.Settings.targets</c>: each item's
    /// identity is an MSBuild property of <see cref="SettingTable"/>, its <c>Value</c> metadata the value.</summary>
    public ITaskItem[] Settings { get; set; } = [];

    /// <summary>The Go components: go.mod files (or their folders), as <c>GoModule</c> items.</summary>
    public ITaskItem[] Modules { get; set; } = [];

    /// <summary>Cancels the running step (Ctrl+C in the build): a running go process is killed.</summary>
    public void Cancel() => _cancellation.Cancel();

    /// <summary>Token cancelled by <see cref="Cancel"/>.</summary>
    protected CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>The log that turns engine diagnostics into MSBuild errors and warnings.</summary>
    private protected MSBuildEngineLog CreateLog(bool policyAlreadyReported) =>
        new(Log, policyAlreadyReported);

    /// <summary>Where this task's settings came from in <paramref name="projectFile"/>, with the global properties
    /// MSBuild gave the project and the values this task received.</summary>
    private protected PropertyOrigin OriginsIn(string projectFile) =>
        new(projectFile,
            BuildEngine is IBuildEngine6 engine6 ? engine6.GetGlobalProperties() : new Dictionary<string, string>(),
            SettingValues().ToDictionary(s => s.Setting.MSBuildProperty, s => s.Value ?? string.Empty, StringComparer.OrdinalIgnoreCase),
            BuildEvaluations.Of(BuildEngine));

    /// <summary>The engine options from <see cref="Settings"/> (only the rows <see cref="AcceptsSetting"/> takes)
    /// and <see cref="Modules"/>; null, with the errors logged, when a value does not parse, so no step runs on
    /// a setting it did not understand.</summary>
    internal GoMirrorOptions? CreateOptions(IGoMirrorLog log)
    {
        var problems = new List<Diagnostic>();
        var options = SettingTable.ToOptions(
            new GoMirrorOptions
            {
                GoModules = [.. Modules.Select(m => m.GetMetadata("FullPath"))],
                Tool = "GoMirror.Build (MSBuild " + BuildEngineVersion() + ")",
            },
            SettingValues(),
            problems);
        foreach (var problem in problems)
        {
            log.Diagnostic(problem);
        }

        return problems.Count == 0 ? options : null;
    }

    /// <summary>True for the rows this task passes to the engine; every row by default.</summary>
    private protected virtual bool AcceptsSetting(GoMirrorSetting setting) => true;

    /// <summary>Null for an empty or whitespace MSBuild value, as an unset property.</summary>
    protected static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The policy settings (routes included) whose value carries URL user-info.</summary>
    internal IEnumerable<SettingValue> PropertiesWithCredentials() =>
        SettingValues().Where(s => s.Setting.ShapesPolicy && CredentialRedactor.HasUserInfo(s.Value));

    // Mapped by name: an item the table does not know is a mismatch between the targets and this assembly.
    private IEnumerable<SettingValue> SettingValues()
    {
        foreach (var item in Settings)
        {
            var setting = SettingTable.ByMSBuildProperty(item.ItemSpec)
                ?? throw new InvalidOperationException($"GoMirror.Settings.targets names '{item.ItemSpec}', which the settings table of this GoMirror.Build does not know; the targets and the task assembly come from different versions.");
            if (AcceptsSetting(setting))
            {
                yield return new SettingValue(setting, item.GetMetadata("Value"), new SourceLocation(MSBuildEngineLog.PropertyDescriptionPrefix + setting.MSBuildProperty));
            }
        }
    }

    private static string BuildEngineVersion() =>
        typeof(ITask).Assembly.GetName().Version?.ToString(3) ?? "unknown";
}
