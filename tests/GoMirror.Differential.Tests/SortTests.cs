using GoMirror.Core.Modules;

namespace GoMirror.Differential.Tests;

/// <summary>
/// Go's orders against the engine's comparers on generated pairs: string <c>&lt;</c> (byte order of UTF-8) against
/// <see cref="Utf8Order"/>, <c>semver.Compare</c> and <c>semver.ByVersion</c> (the tie broken by string order)
/// against <see cref="Semver"/>, and <c>module.Sort</c> against <see cref="ModuleVersion.Comparer"/>. The strings
/// mix characters whose UTF-16 and UTF-8 orders differ (U+E000–U+FFFF against those above U+FFFF).
/// </summary>
public sealed class SortTests
{
    private const string Release = "1.23";

    private static readonly string[] PathParts = ["example.com/", "a", "b", "A", "é", "\uE000", "\uFF21", "\uFFFD", "\U00010000", "\U0001F600", "/", "-", "~", "/v2"];

    private static readonly string[] VersionParts =
    [
        "v1.0.0", "v1.0.0", "v1.2.3", "v2.0.0", "v1.0.0-rc.1", "v1.0.0-0.20190101000000-abcdefabcdef", "+incompatible", "+meta", "+a", "+b",
        "/go.mod", "-\uFF21", "-\U0001F600", "\uFF21", "\U0001F600", "x", "", "v1", "v1.0",
    ];

    [Fact]
    public void Orders_agree_with_go()
    {
        var random = new CaseRandom(Differential.Seed("sort"));
        var cases = Enumerable.Range(0, Differential.Cases()).Select(_ =>
        {
            var a = new[] { random.Join(PathParts, 4), random.Join(VersionParts, 3) };
            var b = random.Chance(0.5)
                ? new[] { a[0], random.Join(VersionParts, 3) }
                : [random.Join(PathParts, 4), random.Join(VersionParts, 3)];
            return new[] { a[0], a[1], b[0], b[1] };
        }).ToList();
        var answers = GoOracle.Ask(Release, "sort", cases);
        var comparison = new Comparison("sort", Release);
        string[] fields = ["path <", "semver.Compare", "semver.ByVersion.Less", "module.Sort a before b", "module.Sort b before a"];
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var order = ModuleVersion.Comparer.Compare(new ModuleVersion(c[0], c[1]), new ModuleVersion(c[2], c[3]));
            string[] engine =
            [
                Bool(Utf8Order.Compare(c[0], c[2]) < 0), Semver.Compare(c[1], c[3]).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Bool(Semver.Comparer.Compare(c[1], c[3]) < 0), Bool(order < 0), Bool(order > 0),
            ];
            var goLeavesThemUnordered = answers[i][3] == "false" && answers[i][4] == "false";
            comparison.Compare($"{c[0]} {c[1]} | {c[2]} {c[3]}", fields, answers[i], engine, field =>
                field.StartsWith("module.Sort", StringComparison.Ordinal) && goLeavesThemUnordered
                    ? "module.Sort leaves versions with equal precedence unordered; the engine orders them by the /go.mod suffix, then by UTF-8 bytes, so its order is total"
                    : null);
        }

        comparison.AssertAgreement();
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
