using GoMirror.Core.GoMod;

namespace GoMirror.Core.Tests.GoMod;

public class GoWorkParserTests
{
    [Fact]
    public void A_go_work_reads_go_toolchain_use_lines_and_blocks_and_replace()
    {
        var result = GoModParser.Parse("/repo/go.work", """
            go 1.23.0
            toolchain go1.23.5

            use ./tools/agent
            use (
            	./svc
            	"../shared lib"
            )

            replace example.com/a v1.0.0 => example.com/fork v1.0.1
            godebug default=go1.21
            """, GoModParseMode.Workspace);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("1.23.0", result.File.Go!.Version);
        Assert.Equal("go1.23.5", result.File.Toolchain!.Name);
        Assert.Equal(["./tools/agent", "./svc", "../shared lib"], result.File.Use.Select(u => u.Directory));
        Assert.Equal(6, result.File.Use[1].Location.Line);
        Assert.Equal("example.com/fork", Assert.Single(result.File.Replace).New.Path);
        Assert.Equal("default", Assert.Single(result.File.Godebug).Key);
    }

    [Theory]
    [InlineData("go 1.21\nrequire example.com/a v1.0.0\n", 2, "unknown directive: require")]
    [InlineData("go 1.21\nuse ./a ./b\n", 2, "usage: use local/dir")]
    [InlineData("go 1.21\nmodule example.com/m\n", 2, "unknown directive: module")]
    [InlineData("go 1.21\ngo 1.22\n", 2, "repeated go statement")]
    [InlineData("go 1.21\nrequire (\n\texample.com/a v1.0.0\n)\n", 2, "unknown block type: require")]
    public void A_directive_Go_rejects_in_go_work_is_GOMIRROR0161_with_its_line(string text, int line, string words)
    {
        var result = GoModParser.Parse("/repo/go.work", text, GoModParseMode.Workspace);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("GOMIRROR0161", error.Code);
        Assert.Equal(line, error.Location!.Line);
        Assert.Equal("/repo/go.work", error.Location.File);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_in_go_work_is_GOMIRROR0160()
    {
        var result = GoModParser.Parse("/repo/go.work", "go 1.21\nuse (\n\t./a\n", GoModParseMode.Workspace);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("GOMIRROR0160", error.Code);
        Assert.Contains("unterminated block", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_use_block_in_go_mod_stays_a_go_mod_error()
    {
        var result = GoModParser.Parse("/repo/go.mod", "module example.com/m\nuse ./a\n");

        Assert.Equal("GOMIRROR0121", Assert.Single(result.Diagnostics).Code);
    }
}
