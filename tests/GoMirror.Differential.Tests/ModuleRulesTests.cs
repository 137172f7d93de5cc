using GoMirror.Core.Modules;
using GoMirror.Core.Policy;

namespace GoMirror.Differential.Tests;

/// <summary>
/// golang.org/x/mod/module and semver against the engine's Modules/ and the GOPRIVATE glob matcher: escaping,
/// semantic versions, path checks, major-version suffixes, MatchPrefixPatterns. These rules have not changed
/// between the releases tested, so the newest one is the oracle.
/// </summary>
public sealed class ModuleRulesTests
{
    private const string Release = "1.23";

    [Fact]
    public void Escaping_agrees_with_go()
    {
        var random = new CaseRandom(Differential.Seed("escape"));
        var inputs = Enumerable.Range(0, Differential.Cases()).Select(i => i % 2 == 0 ? ModuleInputs.Path(random) : ModuleInputs.Version(random)).ToList();
        var answers = GoOracle.Ask(Release, "escape", [.. inputs.Select(s => new[] { s })]);
        var comparison = new Comparison("escape", Release);
        string[] fields = ["EscapePath", "EscapePath error", "UnescapePath", "UnescapePath error", "EscapeVersion", "EscapeVersion error", "UnescapeVersion", "UnescapeVersion error"];
        for (var i = 0; i < inputs.Count; i++)
        {
            var s = inputs[i];
            var ep = ModuleEscaping.TryEscapePath(s, out var escapedPath, out var epProblem);
            var up = ModuleEscaping.TryUnescapePath(s, out var path, out var upProblem);
            var ev = ModuleEscaping.TryEscapeVersion(s, out var escapedVersion, out var evProblem);
            var uv = ModuleEscaping.TryUnescapeVersion(s, out var version, out var uvProblem);
            comparison.Compare(s, fields, answers[i],
            [
                ep ? escapedPath : string.Empty, Error(epProblem), up ? path : string.Empty, Error(upProblem),
                ev ? escapedVersion : string.Empty, Error(evProblem), uv ? version : string.Empty, Error(uvProblem),
            ]);
        }

        comparison.AssertAgreement();
    }

    [Fact]
    public void Semantic_versions_agree_with_go()
    {
        var random = new CaseRandom(Differential.Seed("semver"));
        var inputs = Enumerable.Range(0, Differential.Cases()).Select(_ => new[] { ModuleInputs.Version(random), ModuleInputs.Version(random) }).ToList();
        var answers = GoOracle.Ask(Release, "semver", inputs);
        var comparison = new Comparison("semver", Release);
        string[] fields = ["IsValid", "Canonical", "Major", "MajorMinor", "Prerelease", "Build", "Compare", "module.CanonicalVersion", "IsPseudoVersion"];
        for (var i = 0; i < inputs.Count; i++)
        {
            var (a, b) = (inputs[i][0], inputs[i][1]);
            comparison.Compare(a + " | " + b, fields, answers[i],
            [
                Bool(Semver.IsValid(a)), Semver.TryCanonical(a, out var canonical) ? canonical : string.Empty, Semver.Major(a), Semver.MajorMinor(a),
                Semver.Prerelease(a), Semver.Build(a), Semver.Compare(a, b).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Semver.TryCanonicalModuleVersion(a, out var moduleCanonical) ? moduleCanonical : string.Empty, Bool(PseudoVersion.IsPseudoVersion(a)),
            ]);
        }

        comparison.AssertAgreement();
    }

    [Fact]
    public void Path_checks_agree_with_go()
    {
        var random = new CaseRandom(Differential.Seed("check"));
        var inputs = Enumerable.Range(0, Differential.Cases()).Select(_ => new[] { ModuleInputs.Path(random), ModuleInputs.Version(random) }).ToList();
        var answers = GoOracle.Ask(Release, "check", inputs);
        var comparison = new Comparison("check", Release);
        string[] fields = ["CheckPath", "CheckImportPath", "CheckFilePath", "Check", "SplitPathVersion prefix", "SplitPathVersion major", "SplitPathVersion ok", "MatchPathMajor"];
        for (var i = 0; i < inputs.Count; i++)
        {
            var (path, version) = (inputs[i][0], inputs[i][1]);
            var split = ModulePath.TrySplitPathVersion(path, out var prefix, out var major);
            var goSplitOk = answers[i][6] == "true";

            // Go returns the prefix and suffix it found even when ok is false; only the ok answer is a promise.
            var engine = new[]
            {
                Malformed("module", path, ModulePath.IsValid(path, out var p1) ? null : p1),
                Malformed("import", path, ModulePath.IsValidImportPath(path, out var p2) ? null : p2),
                Malformed("file", path, ModulePath.IsValidFilePath(path, out var p3) ? null : p3), Error(new ModuleVersion(path, version).Check()?.Message),
                split ? prefix : answers[i][4], split ? major : answers[i][5], Bool(split),
                Bool(ModulePath.MatchesPathMajor(version, goSplitOk ? answers[i][5] : major, out _)),
            };
            comparison.Compare(path + " | " + version, fields, answers[i], engine);
        }

        comparison.AssertAgreement();
    }

    [Fact]
    public void Glob_matching_agrees_with_go()
    {
        var random = new CaseRandom(Differential.Seed("glob"));
        var inputs = Enumerable.Range(0, Differential.Cases()).Select(_ => new[] { ModuleInputs.Globs(random), ModuleInputs.Target(random) }).ToList();
        var answers = GoOracle.Ask(Release, "glob", inputs);
        var comparison = new Comparison("glob", Release);
        for (var i = 0; i < inputs.Count; i++)
        {
            comparison.Compare(inputs[i][0] + " | " + inputs[i][1], ["MatchPrefixPatterns"], answers[i], [Bool(ModulePathPatterns.Parse(inputs[i][0]).Matches(inputs[i][1]))]);
        }

        comparison.AssertAgreement();
    }

    private static string Bool(bool value) => value ? "true" : "false";

    // The engine's checks give Go's reason; Go's callers and errors put it after this prefix.
    private static string Malformed(string kind, string path, string? problem) =>
        Error(problem is null ? null : $"malformed {kind} path {GoUnicode.Quote(path)}: {problem}");

    private static string Error(string? problem) => problem is null ? string.Empty : "error: " + problem;
}
