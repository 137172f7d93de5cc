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

    // issue #19 class 9: ignore lines of every shape (Go 1.25 reads them in a dependency's go.mod too, the installed
    // releases skip them there), and bytes that are not UTF-8 in paths, strings and comments.
    private static readonly string[] IgnoreLines =
    [
        "ignore ./vendor", "ignore", "ignore a b", "ignore \"./q r\"", "ignore \"unterminated", "ignore 'x'", "ignore `./raw`",
        "ignore (\n\t./a\n\t\"b c\"\n)", "ignore (\n\ta b\n)", "ignore ./a // why", "ignore (\n)", "ignore ( ./a )", "ignore x\"y",
    ];

    private static readonly byte[][] NotUtf8 = [[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80]];

    [Theory]
    [InlineData("1.19")]
    [InlineData("1.21")]
    [InlineData("1.23")]
    public void Ignore_lines_and_bytes_that_are_not_utf8_agree_with_go(string release)
    {
        var random = new CaseRandom(Differential.Seed("modfile-class9"));
        var cases = Enumerable.Range(0, Differential.Cases()).Select(_ => new[] { Encoding.UTF8.GetBytes(random.Chance(0.8) ? "lax" : "strict"), Class9File(random) }).ToList();
        var answers = GoOracle.Ask(release, "modfile", cases);
        var newest = release == Newest ? answers : GoOracle.Ask(Newest, "modfile", cases);
        var comparison = new Comparison("modfile-class9", release);
        for (var i = 0; i < cases.Count; i++)
        {
            var strict = cases[i][0][0] == (byte)'s';
            var result = GoModParser.Parse("go.mod", cases[i][1], strict ? GoModParseMode.MainModule : GoModParseMode.Dependency);
            string[] engine = [result.Succeeded ? "accepted" : "rejected", result.Succeeded ? Summary(result.File) : string.Empty];
            string[] go = [answers[i][0].Length == 0 ? "accepted" : "rejected", answers[i][1]];
            string[] go123 = [newest[i][0].Length == 0 ? "accepted" : "rejected", newest[i][1]];
            var notUtf8 = !System.Text.Unicode.Utf8.IsValid(cases[i][1]);
            var newerDirective = answers[i][0].Contains("unknown directive: ignore", StringComparison.Ordinal) || answers[i][0].Contains("unknown block type: ignore", StringComparison.Ordinal);
            comparison.Compare((strict ? "strict: " : "lax: ") + Encoding.UTF8.GetString(cases[i][1]), ["accepted", "summary"], go, engine, field =>
                newerDirective ? "tool (Go 1.24) and ignore (Go 1.25) are read, as newer Go releases read them"
                : release != Newest && (field == "accepted" ? go123[0] == engine[0] : go123[1] == engine[1]) ? $"Go {release} differs from Go 1.23, which the engine follows"
                : field == "summary" && notUtf8 ? "bytes that are not UTF-8 become U+FFFD in the engine's strings; no module path or version Go can use holds them"
                : null);
        }

        comparison.AssertAgreement();
    }

    private static byte[] Class9File(CaseRandom random)
    {
        var bytes = new List<byte>();
        void Text(string s) => bytes.AddRange(Encoding.UTF8.GetBytes(s));
        void Odd()
        {
            if (random.Chance(0.15))
            {
                bytes.AddRange(random.Pick(NotUtf8));
            }
        }

        for (var lines = random.Next(5) + 1; lines > 0; lines--)
        {
            switch (random.Next(8))
            {
                case 0:
                    Text("module example.com/m");
                    Odd();
                    break;
                case 1:
                    Text($"go {random.Pick(GoVersions)}");
                    break;
                case 2 or 3:
                    Text($"require {random.Pick(Paths)}");
                    Odd();
                    Text($" {random.Pick(Versions)}");
                    break;
                case 4:
                    Text("// comment ");
                    Odd();
                    break;
                case 5:
                    Text("module \"example.com/");
                    Odd();
                    Text("q\"");
                    break;
                default:
                    var line = random.Pick(IgnoreLines);
                    var cut = random.Next(line.Length + 1);
                    Text(line[..cut]);
                    Odd();
                    Text(line[cut..]);
                    break;
            }

            Text(random.Chance(0.1) ? "\r\n" : "\n");
        }

        return [.. bytes];
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
