using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GoMirror.Core.GoMod;
using GoMirror.Core.Modules;
using GoMirror.Core.Tests.Modules;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.GoMod;

public partial class GoModParserTests
{
    private const string Complex = """
        // Deprecated: use example.com/new instead.
        module "example.com/m"

        go 1.19

        require example.com/a v1.2 // indirect
        require (
        	example.com/b/v2 v2.0.0 // indirect; needed by c
        	"example.com/c" v1.0.0-rc.1+meta
        	gopkg.in/yaml.v2 v2.4.0
        	example.com/inc v3.0.0+incompatible //indirect
        	example.com/Upper/Case v0.0.0-20240102030405-abcdefabcdef // not indirect
        	"example.com/esc\u0061ped" v1.0.0
        )

        exclude example.com/a v1.1.0
        exclude (
        	example.com/b/v2 v2.0.0-pre
        )

        replace example.com/a => ../a
        replace (
        	example.com/b/v2 v2.0.0 => example.com/fork/v2 v2.0.1
        	example.com/c => example.com/c2 v1.0.0
        	example.com/d v1.0.0 => /abs/d
        )

        retract v1.0.1 // oops

        retract (
        	// broken build
        	// second line
        	[v1.1.0, v1.2.0]

        	v1.3
        )
        // block rationale
        retract (
        	v1.4.0
        )
        """;

