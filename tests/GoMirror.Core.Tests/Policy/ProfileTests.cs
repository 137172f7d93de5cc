using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

/// <summary>
/// gomirror.json: found upward from the project as global.json is, its profiles selected by GoMirrorProfile, then
/// GOMIRROR_PROFILE, then ciProfile on CI=true, then defaultProfile; explicit settings beat the profile, which beats
/// the environment; every problem names the file, line and column.
/// </summary>
public sealed class ProfileTests : IDisposable
{
    private const string Policy = """
        {
          "$schema": "https://github.com/GoMirror/GoMirror.Build/blob/main/docs/schema/gomirror.schema.json",
          // The mirrors every profile uses unless it says otherwise.
          "defaultProfile": "dev",
          "ciProfile": "ci",
          "go": { "GOPRIVATE": "git.corp.example/secret", "GOFLAGS": "-mod=mod" },
          "routes": { "git.corp.example/*": "https://athens.corp.example" },
          "profiles": {
            "dev": { "go": { "GOPROXY": "https://goproxy.io,direct" } },
            "ci": {
              "description": "CI runners reach the corporate mirror only",
              "go": { "GOPROXY": "https://artifactory.corp.example/go", "GOFLAGS": "-mod=readonly" },
              "routes": { "git.corp.example/*": "https://athens-ci.corp.example", "example.com/tool": "https://tools.corp.example" }
            },
            "cn": { "go": { "GOPROXY": "https://goproxy.cn,direct", "GOSUMDB": "sum.golang.google.cn" } },
            "airgapped": { "go": { "GOPROXY": "off" } },
          },
        }
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_file_is_found_upward_from_the_component_and_defaultProfile_applies_when_nothing_names_one()
    {
        var goMod = Repository(Policy);

        var policy = Resolve([], new GoMirrorOptions { GoModules = [goMod] });

        Assert.False(policy.HasErrors, string.Join("\n", policy.Diagnostics));
        Assert.Equal(_temp.Combine("gomirror.json"), policy.PolicyFilePath);
        Assert.Equal(("dev", "defaultProfile"), (policy.Profile, policy.ProfileSelectedBy));
        Assert.Equal(("https://goproxy.io,direct", SettingSourceKind.Profile), (policy.Proxy.Value, policy.Proxy.Kind));
        Assert.Equal((_temp.Combine("gomirror.json"), 9, 33), (policy.Proxy.Location.File, policy.Proxy.Location.Line, policy.Proxy.Location.Column));
        Assert.Contains("profile 'dev'", policy.Proxy.Location.Description, StringComparison.Ordinal);

        // The file's common values apply to every profile.
        Assert.Equal(("-mod=mod", SettingSourceKind.Profile), (policy.Flags.Value, policy.Flags.Kind));
        Assert.Equal("https://athens.corp.example", policy.ProxiesFor("git.corp.example/lib")[0].DisplayName);
        Assert.Empty(policy.ProxiesFor("git.corp.example/secret"));
    }

    [Fact]
    public void CI_true_selects_ciProfile_whose_values_and_routes_override_the_common_ones()
    {
        var goMod = Repository(Policy);

        var policy = Resolve(new() { ["CI"] = "true" }, new GoMirrorOptions { GoModules = [goMod] });

        Assert.Equal(("ci", "ciProfile (CI=true)"), (policy.Profile, policy.ProfileSelectedBy));
        Assert.Equal("https://artifactory.corp.example/go", policy.Proxy.Value);
        Assert.Equal("-mod=readonly", policy.Flags.Value);
        Assert.Equal("https://athens-ci.corp.example", policy.ProxiesFor("git.corp.example/lib")[0].DisplayName);
        Assert.Equal("https://tools.corp.example", policy.ProxiesFor("example.com/tool")[0].DisplayName);
        Assert.Equal("https://artifactory.corp.example/go", policy.ProxiesFor("example.com/other")[0].DisplayName);

        // CI=false (or unset) is not CI.
        Assert.Equal("dev", Resolve(new() { ["CI"] = "false" }, new GoMirrorOptions { GoModules = [goMod] }).Profile);
        Assert.Equal("ci", Resolve(new() { ["CI"] = "1" }, new GoMirrorOptions { GoModules = [goMod] }).Profile);
    }

    [Fact]
    public void GoMirrorProfile_beats_GOMIRROR_PROFILE_which_beats_the_CI_rule()
    {
        var goMod = Repository(Policy);
        var environment = new Dictionary<string, string> { ["CI"] = "true", ["GOMIRROR_PROFILE"] = "cn" };

        var fromVariable = Resolve(environment, new GoMirrorOptions { GoModules = [goMod] });
        var fromProperty = Resolve(environment, new GoMirrorOptions { GoModules = [goMod], Profile = "airgapped" });

        Assert.Equal(("cn", "GOMIRROR_PROFILE environment variable", "sum.golang.google.cn"), (fromVariable.Profile, fromVariable.ProfileSelectedBy, fromVariable.SumDb.Value));
        Assert.Equal(("airgapped", "GoMirrorProfile", "off"), (fromProperty.Profile, fromProperty.ProfileSelectedBy, fromProperty.Proxy.Value));
    }

    [Fact]
    public void Explicit_settings_beat_the_profile_which_beats_the_environment()
    {
        var goMod = Repository(Policy);
        var environment = new Dictionary<string, string> { ["GOPROXY"] = "https://env.example", ["GOFLAGS"] = "-x", ["GOINSECURE"] = "env.example" };
        var options = new GoMirrorOptions
        {
            GoModules = [goMod],
            PolicySettings = [new ExplicitSetting("GOPROXY", "https://explicit.example", new("MSBuild property GoMirrorProxy"))],
            Routes = "git.corp.example/*=https://explicit-route.example",
        };

        var policy = Resolve(environment, options);

        Assert.Equal(("https://explicit.example", SettingSourceKind.Explicit), (policy.Proxy.Value, policy.Proxy.Kind));
        Assert.Equal(("-mod=mod", SettingSourceKind.Profile), (policy.Flags.Value, policy.Flags.Kind));
        Assert.Equal(("env.example", SettingSourceKind.Environment), (policy.Insecure.Value, policy.Insecure.Kind));
        Assert.Equal("https://explicit-route.example", policy.ProxiesFor("git.corp.example/lib")[0].DisplayName);
        Assert.Equal(SettingSourceKind.Explicit, policy.RouteFor("git.corp.example/lib")!.Kind);
    }

    [Fact]
    public void An_unknown_profile_is_an_error_at_the_profiles_object_naming_the_ones_defined()
    {
        var goMod = Repository(Policy);

        var policy = Resolve(new() { ["GOMIRROR_PROFILE"] = "cn2" }, new GoMirrorOptions { GoModules = [goMod] });

        var error = Assert.Single(policy.Diagnostics, d => d.IsError);
        Assert.Equal(PolicyDiagnostics.UnknownProfile.Code, error.Code);
        Assert.Equal((_temp.Combine("gomirror.json"), 8, 3), (error.Location!.File, error.Location.Line, error.Location.Column));
        Assert.Contains("'cn2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("airgapped, ci, cn, dev", error.Message, StringComparison.Ordinal);
        Assert.Contains("GOMIRROR_PROFILE", error.Message, StringComparison.Ordinal);
        Assert.Null(policy.Profile);
    }

    [Fact]
    public void An_unknown_ciProfile_points_at_its_own_value()
    {
        var goMod = Repository("{\n  \"ciProfile\": \"build\",\n  \"profiles\": { \"ci\": {} }\n}\n");

        var error = Assert.Single(Resolve(new() { ["CI"] = "true" }, new GoMirrorOptions { GoModules = [goMod] }).Diagnostics, d => d.IsError);

        Assert.Equal((PolicyDiagnostics.UnknownProfile.Code, 2, 16), (error.Code, error.Location!.Line, error.Location.Column));
    }

    [Fact]
    public void A_profile_named_without_any_policy_file_is_an_error()
    {
        Directory.CreateDirectory(_temp.Combine("app"));

        var policy = Resolve([], new GoMirrorOptions { RepositoryRoot = _temp.Combine("app"), Profile = "ci" });

        Assert.Equal(PolicyDiagnostics.UnknownProfile.Code, Assert.Single(policy.Diagnostics, d => d.IsError).Code);
    }

    // Columns count characters, not bytes: the 'é' (two UTF-8 bytes) before the second ',' counts once.
    [Theory]
    [InlineData("{\n  \"defaultProfile\": \"dev\"\n  \"profiles\": {}\n}", 3, 3)]
    [InlineData("{\n  \"profiles\": {\n    \"dev\": { \"go\": { \"GOPROXY\": \"x\" }\n  }\n", 5, 1)]
    [InlineData("{ \"profiles\": { \"é\": { \"go\": { \"GOPROXY\": \"x\",, } } } }", 1, 47)]
    [InlineData("{} trailing", 1, 4)]
    public void Malformed_JSON_is_GOMIRROR0020_at_its_line_and_column(string text, int line, int column)
    {
        var goMod = Repository(text);

        var policy = Resolve([], new GoMirrorOptions { GoModules = [goMod] });

        var error = Assert.Single(policy.Diagnostics, d => d.IsError);
        Assert.Equal(PolicyDiagnostics.MalformedPolicyFile.Code, error.Code);
        Assert.Equal((_temp.Combine("gomirror.json"), line, column), (error.Location!.File, error.Location.Line, error.Location.Column));
        Assert.StartsWith($"{_temp.Combine("gomirror.json")}({line},{column}): ", error.Message, StringComparison.Ordinal);
        Assert.Equal(SettingSourceKind.Default, policy.Proxy.Kind);
    }

    [Theory]
    [InlineData("{\n  \"profile\": \"dev\"\n}", 2, 3, "'profile'")]
    [InlineData("{\n  \"go\": { \"GOPROXYY\": \"https://x.example\" }\n}", 2, 11, "'GOPROXYY'")]
    [InlineData("{\n  \"go\": { \"GOPROXY\": 5 }\n}", 2, 22, "a number")]
    [InlineData("{\n  \"profiles\": { \"ci\": [] }\n}", 2, 23, "an array")]
    [InlineData("{\n  \"profiles\": { \"ci\": {}, \"ci\": {} }\n}", 2, 27, "twice")]
    [InlineData("[]", 1, 1, "an array")]
    public void Schema_violations_are_GOMIRROR0021_at_their_line_and_column(string text, int line, int column, string said)
    {
        var goMod = Repository(text);

        var error = Assert.Single(Resolve([], new GoMirrorOptions { GoModules = [goMod] }).Diagnostics, d => d.IsError);

        Assert.Equal(PolicyDiagnostics.InvalidPolicyFile.Code, error.Code);
        Assert.Equal((line, column), (error.Location!.Line, error.Location.Column));
        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_in_the_file_is_checked_at_its_line_and_column()
    {
        var goMod = Repository("{\n  \"routes\": {\n    \"git.corp.example/*\": \"ftp://athens.corp.example\"\n  }\n}\n");

        var error = Assert.Single(Resolve([], new GoMirrorOptions { GoModules = [goMod] }).Diagnostics, d => d.IsError);

        Assert.Equal((PolicyDiagnostics.MalformedRouteProxy.Code, 3, 5), (error.Code, error.Location!.Line, error.Location.Column));
    }

    [Fact]
    public void GoMirrorPolicyFile_none_reads_no_file_and_a_missing_named_file_is_an_error()
    {
        var goMod = Repository(Policy);

        var none = Resolve([], new GoMirrorOptions { GoModules = [goMod], PolicyFile = "none" });
        var missing = Resolve([], new GoMirrorOptions { GoModules = [goMod], PolicyFile = _temp.Combine("nowhere", "gomirror.json") });

        Assert.Equal((null, null, SettingSourceKind.Default), (none.PolicyFilePath, none.Profile, none.Proxy.Kind));
        Assert.Empty(none.Routes);
        Assert.Equal(PolicyDiagnostics.PolicyFileNotFound.Code, Assert.Single(missing.Diagnostics, d => d.IsError).Code);
    }

    [Fact]
    public void The_report_names_the_profile_in_policySources_and_lists_the_routes()
    {
        var goMod = Repository(Policy);
        var policy = Resolve(new() { ["CI"] = "true" }, new GoMirrorOptions { GoModules = [goMod] });

        var input = ReportInputAssembler.Build(policy, [], null, null, "test", []);

        var proxy = Assert.Single(input.Policy, s => s.Name == "GOPROXY");
        Assert.Contains("profile 'ci'", proxy.Source, StringComparison.Ordinal);
        Assert.Contains("selected by ciProfile (CI=true)", proxy.Source, StringComparison.Ordinal);
        Assert.Contains("gomirror.json(12,", proxy.Source, StringComparison.Ordinal);
        var profile = Assert.Single(input.Policy, s => s.Name == "GoMirrorProfile");
        Assert.Equal("ci", profile.Value);
        Assert.Equal("https://athens-ci.corp.example", Assert.Single(input.Policy, s => s.Name == "GoMirrorRoute git.corp.example/*").Value);
    }

    [Fact]
    public void A_credential_in_a_route_of_the_committed_file_is_reported_and_never_shown()
    {
        var goMod = Repository("{ \"routes\": { \"git.corp.example/*\": \"https://bob:s3cret@athens.corp.example\" } }");
        var host = new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string> { ["HOME"] = _temp.Path, ["GOENV"] = "off" });
        using var engine = new GoMirrorEngine(new GoMirrorOptions { Host = host, GoModules = [goMod] }, new Prewarm.RecordingLog());

        var check = engine.CheckPolicy();

        var found = Assert.Single(check.Diagnostics, d => d.Code == "GOMIRROR1006");
        Assert.Contains("route 'git.corp.example/*'", found.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(check.Diagnostics, d => d.ToString().Contains("s3cret", StringComparison.Ordinal));
    }

    private string Repository(string policyFile)
    {
        File.WriteAllText(_temp.Combine("gomirror.json"), policyFile);
        var component = _temp.Combine("tools", "agent");
        Directory.CreateDirectory(component);
        File.WriteAllText(Path.Combine(component, "go.mod"), "module example.com/agent\n\ngo 1.19\n");
        return Path.Combine(component, "go.mod");
    }

    private GoMirrorPolicy Resolve(Dictionary<string, string> environment, GoMirrorOptions options)
    {
        var variables = new Dictionary<string, string> { ["HOME"] = _temp.Path, ["GOENV"] = "off" };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, variables), options);
    }
}
