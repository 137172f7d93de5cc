using Cake.Common.IO;
using Cake.Core.IO;
using Cake.GoMirror.Tests.Infrastructure;

namespace Cake.GoMirror.Tests.Aliases;

public class GoModPathTests
{
    [Fact]
    public void Strings_files_and_folders_all_convert_and_keep_their_kind()
    {
        var context = new FakeCakeContext(new FakeCakeEnvironment("/repo"));
        GoModPath fromString = "tools/agent/go.mod";
        GoModPath fromFile = new FilePath("tools/agent/go.mod");
        GoModPath fromFolder = new DirectoryPath("tools/agent");
        GoModPath fromCakeFile = context.File("tools/agent/go.mod");
        GoModPath fromCakeFolder = context.Directory("tools/agent");

        Assert.IsType<FilePath>(fromString.Path);
        Assert.IsType<FilePath>(fromFile.Path);
        Assert.IsType<DirectoryPath>(fromFolder.Path);
        Assert.IsType<FilePath>(fromCakeFile.Path);
        Assert.IsType<DirectoryPath>(fromCakeFolder.Path);
        Assert.Equal("tools/agent", fromCakeFolder.ToString());
    }

    [Fact]
    public void A_missing_path_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => GoModPath.FromString(" "));
        Assert.Throws<ArgumentNullException>(() => GoModPath.FromFilePath(null!));
        Assert.Throws<ArgumentNullException>(() => GoModPath.FromDirectoryPath(null!));
    }
}
