using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

public sealed class GoMirrorPolicyTests : IDisposable
{
    private static readonly SourceLocation PropsLine = new("MSBuild property GoMirrorProxy", "/repo/Directory.Build.props", 12);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Nothing_set_gives_go_defaults()
    {
        var policy = Resolve(EnvFile(null));
        Assert.Equal((ProxyListParser.GoDefault, SettingSourceKind.Default), (policy.Proxy.Value, policy.Proxy.Kind));
        Assert.Equal("sum.golang.org", policy.SumDb.Value);
        Assert.Equal("/home/u/go", policy.GoPath.Value);
        Assert.Equal(("/home/u/go/pkg/mod", SettingSourceKind.Derived), (policy.ModCache.Value, policy.ModCache.Kind));
        Assert.True(policy.Private.IsEmpty);
        Assert.Empty(policy.Diagnostics);
        Assert.Equal(["https://proxy.golang.org", "direct"], policy.ProxyList.Select(e => e.DisplayName));
    }

    [Fact]
    public void Explicit_beats_environment_beats_env_file_beats_default()
    {
        var file = EnvFile("GOPROXY=https://file.example\nGOSUMDB=off\nGOFLAGS=-mod=mod\nGOINSECURE=file.example\n");
        var policy = Resolve(file,
            [("GOPROXY", "https://env.example"), ("GOSUMDB", "sum.golang.google.cn")],
            new ExplicitSetting("GOPROXY", "https://explicit.example", PropsLine));

        Assert.Equal(new ResolvedSetting("GOPROXY", "https://explicit.example", PropsLine, SettingSourceKind.Explicit), policy.Proxy);
        Assert.Equal(("sum.golang.google.cn", SettingSourceKind.Environment), (policy.SumDb.Value, policy.SumDb.Kind));
        Assert.Equal("environment variable GOSUMDB", policy.SumDb.Location.Description);
        Assert.Equal(("-mod=mod", SettingSourceKind.EnvFile, 3), (policy.Flags.Value, policy.Flags.Kind, policy.Flags.Location.Line));
        Assert.Equal(file, policy.Flags.Location.File);
        Assert.Equal(["-mod=mod"], policy.FlagWords);
        Assert.Equal(SettingSourceKind.Default, policy.NoProxy.Kind);
    }

    [Fact]
    public void Empty_values_count_as_unset_at_every_level()
    {
        var file = EnvFile("GOPROXY=https://file.example\nGOPRIVATE=\n");
        var policy = Resolve(file, [("GOPROXY", string.Empty), ("GOPRIVATE", string.Empty)], new ExplicitSetting("GOPROXY", string.Empty, PropsLine));
        Assert.Equal(("https://file.example", SettingSourceKind.EnvFile), (policy.Proxy.Value, policy.Proxy.Kind));
        Assert.Equal(SettingSourceKind.Default, policy.Private.Kind);
    }

    [Fact]
    public void Goenv_off_ignores_the_file()
    {
        var file = EnvFile("GOPROXY=https://file.example\n");
        var policy = Resolve(file, [("GOENV", "off")]);
        Assert.Equal(SettingSourceKind.Default, policy.Proxy.Kind);
        Assert.Null(policy.EnvFilePath);
    }

    [Fact]
    public void Gonoproxy_and_gonosumdb_default_to_goprivate_and_keep_its_location()
    {
        var file = EnvFile("GOPRIVATE=*.corp.example,github.com/acme\n");
        var policy = Resolve(file, [("GONOSUMDB", "github.com/acme")]);
        Assert.Equal(("*.corp.example,github.com/acme", SettingSourceKind.Derived), (policy.NoProxy.Value, policy.NoProxy.Kind));
        Assert.Equal((file, 1), (policy.NoProxy.Location.File, policy.NoProxy.Location.Line));
        Assert.Equal(SettingSourceKind.Environment, policy.NoSumDb.Kind);

        Assert.True(policy.BypassesProxy("git.corp.example/team/tool"));
        Assert.Empty(policy.ProxiesFor("git.corp.example/team/tool"));
        Assert.Equal(policy.ProxyList, policy.ProxiesFor("golang.org/x/text"));
        Assert.True(policy.UsesChecksumDatabase("git.corp.example/team/tool")); // GONOSUMDB was set to something narrower
        Assert.False(policy.UsesChecksumDatabase("github.com/acme/lib"));
        Assert.Equal(PolicyDiagnostics.PrivatePathSentToChecksumDatabase, Assert.Single(policy.Diagnostics).Descriptor);
    }

