using System.Text.Json;
using GoMirror.Core.Policy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

public class ModulePathPatternsTests
{
    public static readonly TheoryData<string, string, bool> Cases = new()
    {
        { "*.corp.com", "git.corp.com/a/b", true },
        { "*.corp.com", "corp.com/a", false },
        { "*/quote", "rsc.io/quote", true },
        { "*/quo", "rsc.io/quote", false },
        { "rsc.io/*", "rsc.io", false },
        { "rsc.io/*", "rsc.io/quote/sub", true },
        { "git.corp.com/a/b/c", "git.corp.com/a/b", false },
        { "git.corp.com/", "git.corp.com/x", true },
        { "git.corp.com//", "git.corp.com/x", false },
        { ",,example.com,,", "example.com/m", true },
        { "example.com", "example.com", true },
        { "example.com", "example.community/x", false },
        { "example.com/a", "example.com/ab", false },
        { "none", "example.com/m", false },
        { "none", "none", true },
        { "", "example.com/m", false },
        { "a[", "a[", false },
        { "a[,example.com", "example.com/x", true },
        { "*", "anything/else", true },
        { "example.com/*/v2", "example.com/x/v2/y", true },
        { " example.com", "example.com/m", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_like_MatchPrefixPatterns(string patterns, string modulePath, bool expected) =>
        Assert.Equal(expected, ModulePathPatterns.Parse(patterns).Matches(modulePath));

    [Fact]
    public void Globs_skip_empty_entries_and_one_trailing_slash()
    {
        var patterns = ModulePathPatterns.Parse(",a.com/,,b.com//,c[");
        Assert.Equal(["a.com", "b.com/", "c["], patterns.Globs);
        Assert.Equal(["c["], patterns.MalformedGlobs);
    }

    /// <summary>
    /// Go decides GONOSUMDB with MatchPrefixPatterns, and with an unusable GOSUMDB every module that the
    /// checksum database would check fails: so which downloads fail shows what Go's matcher matched.
    /// </summary>
    [Fact]
    public void Go_skips_the_checksum_database_for_exactly_the_paths_we_match()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory();
        var proxy = new ModuleProxyFolder(temp.Combine("proxy"));
        string[] modules = ["example.com/m", "example.com/ab", "example.community/x", "git.corp.com/a/b", "corp.com/a", "rsc.io/quote", "rsc.io/quote/sub"];
        foreach (var module in modules)
        {
            proxy.Add(module, "v1.0.0");
        }

        string[] patternLists =
        [
            "*.corp.com", "*/quote", "rsc.io/*", "git.corp.com/a/b/c", "git.corp.com/,example.com/", ",,example.com,,",
            "none", "example.com/a", "a[,corp.com", "*/*/b", "rsc.io/quote/sub/",
        ];
        var run = 0;
        foreach (var patterns in patternLists)
        {
            var go = GoToolchain.Run(temp.Path, new Dictionary<string, string>
            {
                ["GOPROXY"] = proxy.FileUrl,
                ["GOSUMDB"] = "sum.example.com",
                ["GONOSUMDB"] = patterns,
                ["GOMODCACHE"] = temp.Combine("cache" + run++),
                ["GOPATH"] = temp.Combine("gopath"),
            }, ["mod", "download", "-json", .. modules.Select(m => m + "@v1.0.0")]);
            foreach (var (path, skipped) in DownloadOutcomes(go.Stdout))
            {
                Assert.True(
                    skipped == ModulePathPatterns.Parse(patterns).Matches(path),
                    $"GONOSUMDB={patterns}, {path}: Go {(skipped ? "skipped" : "used")} the checksum database.\n{go.Stderr}");
            }
        }
    }

    // Go prints one JSON object per module; an Error naming GOSUMDB means the database was consulted.
    private static List<(string Path, bool SkippedChecksumDatabase)> DownloadOutcomes(string stdout)
    {
        var outcomes = new List<(string, bool)>();
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(stdout), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using (var document = JsonDocument.ParseValue(ref reader))
            {
                var root = document.RootElement;
                var error = root.TryGetProperty("Error", out var e) ? e.GetString() ?? string.Empty : string.Empty;
                Assert.True(error.Length == 0 || error.Contains("GOSUMDB", StringComparison.Ordinal), "unexpected download error: " + error);
                outcomes.Add((root.GetProperty("Path").GetString()!, error.Length == 0));
            }
        }

        Assert.True(outcomes.Count == 7, stdout);
        return outcomes;
    }
}
