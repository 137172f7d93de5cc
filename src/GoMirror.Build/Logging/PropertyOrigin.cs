using GoMirror.Core.Diagnostics;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Exceptions;

namespace GoMirror.Build.Logging;

/// <summary>
/// Finds where a property got its value: the project or props file and line of the definition that won, a
/// global property (<c>-p:</c>), or an environment variable. MSBuild does not tell a task this, so the
/// project is evaluated again, only when a diagnostic needs it.
/// </summary>
internal static class PropertyOrigin
{
    public static SourceLocation? Find(string projectFile, string property, IReadOnlyDictionary<string, string> globalProperties)
    {
        try
        {
            using var collection = new ProjectCollection(globalProperties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));
            var evaluated = collection.LoadProject(projectFile).GetProperty(property);
            if (evaluated is null)
            {
                return null;
            }

            if (evaluated.IsGlobalProperty)
            {
                return new SourceLocation($"global property {property} (-p:{property}=...)");
            }

            if (evaluated.IsEnvironmentProperty)
            {
                return new SourceLocation($"environment variable {property}, read as an MSBuild property");
            }

            return evaluated.Xml?.Location is { File.Length: > 0 } where
                ? new SourceLocation(MSBuildEngineLog.PropertyDescriptionPrefix + property, where.File, where.Line, where.Column)
                : null;
        }
        catch (InvalidProjectFileException)
        {
            // The project built far enough to run this task, so this is unexpected; the diagnostic keeps its
            // property name as the location rather than failing the build over a missing line number.
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
