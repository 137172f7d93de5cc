using GoMirror.Core.GoMod;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.GoMod;

public class GoSumTextTests
{
    [Fact]
    public void Lines_are_counted_and_split_as_go_reads_go_sum()
    {
        // Go splits go.sum at '\n' only and fields at any white space: the lone '\r' on line 1 ends no line, the
        // tab on line 2 separates fields, and the h2: line is not the one Go compares a download with.
        using var temp = new TempDirectory();
        var path = temp.Combine("go.sum");
        File.WriteAllText(path,
            "example.com/a v1.0.0\rh1:aaa=\n" +
            "example.com/b\tv1.0.0/go.mod h1:bbb=\n" +
            "example.com/c v1.0.0 h2:ccc=\n" +
            "example.com/c v1.0.0 h1:ccc=\n");
        var text = GoSumText.Load(path);
        Assert.Equal(1, text.Locate("example.com/a", "v1.0.0", goMod: false)!.Line);
        Assert.Equal(2, text.Locate("example.com/b", "v1.0.0", goMod: true)!.Line);
        Assert.Equal(4, text.Locate("example.com/c", "v1.0.0", goMod: false)!.Line);
        Assert.Equal(0, text.Locate("example.com/d", "v1.0.0", goMod: false)!.Line);
        Assert.Null(GoSumText.Load(null).Locate("example.com/a", "v1.0.0", goMod: false));
    }
}
