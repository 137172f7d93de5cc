using System.Text;
using System.Text.Json;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Fixtures;

/// <summary>The proxy folder fixture must be something Go itself accepts, or every oracle test built on it proves nothing.</summary>
public class ModuleProxyFolderTests
{
    [Fact]
    public void Go_downloads_a_module_from_the_fixture_folder()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory();
        var proxy = new ModuleProxyFolder(temp.Combine("proxy"));
        proxy.Add("example.com/Upper/Mod", "v1.2.3", new Dictionary<string, byte[]> { ["a.go"] = Encoding.UTF8.GetBytes("package mod\n") });

        var run = GoToolchain.Run(temp.Path, new Dictionary<string, string>
        {
            ["GOPROXY"] = proxy.FileUrl,
            ["GOSUMDB"] = "off",
            ["GOMODCACHE"] = temp.Combine("modcache"),
            ["GOPATH"] = temp.Combine("gopath"),
        }, "mod", "download", "-json", "example.com/Upper/Mod@v1.2.3").AssertSuccess();

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.False(json.RootElement.TryGetProperty("Error", out _));
        Assert.StartsWith("h1:", json.RootElement.GetProperty("Sum").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(temp.Combine("modcache", "example.com", "!upper", "!mod@v1.2.3", "a.go")));
    }
}
