using BenchmarkDotNet.Attributes;
using GoMirror.Core.Policy;

namespace GoMirror.Bench.Micro;

/// <summary>
/// Matching 1,000 module paths of a dependency graph against a GOPRIVATE-style list
/// (<see cref="ModulePathPatterns.Matches"/>) against ordinal prefix checks of the same literal prefixes, the
/// cheapest test that could decide the common case. The policy checks every module against three such lists.
/// </summary>
[MemoryDiagnoser]
public class ModulePathPatternBenchmarks
{
    private const string Private = "*.corp.example.com,github.com/acme-*/*,gitlab.com/internal/,golang.org/x/exp,gopkg.in/secret?.v1";
    private static readonly string[] LiteralPrefixes = ["git.corp.example.com/", "github.com/acme-", "gitlab.com/internal/", "golang.org/x/exp", "gopkg.in/secret"];
    private readonly string[] _paths = BenchData.ModulePaths(1000);
    private readonly ModulePathPatterns _patterns = ModulePathPatterns.Parse(Private);

    /// <summary>Baseline: ordinal <c>StartsWith</c> against literal prefixes.</summary>
    [Benchmark(Baseline = true)]
    public int LiteralPrefixChecks()
    {
        var matches = 0;
        foreach (var path in _paths)
        {
            foreach (var prefix in LiteralPrefixes)
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    matches++;
                    break;
                }
            }
        }

        return matches;
    }

    /// <summary>Go's prefix-glob semantics.</summary>
    [Benchmark]
    public int PatternMatches()
    {
        var matches = 0;
        foreach (var path in _paths)
        {
            if (_patterns.Matches(path))
            {
                matches++;
            }
        }

        return matches;
    }
}
