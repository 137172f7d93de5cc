using System.Text;

namespace GoMirror.Bench.EndToEnd;

/// <summary>
/// The Go component of the benchmark: a main package importing every corpus module, its go.mod requiring
/// them all, and a go.sum written once by the real go (<c>go mod tidy</c> against the corpus's file://
/// proxy), so it holds both hashes of every module as a real project's go.sum does.
/// </summary>
public static class GoComponent
{
    /// <summary>Writes the component to <paramref name="directory"/> unless an identical one is there; returns its go.mod path.</summary>
    public static string Create(string directory, Corpus corpus, string go, string scratch)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var goMod = new StringBuilder("module bench.example.com/component\n\ngo 1.19\n\nrequire (\n");
        var main = new StringBuilder("// Command component imports every benchmark module.\npackage main\n\nimport (\n");
        foreach (var module in corpus.Modules)
        {
            goMod.Append('\t').Append(module.Path).Append(' ').Append(module.Version).Append('\n');
            main.Append("\t_ \"").Append(module.Path).Append("\"\n");
        }

        goMod.Append(")\n");
        main.Append(")\n\nfunc main() {}\n");
        var goModPath = Path.Combine(directory, "go.mod");
        var goSumPath = Path.Combine(directory, "go.sum");
        var planned = goMod.ToString();
        var plannedPath = Path.Combine(directory, "go.mod.planned");
        if (File.Exists(goSumPath) && File.Exists(goModPath) && File.Exists(plannedPath) && File.ReadAllText(plannedPath) == planned)
        {
            return goModPath;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(goModPath, planned);
        File.WriteAllText(plannedPath, planned);
        File.WriteAllText(Path.Combine(directory, "main.go"), main.ToString());
        File.Delete(goSumPath);
        var cache = Path.Combine(scratch, "tidy-modcache");
        ProcessRunner.DeleteTree(cache);
        var proxy = new Uri(Path.GetFullPath(corpus.ProxyRoot) + "/").AbsoluteUri.TrimEnd('/');
        var env = ProcessRunner.GoEnvironment(proxy, cache, Path.Combine(scratch, "gocache"));
        env["GOFLAGS"] = "-mod=mod";
        ProcessRunner.Run(go, directory, env, inheritEnvironment: false, "mod", "tidy").EnsureSuccess("go mod tidy of the benchmark component");
        ProcessRunner.DeleteTree(cache);
        return goModPath;
    }
}
