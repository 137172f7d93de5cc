using GoMirror.Core.Policy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

public class GoPathGlobTests
{
    // (pattern, name, expected): "match", "no" or "bad" (Go's ErrBadPattern).
    public static readonly TheoryData<string, string, string> Cases = new()
    {
        { "abc", "abc", "match" },
        { "*", "abc", "match" },
        { "*c", "abc", "match" },
        { "a*", "a", "match" },
        { "a*", "abc", "match" },
        { "a*", "ab/c", "no" },
        { "a*/b", "abc/b", "match" },
        { "a*/b", "a/c/b", "no" },
        { "a*b*c*d*e*/f", "axbxcxdxe/f", "match" },
        { "a*b*c*d*e*/f", "axbxcxdxexxx/f", "match" },
        { "a*b*c*d*e*/f", "axbxcxdxe/xxx/f", "no" },
        { "a*b*c*d*e*/f", "axbxcxdxexxx/fff", "no" },
        { "a*b?c*x", "abxbbxdbxebxczzx", "match" },
        { "a*b?c*x", "abxbbxdbxebxczzy", "no" },
        { "ab[c]", "abc", "match" },
        { "ab[b-d]", "abc", "match" },
        { "ab[e-g]", "abc", "no" },
        { "ab[^c]", "abc", "no" },
        { "ab[^b-d]", "abc", "no" },
        { "ab[^e-g]", "abc", "match" },
        { "a\\*b", "a*b", "match" },
        { "a\\*b", "ab", "no" },
        { "a?b", "a☺b", "match" },
        { "a[^a]b", "a☺b", "match" },
        { "a???b", "a☺b", "no" },
        { "a[^a][^a][^a]b", "a☺b", "no" },
        { "[a-ζ]*", "α", "match" },
        { "*[a-ζ]", "A", "no" },
        { "a?b", "a/b", "no" },
        { "a*b", "a/b", "no" },
        { "[\\]a]", "]", "match" },
        { "[\\-]", "-", "match" },
        { "[x\\-]", "x", "match" },
        { "[x\\-]", "-", "match" },
        { "[x\\-]", "z", "no" },
        { "[\\-x]", "x", "match" },
        { "[\\-x]", "a", "no" },
        { "[]a]", "]", "bad" },
        { "[-]", "-", "bad" },
        { "[x-]", "x", "bad" },
        { "[x-]", "-", "bad" },
        { "[-x]", "a", "bad" },
        { "\\", "a", "bad" },
        { "[a-b-c]", "a", "bad" },
        { "[", "a", "bad" },
        { "[^", "a", "bad" },
        { "[^bc", "a", "bad" },
        { "a[", "a", "bad" },
        { "a[", "ab", "bad" },
        { "a[", "x", "bad" },
        { "a/b[", "x", "bad" },
        { "*x", "xxx", "match" },
        { "*.corp.com", "git.corp.com", "match" },
        { "*.corp.com", "corp.com", "no" },
        { "git.corp.com", "git.corp.com", "match" },
        { "*/*", "a/b", "match" },
        { "", "", "match" },
        { "", "a", "no" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_like_go_path_Match(string pattern, string name, string expected) =>
        Assert.Equal(expected, Outcome(pattern, name));

    [Fact]
    public void Go_path_Match_agrees_on_every_case()
    {
        var cases = Cases.Select(row => (row.Data.Item1, row.Data.Item2))
            .Concat(
            [
                ("[^]]x", "ax"), ("[!a]", "!"), ("a\\", "a"), ("a\\b", "ab"), ("**", "ab"), ("*a*", "ba/"),
                ("[a-]", "a"), ("[]", "x"), ("[^]", "x"), ("*[", "abc"), ("a*[", "b"), ("[a\\]", "a"),
                ("example.com/*", "example.com/x"), ("ex?mple.com", "example.com"), ("[é]", "é"),
            ])
            .ToList();
        var go = GoOracle.PathMatch(cases);
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.True(go[i] == Outcome(cases[i].Item1, cases[i].Item2), $"path.Match({cases[i].Item1}, {cases[i].Item2}): Go says {go[i]}, we say {Outcome(cases[i].Item1, cases[i].Item2)}");
        }
    }

    [Theory]
    [InlineData("*.corp.com", true)]
    [InlineData("a[", false)]
    [InlineData("[]", false)]
    [InlineData("x\\", false)]
    public void IsWellFormed_reports_bad_patterns(string pattern, bool wellFormed) =>
        Assert.Equal(wellFormed, GoPathGlob.IsWellFormed(pattern));

    private static string Outcome(string pattern, string name) =>
        !GoPathGlob.TryMatch(pattern, name, out var matched) ? "bad" : matched ? "match" : "no";
}
