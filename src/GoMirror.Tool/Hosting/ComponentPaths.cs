using GoMirror.Core.Diagnostics;
using GoMirror.Core.Discovery;

namespace GoMirror.Tool.Hosting;

/// <summary>Turns the PATH arguments of a verb into go.mod files: a go.mod as given, a folder's own go.mod, or
/// every go.mod the engine's discovery finds below a repository folder.</summary>
internal static class ComponentPaths
{
    /// <summary>The go.mod files for <paramref name="paths"/> (relative to <paramref name="baseDirectory"/>), with a
    /// GOMIRROR1401 diagnostic for each path that gives none.</summary>
    public static (IReadOnlyList<string> GoModules, IReadOnlyList<Diagnostic> Diagnostics) Resolve(IEnumerable<string> paths, string baseDirectory)
    {
        var goModules = new List<string>();
        var diagnostics = new List<Diagnostic>();
        foreach (var given in paths)
        {
            var full = Path.GetFullPath(given, baseDirectory);
            if (File.Exists(full))
            {
                goModules.Add(full);
            }
            else if (Directory.Exists(full))
            {
                var own = Path.Combine(full, "go.mod");
                IReadOnlyList<string> found = File.Exists(own) ? [own] : GoModuleDiscovery.Find(full);
                if (found.Count == 0)
                {
                    diagnostics.Add(ToolDiagnostics.NoGoModule.Create($"'{given}' is a folder with no go.mod in it or below it.", new SourceLocation("argument " + given)));
                }

                goModules.AddRange(found);
            }
            else
            {
                diagnostics.Add(ToolDiagnostics.NoGoModule.Create($"'{given}' does not exist (looked for {full}).", new SourceLocation("argument " + given)));
            }
        }

        return ([.. goModules.Distinct(StringComparer.Ordinal)], diagnostics);
    }
}
