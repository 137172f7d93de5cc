using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace GoMirror.Build.Logging;

/// <summary>
/// Turns engine output into MSBuild events: each diagnostic becomes an error, warning or message with its
/// GOMIRRORnnnn code, a help link to its docs page, and the file and line it is about. A policy setting that
/// came from an MSBuild property is traced to the project or props file that set it.
/// </summary>
internal sealed class MSBuildEngineLog(TaskLoggingHelper log, bool policyAlreadyReported) : IGoMirrorLog
{
    /// <summary>How the tasks describe a setting that came from an MSBuild property, followed by its name.</summary>
    public const string PropertyDescriptionPrefix = "MSBuild property ";

    /// <summary>Where the properties a policy diagnostic may point at came from; null when the task does not say.</summary>
    public PropertyOrigin? Origins { get; set; }

    public void Message(GoMirrorLogLevel level, string text) =>
        log.LogMessage(level switch
        {
            GoMirrorLogLevel.Minimal => MessageImportance.High,
            GoMirrorLogLevel.Normal => MessageImportance.Normal,
            _ => MessageImportance.Low,
        }, "{0}", text);

    public void Diagnostic(Diagnostic diagnostic)
    {
        // The calling project's GoMirrorCheckPolicy already showed these once; the shared work project would
        // repeat them for nothing. Errors never get here: a policy error stops the build before the work.
        if (policyAlreadyReported && diagnostic.Descriptor.Category == DiagnosticCategory.Policy && !diagnostic.IsError)
        {
            return;
        }

        var location = Resolve(diagnostic.Location);
        var text = diagnostic.Message;
        if (location is { File: null } && !text.Contains(location.Description, StringComparison.Ordinal))
        {
            text += " (set by " + location.Description + ")";
        }

        text += " Fix: " + diagnostic.Fix;
        var file = location?.File;
        var line = location?.Line ?? 0;
        var column = location?.Column ?? 0;
        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                log.LogError(null, diagnostic.Code, null, diagnostic.Descriptor.HelpLink, file, line, column, 0, 0, "{0}", text);
                break;
            case DiagnosticSeverity.Warning:
                log.LogWarning(null, diagnostic.Code, null, diagnostic.Descriptor.HelpLink, file, line, column, 0, 0, "{0}", text);
                break;
            default:
                log.LogMessage(null, diagnostic.Code, null, file, line, column, 0, 0, MessageImportance.Normal, "{0}", text);
                break;
        }
    }

    private SourceLocation? Resolve(SourceLocation? location)
    {
        if (location is not { File: null } || Origins is null
            || !location.Description.StartsWith(PropertyDescriptionPrefix, StringComparison.Ordinal))
        {
            return location;
        }

        return Origins.Find(location.Description[PropertyDescriptionPrefix.Length..]) ?? location;
    }
}
