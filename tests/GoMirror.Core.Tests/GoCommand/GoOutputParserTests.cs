using GoMirror.Core.GoCommand;

namespace GoMirror.Core.Tests.GoCommand;

/// <summary>Inputs real Go does not produce on this machine (truncated output, newer Go's shapes); the common shapes are covered by <see cref="GoModDownloaderTests"/> against the real go.</summary>
public class GoOutputParserTests
{
    [Fact]
    public void Truncated_json_keeps_the_objects_before_it_and_reports_unreadable_output()
    {
        const string stdout = "{\n\t\"Path\": \"example.com/a\",\n\t\"Version\": \"v1.0.0\",\n\t\"Sum\": \"h1:x\"\n}\n{\n\t\"Path\": \"example.com/b\",\n\t\"Vers";

        var diagnostic = GoDownloadJsonParser.Parse(stdout, out var modules);

        Assert.Equal(GoCommandDiagnostics.OutputUnreadable, diagnostic?.Descriptor);
        Assert.Equal("example.com/a@v1.0.0", Assert.Single(modules).ToString());
    }

    [Fact]
    public void Error_as_an_object_and_Origin_and_Reuse_are_read()
    {
        const string stdout = """
            {"Path":"example.com/a","Version":"v1.0.0","Error":{"Err":"boom"},"GoModSum":"h1:m"}
            {"Path":"example.com/b","Version":"v1.1.0","Query":"latest","Reuse":true,"Origin":{"VCS":"git","URL":"https://git.example/b","Hash":"abc","Ref":"refs/tags/v1.1.0"}}
            """;

        Assert.Null(GoDownloadJsonParser.Parse(stdout, out var modules));

        Assert.Equal("boom", modules[0].Error);
        Assert.Equal("h1:m", modules[0].GoModSum);
        Assert.True(modules[1].Reuse);
        Assert.Equal("latest", modules[1].Query);
        Assert.Equal(new GoModuleOrigin("git", "https://git.example/b", null, "abc", null, null, "refs/tags/v1.1.0", null), modules[1].Origin);
    }

    [Fact]
    public void A_mismatch_against_the_checksum_database_names_it_instead_of_go_sum()
    {
        const string stderr = "verifying example.com/a@v1.0.0: checksum mismatch\n\tdownloaded: h1:one=\n\tsum.golang.org: h1:two=\n\nSECURITY ERROR\nThis download does NOT match the one reported by the checksum server.\n\nFor more information, see 'go help module-auth'.\n";

        var diagnostic = Assert.Single(GoErrorOutputParser.ParseStandardError(stderr, goSumPath: null));

        Assert.Equal(GoCommandDiagnostics.ChecksumMismatch, diagnostic.Descriptor);
        Assert.Contains("checksum database sum.golang.org records h1:two=", diagnostic.Message, StringComparison.Ordinal);
        Assert.Null(diagnostic.Location);
    }
}
