using GoMirror.Core.Policy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

public class GoEnvFileTests
{
    [Theory]
    [InlineData(GoHostOS.Linux, "HOME", "/home/u", "/home/u/.config/go/env")]
    [InlineData(GoHostOS.Linux, "XDG_CONFIG_HOME", "/xdg", "/xdg/go/env")]
    [InlineData(GoHostOS.MacOS, "HOME", "/Users/u", "/Users/u/Library/Application Support/go/env")]
    [InlineData(GoHostOS.Windows, "APPDATA", @"C:\Users\u\AppData\Roaming", @"C:\Users\u\AppData\Roaming\go\env")]
    public void Located_where_go_looks(GoHostOS os, string variable, string value, string expected)
    {
        var environment = new Dictionary<string, string> { [variable] = value };
        if (variable == "XDG_CONFIG_HOME")
        {
            environment["HOME"] = "/home/ignored";
        }

        Assert.Equal(expected, GoEnvFile.Locate(new GoPolicyHost(os, environment)));
    }

    [Fact]
    public void Goenv_wins_and_off_disables_it()
    {
        Assert.Equal("/etc/go.env", GoEnvFile.Locate(Host(("GOENV", "/etc/go.env"), ("HOME", "/home/u"))));
        Assert.Null(GoEnvFile.Locate(Host(("GOENV", "off"), ("HOME", "/home/u"))));
        Assert.Equal("/home/u/.config/go/env", GoEnvFile.Locate(Host(("GOENV", string.Empty), ("HOME", "/home/u"))));
        Assert.Null(GoEnvFile.Locate(Host()));
    }

    [Fact]
    public void Reads_key_value_lines_with_their_numbers_and_ignores_the_rest()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("env");
        File.WriteAllText(path, "GOPROXY=https://a.example\n# comment\ngoprivate=x\nNOEQUALS\n\nGOFLAGS=-mod=mod -x\nGOPROXY=https://b.example\n=x\nGONOSUMDB=\n");
        var file = GoEnvFile.Read(path);
        Assert.Equal(new GoEnvFileEntry("GOPROXY", "https://b.example", 7), file.Entries["GOPROXY"]);
        Assert.Equal(new GoEnvFileEntry("GOFLAGS", "-mod=mod -x", 6), file.Entries["GOFLAGS"]);
        Assert.Equal(string.Empty, file.Entries["GONOSUMDB"].Value);
        Assert.Equal(3, file.Entries.Count);
    }

    [Fact]
    public void A_missing_file_reads_as_empty()
    {
        using var temp = new TempDirectory();
        var file = GoEnvFile.Read(temp.Combine("absent"));
        Assert.Empty(file.Entries);
        Assert.Equal(temp.Combine("absent"), file.Path);
    }

    private static GoPolicyHost Host(params (string Name, string Value)[] variables) =>
        new(GoHostOS.Linux, variables.ToDictionary(v => v.Name, v => v.Value));
}
