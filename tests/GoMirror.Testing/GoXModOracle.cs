using GoMirror.Testing.SumDb;
using Xunit;

namespace GoMirror.Testing;

/// <summary>
/// Go's own answers to questions no go command prints alone, from the golang.org/x/mod vendored in the installed
/// Go, run through the test-time <c>sumdbtest</c> build (<see cref="SumDbServerBinary"/>): the decision cmd/go
/// takes for GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE (<c>module.MatchPrefixPatterns</c>, many rows in one
/// process), and the h1: of any zip (<c>dirhash.HashZip</c>).
/// </summary>
public static class GoXModOracle
{
    /// <summary>Go's answer for each (comma-separated patterns, module path); skips or fails without Go.</summary>
    public static IReadOnlyList<bool> MatchPrefixPatterns(IReadOnlyList<(string Patterns, string ModulePath)> rows)
    {
        using var temp = new TempDirectory("gomirror-patterns");
        var file = temp.Combine("rows.txt");
        File.WriteAllText(file, string.Concat(rows.Select(r => r.Patterns + "\t" + r.ModulePath + "\n")), new System.Text.UTF8Encoding(false));
        var lines = SumDbServerBinary.Run("matchprefix", file).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows.Count, lines.Length);
        return [.. lines.Select(l => l switch { "true" => true, "false" => false, _ => throw new InvalidOperationException("sumdbtest printed " + l) })];
    }

    /// <summary>The h1: Go's dirhash.HashZip computes for <paramref name="zipFile"/>, whatever the zip's entries.</summary>
    public static string HashZip(string zipFile) => SumDbServerBinary.Run("hashzip", zipFile).Trim();
}
