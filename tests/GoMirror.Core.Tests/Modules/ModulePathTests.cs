using System.Text.Json;
using GoMirror.Core.Modules;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Modules;

public class ModulePathTests
{
    // Valid and invalid module paths, each checked by Go itself in Go_rejects_exactly_the_paths_we_reject.
    public static readonly TheoryData<string, string?> Paths = new()
    {
        { "example.com/m", null },
        { "github.com/Azure/azure-sdk-for-go", null },
        { "example.com/Upper/Case_~x", null },
        { "example.com/m/v2", null },
        { "example.com/m/v10", null },
        { "gopkg.in/yaml.v2", null },
        { "gopkg.in/check.v1", null },
        { "gopkg.in/src-d/go-git.v4", null },
        { "example.com/x.y-z", null },
        { "example.com/m~x", null },
        { "Example.com/m", "invalid char 'E' in first path element" },
        { "example_com.x/m", "invalid char '_' in first path element" },
        { "localhost/m", "missing dot in first path element" },
        { "-example.com/m", "leading dash" },
        { "/example.com/m", "empty path element" },
        { "example.com//m", "double slash" },
        { "example.com/m/", "trailing slash" },
        { "example.com/.m", "leading dot in path element" },
        { "example.com/m.", "trailing dot in path element" },
        { "example.com/..", "invalid path element \"..\"" },
        { "example.com/m+x", "invalid char '+'" },
        { "example.com/m x", "invalid char ' '" },
        { "example.com/é", "invalid char 'é'" },
        { "example.com/con", "\"con\" disallowed as path element component on Windows" },
        { "example.com/NUL.txt", "\"NUL\" disallowed as path element component on Windows" },
        { "example.com/lpt9", "\"lpt9\" disallowed as path element component on Windows" },
        { "example.com/m~1", "trailing tilde and digits in path element" },
        { "example.com/m/v1", "invalid version" },
        { "example.com/m/v0", "invalid version" },
        { "example.com/m/v02", "invalid version" },
        { "example.com/m/v2.0", "invalid version" },
        { "gopkg.in/yaml", "invalid version" },
        { "gopkg.in/yaml.v0", null },
        { "gopkg.in/yaml.v01", "invalid version" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Module_path_check_gives_gos_reason(string path, string? reason)
    {
        var valid = ModulePath.IsValid(path, out var problem);
        Assert.Equal(reason is null, valid);
        Assert.Equal(reason, problem);
    }

    [Fact]
    public void Go_rejects_exactly_the_paths_we_reject()
    {
        GoToolchain.Require();
        using var temp = new TempDirectory();
        var dir = OfflineGo.ModuleFolder(temp, "module example.com/main\n\ngo 1.19\n");
        var paths = Paths.Select(row => row.Data.Item1).ToArray();
        var run = GoToolchain.Run(dir, OfflineGo.Environment(temp), ["mod", "download", "-json", "--", .. paths.Select(p => p + "@v1.0.0")]);

        var errors = ReadJsonStream(run.Stdout).ToDictionary(o => o.GetProperty("Path").GetString()!, o => o.GetProperty("Error").GetString()!);
        foreach (var path in paths)
        {
            Assert.True(errors.TryGetValue(path, out var goError), $"go printed nothing for {path}:\n{run.Stdout}\n{run.Stderr}");
            var ours = ModulePath.IsValid(path, out var problem);
            if (ours)
            {
                Assert.DoesNotContain("malformed module path", goError, StringComparison.Ordinal);
            }
            else
            {
                Assert.EndsWith($"malformed module path \"{path}\": {problem}", goError, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("example.com/m", "example.com/m", "")]
    [InlineData("example.com/m/v2", "example.com/m", "/v2")]
    [InlineData("example.com/m/v123", "example.com/m", "/v123")]
    [InlineData("gopkg.in/yaml.v2", "gopkg.in/yaml", ".v2")]
    [InlineData("gopkg.in/yaml.v0", "gopkg.in/yaml", ".v0")]
    [InlineData("gopkg.in/foo.v1-unstable", "gopkg.in/foo", ".v1-unstable")]
    [InlineData("example.com/v2x", "example.com/v2x", "")]
    public void Splits_the_major_version_suffix(string path, string prefix, string major)
    {
        Assert.True(ModulePath.TrySplitPathVersion(path, out var p, out var m));
        Assert.Equal((prefix, major), (p, m));
    }

    [Theory]
    [InlineData("v1.2.3", "", null)]
    [InlineData("v0.1.0", "", null)]
    [InlineData("v2.0.0+incompatible", "", null)]
    [InlineData("v2.0.0", "", "should be v0 or v1, not v2")]
    [InlineData("v2.1.0", "/v2", null)]
    [InlineData("v3.0.0", "/v2", "should be v2, not v3")]
    [InlineData("v1.0.0", "/v2", "should be v2, not v1")]
    [InlineData("v2.5.0", ".v2", null)]
    [InlineData("v0.0.0-20200101000000-abcdefabcdef", ".v1", null)]
    [InlineData("v1.3.0", ".v1-unstable", null)]
    public void Checks_version_against_path_major(string version, string pathMajor, string? problem)
    {
        Assert.Equal(problem is null, ModulePath.MatchesPathMajor(version, pathMajor, out var actual));
        Assert.Equal(problem, actual);
    }

    [Theory]
    [InlineData("a/b.go", null)]
    [InlineData("dir with space/é.go", null)]
    [InlineData("a/.hidden", null)]
    [InlineData("-dash", null)]
    [InlineData("a/../b", "invalid path element \"..\"")]
    [InlineData("a:b", "invalid char ':'")]
    [InlineData("aux.c", "\"aux\" disallowed as path element component on Windows")]
    [InlineData("x~1", null)]
    public void File_path_check(string path, string? problem)
    {
        Assert.Equal(problem is null, ModulePath.IsValidFilePath(path, out var actual));
        Assert.Equal(problem, actual);
    }

    [Theory]
    [InlineData("example.com/m/pkg+x", null)]
    [InlineData("fmt", null)]
    [InlineData("example.com/m~1", "trailing tilde and digits in path element")]
    [InlineData("example.com/.m", null)]
    public void Import_path_check(string path, string? problem)
    {
        Assert.Equal(problem is null, ModulePath.IsValidImportPath(path, out var actual));
        Assert.Equal(problem, actual);
    }

    // go mod download -json prints one JSON object after another.
    internal static List<JsonElement> ReadJsonStream(string text)
    {
        var result = new List<JsonElement>();
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            result.Add(document.RootElement.Clone());
        }

        return result;
    }
}
