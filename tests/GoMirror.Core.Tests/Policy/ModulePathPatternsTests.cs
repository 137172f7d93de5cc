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

        // Go compares letters exactly: a pattern never matches a path that differs only in case.
        { "Example.com", "example.com/m", false },
        { "example.com", "EXAMPLE.com/m", false },
        { "*.Corp.com", "git.corp.com/a", false },
        { "github.com/Acme", "github.com/acme/x", false },
        { "github.com/acme", "github.com/Acme/x", false },
        { "github.com/Acme", "github.com/Acme/x", true },
        { "github.com/[A-Z]*", "github.com/Acme/x", true },
        { "github.com/[A-Z]*", "github.com/acme/x", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_like_MatchPrefixPatterns(string patterns, string modulePath, bool expected) =>
        Assert.Equal(expected, ModulePathPatterns.Parse(patterns).Matches(modulePath));

    /// <summary>Every row of <see cref="Cases"/> is also Go's own answer (x/mod's MatchPrefixPatterns, which
    /// cmd/go calls for GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE).</summary>
    [Fact]
    public void Every_row_is_gos_own_decision()
    {
        var rows = Cases.Select(c => c.Data).ToList();

        var go = GoXModOracle.MatchPrefixPatterns([.. rows.Select(r => (r.Item1, r.Item2))]);

        Assert.All(rows.Zip(go), pair => Assert.True(
            pair.First.Item3 == pair.Second && ModulePathPatterns.Parse(pair.First.Item1).Matches(pair.First.Item2) == pair.Second,
            $"patterns '{pair.First.Item1}', path '{pair.First.Item2}': Go says {pair.Second}, the table {pair.First.Item3}, ModulePathPatterns {ModulePathPatterns.Parse(pair.First.Item1).Matches(pair.First.Item2)}"));
    }

    /// <summary>Each row as each variable, through the resolved policy: the decision the pre-warm takes.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_row_decides_GOPRIVATE_GONOPROXY_and_GONOSUMDB(string patterns, string modulePath, bool expected)
    {
        GoMirrorPolicy Resolve(string variable) =>
            GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string> { [variable] = patterns, ["HOME"] = "/home/u", ["GOENV"] = "off" }));

        var isPrivate = Resolve("GOPRIVATE");
        Assert.Equal(expected, isPrivate.BypassesProxy(modulePath));
        Assert.Equal(!expected, isPrivate.UsesChecksumDatabase(modulePath));
        Assert.Equal(expected, Resolve("GONOPROXY").BypassesProxy(modulePath));
        Assert.True(Resolve("GONOPROXY").UsesChecksumDatabase(modulePath));
        Assert.Equal(!expected, Resolve("GONOSUMDB").UsesChecksumDatabase(modulePath));
        Assert.False(Resolve("GONOSUMDB").BypassesProxy(modulePath));
    }

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
        string[] modules = ["example.com/m", "example.com/Upper/m", "example.com/ab", "example.community/x", "git.corp.com/a/b", "corp.com/a", "rsc.io/quote", "rsc.io/quote/sub"];
        foreach (var module in modules)
        {
            proxy.Add(module, "v1.0.0");
        }

        string[] patternLists =
        [
            "*.corp.com", "*/quote", "rsc.io/*", "git.corp.com/a/b/c", "git.corp.com/,example.com/", ",,example.com,,",
            "none", "example.com/a", "a[,corp.com", "*/*/b", "rsc.io/quote/sub/", "example.com/upper", "example.com/Upper", "Example.com",
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

        Assert.True(outcomes.Count == 8, stdout);
        return outcomes;
    }
}
