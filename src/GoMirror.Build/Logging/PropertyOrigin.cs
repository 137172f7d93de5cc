using GoMirror.Core.Diagnostics;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Exceptions;

namespace GoMirror.Build.Logging;

/// <summary>
/// Finds where the properties of one project got their values: the project or props file and line of the
/// definition that won, a global property (<c>-p:</c>), or an environment variable. MSBuild does not tell a task
/// this. A global property whose value is the one the task received is named without more work; anything else
/// needs the project evaluated again, which costs a few hundred milliseconds in a fresh build node, so it is done
/// at most once per task, only when a diagnostic needs it, shared by every property asked about, and through the
/// build's <see cref="BuildEvaluations"/>, so the projects after the first cost less.
/// </summary>
/// <param name="projectFile">The project being built.</param>
/// <param name="globalProperties">Its global properties, as MSBuild gives them to the task.</param>
/// <param name="valuesSeen">The value the task received for each property it reads.</param>
/// <param name="evaluations">Where the project is evaluated when it must be.</param>
internal sealed class PropertyOrigin(string projectFile, IReadOnlyDictionary<string, string> globalProperties, IReadOnlyDictionary<string, string> valuesSeen, BuildEvaluations evaluations)
{
    private Dictionary<string, SourceLocation?>? _evaluated;
    private bool _evaluationFailed;

    /// <summary>How many times the project was evaluated (0 or 1).</summary>
    internal int Evaluations { get; private set; }

    /// <summary>Where <paramref name="property"/> came from, or null when that cannot be told.</summary>
    /// <param name="property">The MSBuild property.</param>
    public SourceLocation? Find(string property) => IsGlobalValue(property) ? Global(property) : Evaluated(property);

    // A global property wins over every definition in the project unless a project file lists it in
    // TreatAsLocalProperty; then the value the task saw differs from the global one, and evaluation decides.
    private bool IsGlobalValue(string property) =>
        valuesSeen.TryGetValue(property, out var valueSeen)
        && globalProperties.TryGetValue(property, out var global)
        && (string.Equals(global, valueSeen, StringComparison.Ordinal) || string.Equals(ProjectCollection.Unescape(global), valueSeen, StringComparison.Ordinal));

    private static SourceLocation Global(string property) => new($"global property {property} (-p:{property}=...)");

    private SourceLocation? Evaluated(string property) =>
        Evaluate() is { } origins && origins.TryGetValue(property, out var origin) ? origin : null;

    // Every property's origin, read from one evaluation; the evaluation itself is not kept.
    private Dictionary<string, SourceLocation?>? Evaluate()
    {
        if (_evaluated is not null || _evaluationFailed)
        {
            return _evaluated;
        }

        Evaluations++;
        try
        {
            var globals = globalProperties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            _evaluated = evaluations.Evaluate(projectFile, globals, project =>
            {
                var origins = new Dictionary<string, SourceLocation?>(StringComparer.OrdinalIgnoreCase);
                foreach (var evaluated in project.Properties)
                {
                    origins[evaluated.Name] = OriginOf(evaluated);
                }

                return origins;
            });
            return _evaluated;
        }
        catch (InvalidProjectFileException)
        {
            // The project built far enough to run this task, so this is unexpected; the diagnostic keeps its
            // property name as the location rather than failing the build over a missing line number.
            _evaluationFailed = true;
            return null;
        }
        catch (IOException)
        {
            _evaluationFailed = true;
            return null;
        }
    }

    private static SourceLocation? OriginOf(ProjectProperty evaluated)
    {
        if (evaluated.IsGlobalProperty)
        {
            return Global(evaluated.Name);
        }

        if (evaluated.IsEnvironmentProperty)
        {
            return new SourceLocation($"environment variable {evaluated.Name}, read as an MSBuild property");
        }

        return evaluated.Xml?.Location is { File.Length: > 0 } where
            ? new SourceLocation(MSBuildEngineLog.PropertyDescriptionPrefix + evaluated.Name, where.File, where.Line, where.Column)
            : null;
    }
}
