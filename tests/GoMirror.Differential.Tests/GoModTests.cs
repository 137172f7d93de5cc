using System.Text;
using GoMirror.Core.GoMod;
using GoMirror.Core.Modules;

namespace GoMirror.Differential.Tests;

/// <summary>
/// golang.org/x/mod/modfile (Parse and ParseLax, no version fixer, as cmd/go reads go.mod) against
/// <see cref="GoModParser"/> on generated files: whether the file is accepted, and what was read. The engine
/// follows Go 1.23's rules; on Go 1.19 and 1.21 a difference is deliberate when Go 1.23 answers as the engine does
/// (docs/go-behaviour.md: newer directives, <c>.</c>/<c>..</c> replacements, toolchain names).
/// </summary>
public sealed class GoModTests
{
    private const string Newest = "1.23";

    private static readonly string[] Paths = ["example.com/a", "example.com/b/v2", "golang.org/x/mod", "\"example.com/q\"", "`example.com/r`", "Example.com/A", "a", "gopkg.in/yaml.v3", "example.com/c/v3"];

    private static readonly string[] Versions = ["v1.0.0", "v1.2", "v2.0.0", "v2.0.0+incompatible", "v0.0.0-20190101000000-abcdefabcdef", "v1.0.0-rc.1", "1.0.0", "v1.0.0+meta", "\"v1.1.0\"", "latest", "v3.0.0"];

    private static readonly string[] Targets = [".", "..", "./x", "../x", "/abs", ".\\w", "C:\\w", "x", "example.com/fork", "example.com/fork@v1.0.0", "..x", "\"./q\""];

    private static readonly string[] GoVersions = ["1.19", "1.21", "1.21.0", "1.21rc1", "1.23.5", "1", "1.2.3.4", "v1.21", "1.021", "2.0"];

    private static readonly string[] Toolchains = ["go1.21.3", "go1.21", "go1", "default", "local", "go12", "go1x", "gccgo-go1.21", "go1.22rc1", "go1.23.0-custom"];

    [Theory]
    [InlineData("1.19")]
    [InlineData("1.21")]
    [InlineData("1.23")]
    public void GoMod_parsing_agrees_with_go(string release)
    {
        var random = new CaseRandom(Differential.Seed("modfile"));
        var cases = Enumerable.Range(0, Differential.Cases()).Select(_ => new[] { random.Chance(0.7) ? "strict" : "lax", File(random) }).ToList();
        var answers = GoOracle.Ask(release, "modfile", cases);
        var newest = release == Newest ? answers : GoOracle.Ask(Newest, "modfile", cases);
        var comparison = new Comparison("modfile", release);
        for (var i = 0; i < cases.Count; i++)
        {
            var result = GoModParser.Parse("go.mod", cases[i][1], cases[i][0] == "strict" ? GoModParseMode.MainModule : GoModParseMode.Dependency);
            string[] engine = [result.Succeeded ? "accepted" : "rejected", result.Succeeded ? Summary(result.File) : string.Empty];
            string[] go = [answers[i][0].Length == 0 ? "accepted" : "rejected", answers[i][1]];
            string[] go123 = [newest[i][0].Length == 0 ? "accepted" : "rejected", newest[i][1]];
            var input = cases[i][0] + ": " + cases[i][1];
            var newerDirective = answers[i][0].Contains("unknown directive: tool", StringComparison.Ordinal)
                || answers[i][0].Contains("unknown directive: ignore", StringComparison.Ordinal);
            comparison.Compare(input, ["accepted", "summary"], go, engine, field =>
                newerDirective ? "tool (Go 1.24) and ignore (Go 1.25) are read, as newer Go releases read them"
                : release != Newest && (field == "accepted" ? go123[0] == engine[0] : go123[1] == engine[1])
                    ? $"Go {release} differs from Go 1.23, which the engine follows"
                    : null);
        }

        comparison.AssertAgreement();
    }

    private static string File(CaseRandom random)
    {
        var b = new StringBuilder();
        if (random.Chance(0.03))
        {
            b.Append('\uFEFF');
        }

        var lines = random.Next(6) + 1;
        for (var i = 0; i < lines; i++)
        {
            var line = random.Next(12) switch
            {
                0 => $"module {random.Pick(Paths)}",
                1 => $"go {random.Pick(GoVersions)}",
                2 => $"toolchain {random.Pick(Toolchains)}",
                3 or 4 => $"require {random.Pick(Paths)} {random.Pick(Versions)}" + (random.Chance(0.3) ? " // indirect" : string.Empty),
                5 => $"exclude {random.Pick(Paths)} {random.Pick(Versions)}",
                6 or 7 => $"replace {random.Pick(Paths)}" + (random.Chance(0.4) ? " " + random.Pick(Versions) : string.Empty)
                    + $" => {random.Pick(Targets)}" + (random.Chance(0.3) ? " " + random.Pick(Versions) : string.Empty),
                8 => $"retract {(random.Chance(0.5) ? random.Pick(Versions) : $"[{random.Pick(Versions)}, {random.Pick(Versions)}]")} // {random.Pick(new[] { "oops", "Deprecated: x" })}",
                9 => $"require (\n\t{random.Pick(Paths)} {random.Pick(Versions)}\n\t{random.Pick(Paths)} {random.Pick(Versions)} // indirect\n)",
                10 => random.Pick(new[] { "godebug panicnil=1", "tool example.com/a/cmd", "ignore ./vendor", "// Deprecated: use b", "frobnicate x", "" }),
                _ => random.Pick(new[] { "replace (\n\texample.com/a => .\n)", "module x // Deprecated: gone", "require example.com/a v1.0.0 v2", "exclude (\n)", "/* c */", "module \"unterminated" }),
            };
            b.Append(line).Append(random.Chance(0.1) ? "\r\n" : "\n");
        }

        return b.ToString();
    }

    // The line-based summary Oracle/main.go writes for a parsed file (Go's %q for strings).
    private static string Summary(GoModFile file)
    {
        var b = new StringBuilder();
        static string Q(string s) => GoUnicode.Quote(s);
        if (file.Module is { } module)
        {
            b.Append($"module {Q(module.Path)} {Q(module.Deprecated)}\n");
        }

        if (file.Go is { } go)
        {
            b.Append($"go {Q(go.Version)}\n");
        }

        if (file.Toolchain is { } toolchain)
        {
            b.Append($"toolchain {Q(toolchain.Name)}\n");
        }

        foreach (var r in file.Require)
        {
            b.Append($"require {Q(r.Module.Path)} {Q(r.Module.Version)} {(r.Indirect ? "true" : "false")}\n");
        }

        foreach (var x in file.Exclude)
        {
            b.Append($"exclude {Q(x.Module.Path)} {Q(x.Module.Version)}\n");
        }

        foreach (var r in file.Replace)
        {
            b.Append($"replace {Q(r.Old.Path)} {Q(r.Old.Version)} {Q(r.New.Path)} {Q(r.New.Version)}\n");
        }

        foreach (var r in file.Retract)
        {
            b.Append($"retract {Q(r.Low)} {Q(r.High)} {Q(r.Rationale)}\n");
        }

        return b.ToString();
    }
}
