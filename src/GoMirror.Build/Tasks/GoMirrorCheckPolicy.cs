using GoMirror.Core.Engine;
using GoMirror.Core.Settings;
using Microsoft.Build.Framework;

namespace GoMirror.Build.Tasks;

/// <summary>
/// Resolves and checks the Go mirror policy before anything is downloaded. Runs in every project (it starts
/// no process and makes no request), so its diagnostics can name the file that set a property.
/// </summary>
public sealed class GoMirrorCheckPolicy : GoMirrorTask
{
    /// <summary>The project being built; used to find which file set a property when a diagnostic needs it.</summary>
    public string? ProjectFile { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        var log = CreateLog(policyAlreadyReported: false);
        log.Origins = Empty(ProjectFile) is { } project ? OriginsIn(project) : null;
        foreach (var setting in PropertiesWithCredentials())
        {
            // GoMirror never prints the value, but MSBuild itself already logged it with every property.
            log.Diagnostic(BuildDiagnostics.CredentialsInProperty.Create(
                $"{setting.Location.Description} holds a URL with credentials; MSBuild records property values in build logs and binary logs, so the secret is exposed there.",
                setting.Location));
        }

        if (CreateOptions(log) is not { } options)
        {
            return false;
        }

        using var engine = new GoMirrorEngine(options, log);
        var result = engine.CheckPolicy();
        if (result.Succeeded)
        {
            Log.LogMessage(MessageImportance.Low, "GoMirror: policy checked: GOPROXY={0}", string.Join(",", result.Policy.ProxyDisplayNames));
        }

        return result.Succeeded && !Log.HasLoggedErrors;
    }

    /// <summary>Only what the check needs (the policy, the go executable): the report settings are checked by
    /// the work project's tasks, once per build.</summary>
    private protected override bool AcceptsSetting(GoMirrorSetting setting) => setting.UsedByCheck;
}