    [Fact]
    public void Gonoproxy_none_is_an_ordinary_pattern()
    {
        var policy = Resolve(EnvFile(null), [("GOPRIVATE", "*.corp.example"), ("GONOPROXY", "none")]);
        Assert.False(policy.BypassesProxy("git.corp.example/x"));
        Assert.False(policy.UsesChecksumDatabase("git.corp.example/x"));
        Assert.Empty(policy.Diagnostics);
    }

    [Fact]
    public void Goinsecure_and_gosumdb_off_answer_per_module()
    {
        var policy = Resolve(EnvFile(null), [("GOINSECURE", "legacy.example/*"), ("GOSUMDB", "off")]);
        Assert.True(policy.IsInsecure("legacy.example/a/b"));
        Assert.False(policy.IsInsecure("legacy.example"));
        Assert.False(policy.UsesChecksumDatabase("golang.org/x/text"));
        Assert.True(policy.ChecksumDatabase!.IsOff);
    }

    [Fact]
    public void Go_environment_pins_every_policy_variable()
    {
        var policy = Resolve(EnvFile(null), [("GOPRIVATE", "corp.example"), ("GOFLAGS", "-modcacherw")]);
        var env = policy.ToGoEnvironment();
        Assert.Equal(["GOFLAGS", "GOINSECURE", "GOMODCACHE", "GONOPROXY", "GONOSUMDB", "GOPATH", "GOPRIVATE", "GOPROXY", "GOSUMDB"], env.Keys);
        Assert.Equal("corp.example", env["GONOPROXY"]);
        Assert.Equal("/home/u/go/pkg/mod", env["GOMODCACHE"]);
        Assert.Equal("/home/u/go", env["GOPATH"]);
        Assert.Equal(ProxyListParser.GoDefault, env["GOPROXY"]);
    }

    [Theory]
    [InlineData("/srv/gopath:/other", "/srv/gopath/pkg/mod")]
    [InlineData("/srv/gopath/", "/srv/gopath/pkg/mod")]
    [InlineData(":/other", "")]
    public void Gomodcache_comes_from_the_first_gopath_element(string goPath, string expected)
    {
        var policy = Resolve(EnvFile(null), [("GOPATH", goPath)]);
        Assert.Equal(expected, policy.ModCache.Value);
    }

    [Fact]
    public void Windows_paths_and_case_insensitive_names()
    {
        var host = new GoPolicyHost(GoHostOS.Windows, new Dictionary<string, string>
        {
            ["USERPROFILE"] = @"C:\Users\u",
            ["AppData"] = _temp.Combine("roaming"),
            ["GoProxy"] = "https://win.example",
        });
        var policy = GoMirrorPolicy.Resolve(host);
        Assert.Equal(@"C:\Users\u\go\pkg\mod", policy.ModCache.Value);
        Assert.Equal("https://win.example", policy.Proxy.Value);
        Assert.DoesNotContain(policy.Diagnostics, d => d.IsError);
    }

