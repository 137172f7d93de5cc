using GoMirror.Core.Hashing;
using GoMirror.Core.Zip;

namespace GoMirror.Differential.Tests;

/// <summary>
/// Go's <c>zip.Unzip</c> (CheckZip and extraction) and <c>dirhash.HashZip</c> against the engine's
/// <see cref="ModuleZipExtractor"/> and <see cref="ModuleHash.HashZip"/> on generated zips (<see cref="ZipCases"/>):
/// whether each accepts the zip, and the hash. The messages are the engine's own; only the verdicts and the hash
/// are compared. archive/zip changed between the releases (directory entries, prefixed zips, the end record
/// search), so each is asked; the zips and the engine's answers are made once for all three.
/// </summary>
public sealed class ZipTests
{
    private static readonly string[] Releases = ["1.19", "1.21", "1.23"];

    private static readonly string[] Fields = ["Unzip", "HashZip"];

    private static readonly Lazy<Run> Shared = new(Run.Make);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<IReadOnlyList<string[]>>> Answers = new(StringComparer.Ordinal);

    [Theory]
    [InlineData("1.19")]
    [InlineData("1.21")]
    [InlineData("1.23")]
    public void Zip_reading_agrees_with_go(string release)
    {
        var run = Shared.Value;
        var answers = Ask(run, release);
        var others = Releases.Where(r => r != release && GoReleases.IsInstalled(r)).ToDictionary(r => r, r => Ask(run, r));
        var comparison = new Comparison("zip", release);
        for (var i = 0; i < run.Cases.Count; i++)
        {
            var engine = run.Engine[i];
            var index = i;
            var input = $"#{i} {run.Described[i]} | go: {answers[i][0]} {answers[i][2]} | engine: {run.EngineWords[i]}";
            comparison.Compare(input, Fields, Verdicts(answers[i]), engine, field =>
            {
                // Deliberate only where the engine refuses and another release refuses too (docs/go-behaviour.md).
                var at = Array.IndexOf(Fields, field);
                return engine[at] is "rejected" or "error" && others.Values.Any(o => Verdicts(o[index])[at] == engine[at])
                    ? "one module cache serves every Go release: the engine refuses what any of them cannot read" : null;
            });
        }

        comparison.AssertAgreement();
    }

    private static IReadOnlyList<string[]> Ask(Run run, string release) =>
        Answers.GetOrAdd(release, r => new Lazy<IReadOnlyList<string[]>>(() => GoOracle.Ask(r, "zip", run.Cases))).Value;

    private static string[] Verdicts(string[] answer) =>
        [answer[0].Length == 0 ? "accepted" : "rejected", answer[2].Length == 0 ? answer[1] : "error"];

    /// <summary>The generated zips (kept for the test run: the oracle reads them) and the engine's answers.</summary>
    private sealed record Run(List<string[]> Cases, List<string> Described, List<string[]> Engine, List<string> EngineWords)
    {
        public static Run Make()
        {
            var random = new CaseRandom(Differential.Seed("zip"));
            var folder = Directory.CreateTempSubdirectory("gomirror-differential-zip-");
            var run = new Run([], [], [], []);
            for (var i = 0; i < Differential.Cases(2000); i++)
            {
                var path = Path.Combine(folder.FullName, $"{i}.zip");
                run.Described.Add(ZipCases.Write(random, path));
                run.Cases.Add([path, ZipCases.Module, ZipCases.Version]);
                var target = Path.Combine(folder.FullName, "x");
                var unzip = ModuleZipExtractor.Extract(path, ZipCases.Module, ZipCases.Version, target);
                Remove(target);
                string hash;
                try
                {
                    hash = ModuleHash.HashZip(path);
                }
                catch (ModuleHashException e)
                {
                    hash = "error";
                    run.EngineWords.Add(e.Message);
                }

                if (run.EngineWords.Count == i)
                {
                    run.EngineWords.Add(string.Join("; ", unzip.Diagnostics.Select(d => d.Message)));
                }

                run.Engine.Add([unzip.Succeeded ? "accepted" : "rejected", hash]);
            }

            return run;
        }

        private static void Remove(string folder)
        {
            if (!Directory.Exists(folder))
            {
                return;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(folder, recursive: true);
        }
    }
}
