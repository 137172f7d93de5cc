using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GoMirror.Core.Reports;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Reports;

public class ModuleDigestTests
{
    /// <summary>Go is the oracle: the digest must be the SHA-256 of Go's own dirhash summary of the module.</summary>
    [Fact]
    public void Digest_of_a_real_go_hash_is_the_sha256_of_the_module_summary()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory();
        var proxy = new ModuleProxyFolder(temp.Combine("proxy"));
        var files = new Dictionary<string, byte[]>
        {
            ["a.go"] = Encoding.UTF8.GetBytes("package mod\n"),
            ["sub/b.go"] = Encoding.UTF8.GetBytes("package sub\n"),
        };
        proxy.Add("example.com/digest", "v1.0.0", files);
        var run = GoToolchain.Run(temp.Path, new Dictionary<string, string>
        {
            ["GOPROXY"] = proxy.FileUrl,
            ["GOSUMDB"] = "off",
            ["GOMODCACHE"] = temp.Combine("modcache"),
            ["GOPATH"] = temp.Combine("gopath"),
        }, "mod", "download", "-json", "example.com/digest@v1.0.0").AssertSuccess();
        using var json = JsonDocument.Parse(run.Stdout);
        var sum = json.RootElement.GetProperty("Sum").GetString();

        Assert.True(ModuleDigest.TryH1ToSha256Hex(sum, out var hex));

        // dirhash Hash1: "<sha256 hex>  <module@version/file>\n" per file, sorted by name, then SHA-256.
        var dir = json.RootElement.GetProperty("Dir").GetString()!;
        var summary = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
                     .Order(StringComparer.Ordinal))
        {
            summary.Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, file)))))
                .Append("  example.com/digest@v1.0.0/").Append(file).Append('\n');
        }

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(summary.ToString()))), hex);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("h1:")]
    [InlineData("h2:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=")]
    [InlineData("h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY")]
    [InlineData("h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykryd!=")]
    [InlineData("h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_h1_hashes_have_no_digest(string? h1) =>
        Assert.False(ModuleDigest.TryH1ToSha256Hex(h1, out _));

    [Fact]
    public void Empty_go_mod_hash_decodes_to_its_sha256()
    {
        // Go's emptyGoModHash (cmd/go/internal/modfetch/fetch.go).
        Assert.True(ModuleDigest.TryH1ToSha256Hex("h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=", out var hex));
        Assert.Equal(Convert.ToHexStringLower(Convert.FromBase64String("G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=")), hex);
        Assert.Equal(64, hex.Length);
    }

    [Theory]
    [InlineData("golang.org/x/text", "v0.3.7", "pkg:golang/golang.org/x/text@v0.3.7")]
    [InlineData("github.com/old/thing", "v2.0.0+incompatible", "pkg:golang/github.com/old/thing@v2.0.0%2Bincompatible")]
    [InlineData("github.com/Azure/go~x", "v0.0.0-20230101000000-abcdefabcdef", "pkg:golang/github.com/Azure/go~x@v0.0.0-20230101000000-abcdefabcdef")]
    public void Package_urls_encode_what_purl_requires(string path, string version, string expected) =>
        Assert.Equal(expected, ModuleDigest.PackageUrl(path, version));
}