    [Fact]
    public void Unknown_explicit_names_are_a_programming_error()
    {
        var host = new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string>());
        Assert.Throws<ArgumentException>(() => GoMirrorPolicy.Resolve(host, [new ExplicitSetting("GONOSUMCHECK", "x", PropsLine)]));
    }

    // Each remaining code, produced through the resolver with the location it must carry.
    [Fact]
    public void Proxy_diagnostics_point_at_the_setting_that_wrote_the_value()
    {
        var policy = Resolve(EnvFile(null), [], new ExplicitSetting("GOPROXY", "https://u:pw-secret-1@a.example,ftp://b.example", PropsLine));
        var error = Assert.Single(policy.Diagnostics);
        Assert.Equal((PolicyDiagnostics.UnsupportedProxyScheme, PropsLine), (error.Descriptor, error.Location));
        Assert.True(policy.HasErrors);
        Assert.Empty(policy.ProxyList);
        Assert.StartsWith("/repo/Directory.Build.props(12): error GOMIRROR0002", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("proxy https://***@a.example failed", policy.Redactor.Redact("proxy https://u:pw-secret-1@a.example failed"));
        Assert.Equal("token *** rejected", policy.Redactor.Redact("token pw-secret-1 rejected"));
    }

    [Theory]
    [InlineData("GOPROXY", "off", "GOMIRROR0014")]
    [InlineData("GOPROXY", "direct", "GOMIRROR0015")]
    [InlineData("GOSUMDB", "sum.corp.example", "GOMIRROR0007")]
    [InlineData("GOSUMDB", "a b c", "GOMIRROR0008")]
    [InlineData("GOSUMDB", "off", "GOMIRROR0006")]
    [InlineData("GOFLAGS", "-mod=mod vendor", "GOMIRROR0016")]
    [InlineData("GOMODCACHE", "relative/cache", "GOMIRROR0011")]
    [InlineData("GOPATH", "~/go", "GOMIRROR0011")]
    [InlineData("GOINSECURE", "legacy[.example", "GOMIRROR0010")]
    [InlineData("GONOSUMCHECK", "corp.example", "GOMIRROR0009")]
    [InlineData("GO_PROXY", "https://x.example", "GOMIRROR0009")]
    [InlineData("GOPRIVATES", "corp.example", "GOMIRROR0009")]
    [InlineData("goproxy", "https://x.example", "GOMIRROR0009")]
    public void Each_problem_gets_its_code(string variable, string value, string code)
    {
        var policy = Resolve(EnvFile(null), [(variable, value)]);
        var diagnostic = Assert.Single(policy.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal("environment variable " + variable, diagnostic.Location!.Description);
    }

    [Fact]
    public void Misspelt_variables_name_the_real_one_and_never_their_value()
    {
        var file = EnvFile("GONOSUMCHECK=secret-corp-path.example\n");
        var policy = Resolve(file, [("GOPRIVATE", "corp.example")]);
        var warning = Assert.Single(policy.Diagnostics);
        Assert.Equal(PolicyDiagnostics.UnknownGoVariable, warning.Descriptor);
        Assert.Contains("did you mean GONOSUMDB", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-corp-path", warning.ToString(), StringComparison.Ordinal);
        Assert.Equal((file, 1), (warning.Location!.File, warning.Location.Line));
    }

    [Theory]
    [InlineData("GOOGLE_APPLICATION_CREDENTIALS")]
    [InlineData("GOLANG_VERSION")]
    [InlineData("GOTOOLCHAIN")]
    [InlineData("GOROOT")]
    [InlineData("GONOSUMDB")]
    public void Real_and_unrelated_variables_are_not_misspellings(string variable) =>
        Assert.DoesNotContain(Resolve(EnvFile(null), [(variable, "x.example")]).Diagnostics, d => d.Descriptor == PolicyDiagnostics.UnknownGoVariable);

    [Fact]
    public void No_diagnostic_carries_a_credential()
    {
        var policy = Resolve(
            EnvFile("GOSUMDB=sum.golang.org https://sd:Secr3tSum@a.example extra\n"),
            [
                ("GOPROXY", "http://u:Secr3tProxy@a.example,off,https://v:Secr3tAfter@b.example"),
                ("GOFLAGS", "-x https://w:Secr3tFlag@c.example"),
                ("GOMODCACHE", "x:Secr3tCache@relative"),
            ]);
        Assert.True(policy.Diagnostics.Count >= 5, string.Join("\n", policy.Diagnostics));
        Assert.All(policy.Diagnostics, d => Assert.DoesNotContain("Secr3t", d.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Module_cache_unknown_without_home()
    {
        var policy = GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string>()));
        Assert.Equal(PolicyDiagnostics.ModuleCacheUnknown, Assert.Single(policy.Diagnostics).Descriptor);
    }

    [Fact]
    public void Gonoproxy_without_gonosumdb_warns_about_the_leak()
    {
        var policy = Resolve(EnvFile(null), [("GONOPROXY", "git.corp.example/*,none")]);
        var warning = Assert.Single(policy.Diagnostics);
        Assert.Equal(PolicyDiagnostics.PrivatePathSentToChecksumDatabase, warning.Descriptor);
        Assert.Contains("'git.corp.example/*'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("GOPRIVATE=git.corp.example/*", warning.Fix, StringComparison.Ordinal);

        var covered = Resolve(EnvFile(null), [("GONOPROXY", "git.corp.example/team"), ("GONOSUMDB", "git.corp.example")]);
        Assert.Empty(covered.Diagnostics);
    }

    [Fact]
    public void Malformed_goprivate_pattern_is_reported_once()
    {
        var policy = Resolve(EnvFile(null), [("GOPRIVATE", "corp.example,bad[")]);
        var warning = Assert.Single(policy.Diagnostics);
        Assert.Equal(PolicyDiagnostics.MalformedPattern, warning.Descriptor);
        Assert.True(policy.BypassesProxy("corp.example/x"));
    }

    private string EnvFile(string? content)
    {
        var path = _temp.Combine("go.env");
        if (content is null)
        {
            File.Delete(path);
        }
        else
        {
            File.WriteAllText(path, content);
        }

        return path;
    }

    private static GoMirrorPolicy Resolve(string envFile, (string Name, string Value)[]? environment = null, params ExplicitSetting[] explicitSettings)
    {
        var variables = new Dictionary<string, string> { ["HOME"] = "/home/u", ["GOENV"] = envFile };
        foreach (var (name, value) in environment ?? [])
        {
            variables[name] = value;
        }

        return GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, variables), explicitSettings);
    }
}
