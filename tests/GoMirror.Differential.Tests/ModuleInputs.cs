namespace GoMirror.Differential.Tests;

/// <summary>Generators of module paths, versions and globs near the edges of Go's rules.</summary>
internal static class ModuleInputs
{
    private static readonly string[] PathFragments =
    [
        "a", "b", "x", "Z", "Q", "0", "9", "example.com", "github.com", "golang.org", "gopkg.in", "/", "/", "/", "//", ".", "..",
        "-", "_", "~", "~1", "+", "v2", "/v2", "/v0", "/v1", "/v01", "/v2.0", ".v2", ".v1", "-unstable", "!", "!a", "!!", "%", "@", " ",
        "con", "CON", "aux.txt", "com1", "lpt9", "nul", "prn.", "é", "ü", "Ⅻ", "Σ", "ǅ", "\"", "'", "`", "\\", ":", "*", "?", "#", "$",
        "&", "(", ")", "=", "[", "]", "^", "{", "}", ",", ";", "<", ">", "|", "\u0000", "\t", "\n", "\u007f", "\u00a0", "\u200b",
        "\ufeff", "\ufffd", "𝔸", "go.mod", "vendor", "a.b", "-a", "a-", ".a", "a.",
    ];

    private static readonly string[] VersionFragments =
    [
        "v", "v", "v0", "v1", "v2", "v3", ".", ".", "0", "1", "2", "10", "01", "00", "-", "-", "+", "pre", "rc.1", "rc", ".0", ".1",
        "incompatible", "+incompatible", "-0.20190101000000-abcdefabcdef", "0.0.0-", "20060102150405", "-abcdef123456", "abcdef123456",
        "alpha", "beta", "x", "a.b", "X", "-0.", "0000000000000", "99999999999999999999", "~", "!", "/", "é", " ", "_",
    ];

    private static readonly string[] GlobFragments =
    [
        "*", "?", "[a-z]", "[^a]", "[!a]", "[]", "[", "]", "\\", "\\*", "a", "b", "x", "example.com", "golang.org", "/", "/", ".", ",",
        ",", "-", "[a-]", "[\\]]", "é", "[é-ü]", "**", "/*", "*/",
    ];

    private static readonly string[] TargetFragments = ["a", "b", "x", "example.com", "golang.org", "/", "/", ".", "-", "é", "*", "[", "\\", "]", "v2"];

    /// <summary>A module-path-like string; one in ten has a random code point too.</summary>
    public static string Path(CaseRandom random)
    {
        var text = random.Join(PathFragments, 8);
        return random.Chance(0.1) ? text.Insert(random.Next(text.Length + 1), random.AnyRune()) : text;
    }

    /// <summary>A version-like string.</summary>
    public static string Version(CaseRandom random)
    {
        if (random.Chance(0.3))
        {
            return $"v{random.Next(4)}.{random.Next(3)}.{random.Next(3)}" + random.Join(VersionFragments, 3);
        }

        return random.Join(VersionFragments, 7);
    }

    /// <summary>A GOPRIVATE-like glob list.</summary>
    public static string Globs(CaseRandom random) => random.Join(GlobFragments, 6);

    /// <summary>A path for a glob to match.</summary>
    public static string Target(CaseRandom random) => random.Join(TargetFragments, 8);
}