    [Fact]
    public void A_byte_order_mark_is_refused_with_its_own_code_before_anything_else()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("go.mod");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "module example.com/m\n"u8]);

        var result = GoModParser.ParseFile(path);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("GOMIRROR0123", diagnostic.Code);
        Assert.Contains("unexpected input character '\\ufeff'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Null(result.File.Module);
    }

    [Theory]
    [InlineData("replace example.com/a => .", true)]
    [InlineData("replace example.com/a => ..", true)]
    [InlineData("replace example.com/a => . v1.0.0", false)]
    [InlineData("toolchain default", true)]
    [InlineData("toolchain go1", true)]
    [InlineData("toolchain local", false)]
    [InlineData("toolchain go12", false)]
    [InlineData("toolchain gccgo-go1.21", false)]
    public void Directory_replacements_and_toolchain_names_follow_go_1_23(string line, bool accepted) =>
        Assert.Equal(accepted, GoModParser.Parse("go.mod", "module example.com/m\n" + line + "\n").Succeeded);

    [Fact]
    public void Parses_every_directive_with_its_line()
    {
        var result = GoModParser.Parse("go.mod", Complex);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var file = result.File;
        Assert.Equal("example.com/m", file.Module!.Path);
        Assert.Equal("use example.com/new instead.", file.Module.Deprecated);
        Assert.Equal(2, file.Module.Location.Line);
        Assert.Equal(("1.19", 4), (file.Go!.Version, file.Go.Location.Line));
        Assert.Equal(
            [
                ("example.com/a", "v1.2.0", true, 6),
                ("example.com/b/v2", "v2.0.0", true, 8),
                ("example.com/c", "v1.0.0-rc.1", false, 9),
                ("gopkg.in/yaml.v2", "v2.4.0", false, 10),
                ("example.com/inc", "v3.0.0+incompatible", true, 11),
                ("example.com/Upper/Case", "v0.0.0-20240102030405-abcdefabcdef", false, 12),
                ("example.com/escaped", "v1.0.0", false, 13),
            ],
            file.Require.Select(r => (r.Module.Path, r.Module.Version, r.Indirect, r.Location.Line)));
        Assert.Equal(2, file.Require[1].Location.Column);
        Assert.Equal([new ModuleVersion("example.com/a", "v1.1.0"), new ModuleVersion("example.com/b/v2", "v2.0.0-pre")], file.Exclude.Select(e => e.Module));
        Assert.Equal(
            [
                ("example.com/a", "", "../a", "", true),
                ("example.com/b/v2", "v2.0.0", "example.com/fork/v2", "v2.0.1", false),
                ("example.com/c", "", "example.com/c2", "v1.0.0", false),
                ("example.com/d", "v1.0.0", "/abs/d", "", true),
            ],
            file.Replace.Select(r => (r.Old.Path, r.Old.Version, r.New.Path, r.New.Version, r.IsDirectoryReplacement)));
        Assert.Equal(
            [
                ("v1.0.1", "v1.0.1", "oops", 28),
                ("v1.1.0", "v1.2.0", "broken build\nsecond line", 33),
                ("v1.3", "v1.3", "", 35),
                ("v1.4.0", "v1.4.0", "block rationale", 39),
            ],
            file.Retract.Select(r => (r.Low, r.High, r.Rationale, r.Location.Line)));
    }

    [Fact]
    public void Reads_newer_directives()
    {
        var result = GoModParser.Parse("go.mod", """
            module example.com/m

            go 1.21.0

            toolchain go1.21.3

            godebug default=go1.21
            godebug (
            	panicnil=1
            )
            tool example.com/m/cmd/gen
            """);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal("1.21.0", result.File.Go!.Version);
        Assert.Equal(("go1.21.3", 5), (result.File.Toolchain!.Name, result.File.Toolchain.Location.Line));
        Assert.Equal([("default", "go1.21", 7), ("panicnil", "1", 9)], result.File.Godebug.Select(g => (g.Key, g.Value, g.Location.Line)));
        Assert.Equal(("tool", "example.com/m/cmd/gen", 11), (result.File.Other[0].Verb, result.File.Other[0].Arguments[0], result.File.Other[0].Location.Line));
    }

    [Fact]
    public void Dependency_mode_ignores_what_go_ignores_in_dependencies()
    {
        var result = GoModParser.Parse("dep.mod", """
            module example.com/dep
            go v1.19beta1
            futuristic directive here
            replace example.com/a => ../a
            exclude example.com/a not-a-version
            unknown (
            	whatever
            )
            require example.com/a v1.0.0
            retract [v1.0.0, v1.1.0] extra
            """, GoModParseMode.Dependency);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal("1.19", result.File.Go!.Version);
        Assert.Empty(result.File.Replace);
        Assert.Empty(result.File.Exclude);
        Assert.Single(result.File.Require);
        Assert.Single(result.File.Retract);

        var strict = GoModParser.Parse("dep.mod", "module example.com/dep\nfuturistic directive\n");
        Assert.Equal(("GOMIRROR0121", 2), (strict.Diagnostics.Single().Code, strict.Diagnostics.Single().Location!.Line));
    }

    // Each case: go.mod text, our code, the line we report. Go_rejects_the_same_files runs Go on each.
    public static readonly TheoryData<string, string, int> Malformed = new()
    {
        { "module example.com/m\n\nrequire (\n\texample.com/a v1.0.0\n", "GOMIRROR0120", 3 },
        { "module example.com/m\n/* comment */\n", "GOMIRROR0120", 2 },
        { "module example.com/m\nrequire \"example.com/a v1.0.0\n", "GOMIRROR0120", 2 },
        { "module example.com/m\nrequire (\n\texample.com/a v1.0.0\n) extra\n", "GOMIRROR0120", 4 },
        { "module example.com/m\ngo 1.19\nrequire example.com/a v1.0.0\nrequires example.com/b v1.0.0\n", "GOMIRROR0121", 4 },
        { "module example.com/m\nweird (\n\tx\n)\n", "GOMIRROR0121", 2 },
        { "module example.com/m\n\nrequire example.com/a\n", "GOMIRROR0122", 3 },
        { "module example.com/m\nmodule example.com/n\n", "GOMIRROR0122", 2 },
        { "module example.com/m\ngo 1.19\ngo 1.20\n", "GOMIRROR0122", 3 },
        { "module example.com/m\ngo 1.19.x\n", "GOMIRROR0122", 2 },
        { "module `example.com/m`\n", "GOMIRROR0122", 1 },
        { "module example.com/m\nreplace example.com/a v1.0.0 example.com/b v1.0.0\n", "GOMIRROR0122", 2 },
        { "module example.com/m\nreplace example.com/a => example.com/b\n", "GOMIRROR0122", 2 },
        { "module example.com/m\nreplace example.com/a => ../b v1.0.0\n", "GOMIRROR0122", 2 },
        { "module example.com/m\nretract [v1.0.0 v1.1.0]\n", "GOMIRROR0122", 2 },
        { "module example.com/m\nretract v1.0.0 v1.1.0\n", "GOMIRROR0122", 2 },
        { "module example.com/m\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b/v1 v1.0.0\n)\n", "GOMIRROR0100", 4 },
        { "module example.com/m\n\n\nrequire example.com/a 1.0.0\n", "GOMIRROR0101", 4 },
        { "module example.com/m\nrequire example.com/a \"v1.0.0\\q\"\n", "GOMIRROR0101", 2 },
        { "module example.com/m\nrequire example.com/a v2.0.0\n", "GOMIRROR0102", 2 },
        { "module example.com/m\nexclude gopkg.in/yaml.v2 v3.0.0\n", "GOMIRROR0102", 2 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_go_mod_gives_a_diagnostic_with_its_line(string text, string code, int line)
    {
        var result = GoModParser.Parse("/src/go.mod", text);

        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(("/src/go.mod", line), (diagnostic.Location!.File, diagnostic.Location.Line));
        Assert.StartsWith($"/src/go.mod:{line}: ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Go_rejects_the_same_files_at_the_same_lines()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory();
        var index = 0;
        foreach (var row in Malformed)
        {
            var (text, _, line) = row.Data;
            var dir = OfflineGo.ModuleFolder(temp, text, "case" + index++);
            var run = GoToolchain.Run(dir, OfflineGo.Environment(temp), "mod", "edit", "-json");

            Assert.True(run.ExitCode != 0, $"go accepted:\n{text}");
            var goLine = GoErrorLine().Match(run.Stderr);
            Assert.True(goLine.Success, run.Stderr);
            var started = StartedAt().Match(run.Stderr);
            Assert.Equal(line, int.Parse(started.Success ? started.Groups[1].Value : goLine.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Parse_equals_go_mod_edit_json()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory();
        var dir = OfflineGo.ModuleFolder(temp, Complex);
        var run = GoToolchain.Run(dir, OfflineGo.Environment(temp), "mod", "edit", "-json").AssertSuccess();
        var goJson = JsonNode.Parse(run.Stdout)!;

        var ours = ToEditJson(GoModParser.ParseFile(Path.Combine(dir, "go.mod")).File);

        Assert.True(JsonNode.DeepEquals(goJson, ours), $"go:\n{goJson}\nours:\n{ours}");
    }

    [Fact]
    public void Unreadable_file_is_a_diagnostic()
    {
        using var temp = new TempDirectory();
        var result = GoModParser.ParseFile(temp.Combine("missing", "go.mod"));
        Assert.Equal("GOMIRROR0120", Assert.Single(result.Diagnostics).Code);
    }

    // The shape of `go mod edit -json` (cmd/go/internal/modcmd/edit.go fileJSON), empty fields omitted.
    private static JsonObject ToEditJson(GoModFile file)
    {
        static JsonObject Mod(ModuleVersion m)
        {
            var o = new JsonObject { ["Path"] = m.Path };
            if (m.Version.Length > 0)
            {
                o["Version"] = m.Version;
            }

            return o;
        }

        static JsonArray? List<T>(IReadOnlyList<T> items, Func<T, JsonObject> map) =>
            items.Count == 0 ? null : new JsonArray([.. items.Select(i => (JsonNode)map(i))]);

        var module = new JsonObject { ["Path"] = file.Module?.Path ?? string.Empty };
        if (file.Module is { Deprecated.Length: > 0 })
        {
            module["Deprecated"] = file.Module.Deprecated;
        }

        var json = new JsonObject { ["Module"] = module };
        if (file.Go is not null)
        {
            json["Go"] = file.Go.Version;
        }

        json["Require"] = List(file.Require, r =>
        {
            var o = Mod(r.Module);
            if (r.Indirect)
            {
                o["Indirect"] = true;
            }

            return o;
        });
        json["Exclude"] = List(file.Exclude, e => Mod(e.Module));
        json["Replace"] = List(file.Replace, r => new JsonObject { ["Old"] = Mod(r.Old), ["New"] = Mod(r.New) });
        json["Retract"] = List(file.Retract, r =>
        {
            var o = new JsonObject { ["Low"] = r.Low, ["High"] = r.High };
            if (r.Rationale.Length > 0)
            {
                o["Rationale"] = r.Rationale;
            }

            return o;
        });
        return json;
    }

    [GeneratedRegex(@"go\.mod:(\d+)(:\d+)?: ")]
    private static partial Regex GoErrorLine();

    [GeneratedRegex(@"unterminated block started at [^:]*go\.mod:(\d+):")]
    private static partial Regex StartedAt();
}
