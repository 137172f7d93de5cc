using Microsoft.Build.Definition;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Evaluation.Context;
using Microsoft.Build.Framework;

namespace GoMirror.Build.Logging;

/// <summary>
/// The evaluations <see cref="PropertyOrigin"/> makes in one build, sharing one project collection (so the SDK's
/// props and targets are parsed once) and one evaluation context (so SDK resolution and file lookups are done
/// once): the first project of a build pays for a full evaluation, the others for much less. Registered with
/// MSBuild for the lifetime of the build, so nothing cached outlives it in a reused node.
/// </summary>
internal sealed class BuildEvaluations : IDisposable
{
    private const string Key = "GoMirror.Build.BuildEvaluations";

    private readonly ProjectCollection _collection = new();
    private readonly EvaluationContext _context = EvaluationContext.Create(EvaluationContext.SharingPolicy.Shared);
    private readonly Lock _gate = new();

    /// <summary>The evaluations of the build <paramref name="buildEngine"/> runs, made on first use.</summary>
    public static BuildEvaluations Of(IBuildEngine buildEngine)
    {
        if (buildEngine is not IBuildEngine4 engine)
        {
            // No build-wide registry (a host that is not MSBuild): this task's own, collected with it.
            return new BuildEvaluations();
        }

        if (engine.GetRegisteredTaskObject(Key, RegisteredTaskObjectLifetime.Build) is BuildEvaluations registered)
        {
            return registered;
        }

        var created = new BuildEvaluations();
        engine.RegisterTaskObject(Key, created, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        return created;
    }

    /// <summary>Evaluates <paramref name="projectFile"/> with <paramref name="globalProperties"/> and returns what
    /// <paramref name="read"/> takes from it; the evaluated project is unloaded before this returns.</summary>
    public T Evaluate<T>(string projectFile, IDictionary<string, string> globalProperties, Func<Project, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            var project = Project.FromFile(projectFile, new ProjectOptions
            {
                GlobalProperties = globalProperties,
                ProjectCollection = _collection,
                EvaluationContext = _context,
            });
            try
            {
                return read(project);
            }
            finally
            {
                _collection.UnloadProject(project);
            }
        }
    }

    /// <summary>Unloads everything; MSBuild calls it when the build ends.</summary>
    public void Dispose() => _collection.Dispose();
}
