using GoMirror.Testing;

namespace GoMirror.Tool.Tests.Infrastructure;

/// <summary>
/// A Go component in a folder below the tool's manifest, requiring two modules of a proxy folder this test
/// serves, with the go.sum Go itself wrote (Go is the oracle of the hashes), and Go's folders for this test only.
/// </summary>
public sealed class GoScenario
{
    public GoScenario(InstalledTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        Folder = tool.NewFolder("scenario");
        Proxy = new ModuleProxyFolder(Path.Combine(Folder, "proxy"));
        Component = Path.Combine(Folder, "app");
        ModCache = Path.Combine(Folder, "modcache");
    }

    public string Folder { get; }

    public ModuleProxyFolder Proxy { get; }

    /// <summary>The component's folder (holds go.mod and, after <see cref="CreateComponent"/>, go.sum).</summary>
    public string Component { get; }

    /// <summary>The module cache the tool's runs use.</summary>
    public string ModCache { get; }

    /// <summary>The environment of a tool run: Go's folders and user config here, never the user's.</summary>
    public Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["GOPATH"] = Path.Combine(Folder, "gopath"),
            ["GOCACHE"] = Path.Combine(Folder, "gocache"),
            ["XDG_CONFIG_HOME"] = Path.Combine(Folder, "config"),
            ["GOTOOLCHAIN"] = "local",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Writes go.mod only (no network, no Go needed).</summary>
    public void CreateGoModOnly() => WriteGoMod();

    /// <summary>Publishes the two modules and lets <c>go mod tidy</c> write go.sum; needs Go.</summary>
    public void CreateComponent()
    {
        Proxy.Add("example.com/greet", "v1.0.0", new Dictionary<string, byte[]>
        {
            ["greet.go"] = "package greet\n\nfunc Hello() string { return \"hello\" }\n"u8.ToArray(),
            ["data.txt"] = System.Text.Encoding.UTF8.GetBytes(new string('x', 64 * 1024)),
        });
        Proxy.Add("example.com/Upper/Words", "v1.0.0", new Dictionary<string, byte[]>
        {
            ["words.go"] = "package words\n\nconst Word = \"word\"\n"u8.ToArray(),
        });
        WriteGoMod();
        File.WriteAllText(Path.Combine(Component, "main.go"), "package main\n\nimport (\n\t\"example.com/Upper/Words\"\n\t\"example.com/greet\"\n)\n\nfunc main() { println(greet.Hello(), words.Word) }\n");
        Tidy();
    }

    private void Tidy()
    {
        var tidy = new Dictionary<string, string>
        {
            ["GOPATH"] = Path.Combine(Folder, "tidy-gopath"),
            ["GOMODCACHE"] = Path.Combine(Folder, "tidy-cache"),
            ["GOCACHE"] = Path.Combine(Folder, "gocache"),
            ["GOPROXY"] = Proxy.FileUrl,
            ["GOFLAGS"] = "-mod=mod",
            ["GOSUMDB"] = "off",
        };
        GoToolchain.Run(Component, tidy, "mod", "tidy").AssertSuccess();
        Assert.True(File.Exists(Path.Combine(Component, "go.sum")));
    }

    /// <summary>Publishes <paramref name="version"/> of <paramref name="modulePath"/>, requires it, and lets
    /// <c>go mod tidy</c> update go.sum.</summary>
    public void Upgrade(string modulePath, string version)
    {
        Proxy.Add(modulePath, version, new Dictionary<string, byte[]>
        {
            ["greet.go"] = "package greet\n\nfunc Hello() string { return \"hello again\" }\n"u8.ToArray(),
        });
        var goMod = Path.Combine(Component, "go.mod");
        File.WriteAllText(goMod, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(goMod), System.Text.RegularExpressions.Regex.Escape(modulePath) + " v[^\\s]+", modulePath + " " + version));
        Tidy();
    }

    private void WriteGoMod()
    {
        Directory.CreateDirectory(Component);
        File.WriteAllText(Path.Combine(Component, "go.mod"), "module example.com/app\n\ngo 1.19\n\nrequire (\n\texample.com/greet v1.0.0\n\texample.com/Upper/Words v1.0.0\n)\n");
    }
}
