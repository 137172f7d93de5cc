using GoMirror.Core.Ci;

namespace GoMirror.Core.Tests.Ci;

public class GitHubWorkflowCommandsTests
{
    [Fact]
    public void Message_escapes_percent_cr_and_lf_only() =>
        Assert.Equal("100%25 done%0D%0Anext: a,b", GitHubWorkflowCommands.EscapeData("100% done\r\nnext: a,b"));

    [Fact]
    public void Properties_also_escape_colon_and_comma() =>
        Assert.Equal("C%3A/x%2Cy%25%0A", GitHubWorkflowCommands.EscapeProperty("C:/x,y%\n"));

    [Fact]
    public void Annotation_with_every_property()
    {
        Assert.Equal(
            "::error file=tools/go.sum,line=3,col=7,title=GOMIRROR0704%3A hash::bytes changed%0Afix it",
            GitHubWorkflowCommands.Annotation("error", "bytes changed\nfix it", "tools/go.sum", 3, 7, "GOMIRROR0704: hash"));
        Assert.Equal("::notice::plain", GitHubWorkflowCommands.Annotation("notice", "plain"));
        Assert.Equal("::warning file=a,title=T::m", GitHubWorkflowCommands.Annotation("warning", "m", "a", 0, 9, "T"));
    }

    [Fact]
    public void Group_title_is_escaped() =>
        Assert.Equal("::group::a%0Ab", GitHubWorkflowCommands.Group("a\nb"));
}
