using GoMirror.Core.Modules;

namespace GoMirror.Core.Tests.Modules;

public class ModuleEscapingValidationTests
{
    [Theory]
    [InlineData("github.com/Azure/azure-sdk-for-go", "github.com/!azure/azure-sdk-for-go")]
    [InlineData("example.com/BurntSushi/TOML", "example.com/!burnt!sushi/!t!o!m!l")]
    [InlineData("gopkg.in/yaml.v2", "gopkg.in/yaml.v2")]
    public void Path_round_trip(string path, string escaped)
    {
        Assert.True(ModuleEscaping.TryEscapePath(path, out var e, out _));
        Assert.Equal(escaped, e);
        Assert.True(ModuleEscaping.TryUnescapePath(escaped, out var back, out _));
        Assert.Equal(path, back);
    }

    [Theory]
    [InlineData("v1.0.0-RC1", "v1.0.0-!r!c1")]
    [InlineData("v2.0.0+incompatible", "v2.0.0+incompatible")]
    [InlineData("master", "master")]
    public void Version_round_trip(string version, string escaped)
    {
        Assert.True(ModuleEscaping.TryEscapeVersion(version, out var e, out _));
        Assert.Equal(escaped, e);
        Assert.True(ModuleEscaping.TryUnescapeVersion(escaped, out var back, out _));
        Assert.Equal(version, back);
    }

    [Theory]
    [InlineData("Example.com/m", "malformed module path \"Example.com/m\": invalid char 'E' in first path element")]
    [InlineData("example.com/m!x", "malformed module path \"example.com/m!x\": invalid char '!'")]
    [InlineData("example.com/m/v1", "malformed module path \"example.com/m/v1\": invalid version")]
    public void Escape_rejects_invalid_paths(string path, string problem)
    {
        Assert.False(ModuleEscaping.TryEscapePath(path, out _, out var actual));
        Assert.Equal(problem, actual);
    }

    [Theory]
    [InlineData("v1.0.0!")]
    [InlineData("v1/../x")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("con")]
    [InlineData("v\u00e9")]
    public void Escape_rejects_versions_that_are_not_file_names(string version) =>
        Assert.False(ModuleEscaping.TryEscapeVersion(version, out _, out _));

    [Theory]
    [InlineData("github.com/Azure/x")]
    [InlineData("github.com/!1x")]
    [InlineData("github.com/x!")]
    [InlineData("github.com/é")]
    [InlineData("!example.com/x")]
    [InlineData("example.com/!c!o!n")]
    public void Unescape_rejects_bad_paths(string escaped)
    {
        Assert.False(ModuleEscaping.TryUnescapePath(escaped, out var path, out var problem));
        Assert.Equal(string.Empty, path);
        Assert.StartsWith($"invalid escaped module path \"{escaped}\"", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1.0.0-RC")]
    [InlineData("v1.0.0-!")]
    [InlineData("v1/x")]
    [InlineData("!!")]
    public void Unescape_rejects_bad_versions(string escaped) =>
        Assert.False(ModuleEscaping.TryUnescapeVersion(escaped, out _, out _));
}
