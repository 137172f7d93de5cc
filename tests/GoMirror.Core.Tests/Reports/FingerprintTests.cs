using System.Text.Json.Nodes;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Core.Reports;
using GoMirror.Core.Security;
using GoMirror.Core.Settings;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Reports;

public class FingerprintTests
{
    [Fact]
    public void Same_inputs_in_other_folders_caches_time_zones_and_credentials_give_the_same_fingerprint()
    {
        using var one = new TempDirectory("repo-a");
        using var two = new TempDirectory("other-checkout");
        var a = ReportSamples.Build(one.Path, "/home/a/go/pkg/mod", "alice:" + ReportSamples.Secret, ReportSamples.FixedTime);
        var b = ReportSamples.Build(
            Path.Combine(two.Path, "deeper", "clone") + Path.DirectorySeparatorChar,
            "/mnt/cache/gomod",
            "bob:another-Pa55word",
            // The same instant seen from another time zone, and a later run.
            ReportSamples.FixedTime.ToOffset(TimeSpan.FromHours(-7)).AddHours(5));

        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.Equal(ReportJson.Write(a with { Environment = b.Environment }), ReportJson.Write(b));
        Assert.NotEqual(a.Environment.Locations.Single().Value, b.Environment.Locations.Single().Value);
    }

    [Fact]
    public void The_same_policy_from_MSBuild_and_from_Cake_fingerprints_the_same_and_keeps_its_source()
    {
        using var temp = new TempDirectory();
        var input = ReportSamples.Input(temp.Path, "/c");
        var builder = new ReportBuilder(temp.Path, new CredentialRedactor());

        // The labels are the hosts' own (MSBuildEngineLog.PropertyDescriptionPrefix and
        // GoMirrorOptionsFactory.SettingDescriptionPrefix); both hosts map through the same table.
        ReproducibilityReport Through(Func<GoMirrorSetting, string> label)
        {
            var values = new (string Property, string Value)[] { ("GoMirrorProxy", "https://goproxy.example,direct"), ("GoMirrorPrivate", "corp.example"), ("GoMirrorSumDb", "off") }
                .Select(v => (Setting: SettingTable.ByMSBuildProperty(v.Property)!, v.Value))
                .Select(v => new SettingValue(v.Setting, v.Value, new SourceLocation(label(v.Setting))));
            var problems = new List<Diagnostic>();
            var options = SettingTable.ToOptions(new GoMirrorOptions(), values, problems);
            Assert.Empty(problems);
            var policy = GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string> { ["GOMODCACHE"] = "/c" }), options.PolicySettings);
            var settings = policy.Settings.Select(s => new PolicySetting(s.Name, s.Value, s.Location.ToString())).ToList();
            return builder.Build(input with { Policy = settings }, new DiagnosticBag());
        }

        var msbuild = Through(s => "MSBuild property " + s.MSBuildProperty);
        var cake = Through(s => "Cake setting GoMirrorSettings." + s.CakeSetting);

        Assert.Equal(msbuild.Fingerprint, cake.Fingerprint);
        var written = JsonNode.Parse(ReportJson.Write(cake))!;
        Assert.Equal(JsonNode.Parse(ReportJson.Write(msbuild))!["reproducible"]!.ToJsonString(), written["reproducible"]!.ToJsonString());
        var sources = written["environment"]!["policySources"]!.AsArray().Select(n => (n!["name"]!.GetValue<string>(), n["source"]!.GetValue<string>())).ToList();
        Assert.Contains(("GOPROXY", "Cake setting GoMirrorSettings.Proxy"), sources);
        Assert.Contains(("GOPROXY", "MSBuild property GoMirrorProxy"), msbuild.Reproducible.Policy.Select(p => (p.Name, p.Source)));

        // Read back, each source is where it was set, and the fingerprint still checks.
        var read = ReportJsonReader.Read(ReportJson.Write(cake), "cake.json", new DiagnosticBag())!;
        Assert.Equal(cake.Reproducible.Policy, read.Reproducible.Policy);
        Assert.NotEqual(msbuild.Reproducible.Policy, read.Reproducible.Policy);
    }

    [Fact]
    public void Time_zone_of_a_time_does_not_change_how_it_is_written()
    {
        var utc = SourceDateEpoch.Format(ReportSamples.FixedTime);
        Assert.Equal("2024-05-06T07:08:09Z", utc);
        Assert.Equal(utc, SourceDateEpoch.Format(ReportSamples.FixedTime.ToOffset(TimeSpan.FromHours(9.5))));
    }

    [Fact]
    public void A_changed_module_hash_changes_the_fingerprint()
    {
        using var temp = new TempDirectory();
        var a = ReportSamples.Build(temp.Path, "/c");
        var b = ReportSamples.Build(temp.Path, "/c", zipSeed: "text-zip-retagged");
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
    }

    [Fact]
    public void Findings_and_environment_are_not_fingerprinted_but_policy_is()
    {
        using var temp = new TempDirectory();
        var input = ReportSamples.Input(temp.Path, "/c");
        var builder = new ReportBuilder(temp.Path, new CredentialRedactor());
        var baseline = builder.Build(input, new DiagnosticBag());
        var quieter = builder.Build(input with { Findings = [], Environment = new ReportEnvironment { Host = "elsewhere" } }, new DiagnosticBag());
        var otherPolicy = builder.Build(input with { Policy = [.. input.Policy, new PolicySetting("GOINSECURE", "corp.example", "default")] }, new DiagnosticBag());
        Assert.Equal(baseline.Fingerprint, quieter.Fingerprint);
        Assert.NotEqual(baseline.Fingerprint, otherPolicy.Fingerprint);
    }

    [Fact]
    public void Input_order_does_not_matter()
    {
        using var temp = new TempDirectory();
        var input = ReportSamples.Input(temp.Path, "/c");
        var shuffled = input with
        {
            Policy = [.. input.Policy.Reverse()],
            Components = [.. input.Components.Reverse().Select(c => c with { Modules = [.. c.Modules.Reverse()] })],
        };
        var builder = new ReportBuilder(temp.Path, new CredentialRedactor());
        Assert.Equal(
            ReportJson.Write(builder.Build(input, new DiagnosticBag())),
            ReportJson.Write(builder.Build(shuffled, new DiagnosticBag())));
    }

    [Fact]
    public void Fingerprint_is_sha256_of_the_canonical_reproducible_part()
    {
        using var temp = new TempDirectory();
        var report = ReportSamples.Build(temp.Path, "/c");
        var written = JsonNode.Parse(ReportJson.Write(report))!["reproducible"];
        var canonical = JsonText.Canonical(written);
        Assert.DoesNotContain(' ', canonical.Replace("' uses", string.Empty, StringComparison.Ordinal).Split('"').Where((_, i) => i % 2 == 0).Aggregate(string.Concat));
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonText.Utf8NoBom.GetBytes(canonical)));
        Assert.Equal("sha256:" + hex, report.Fingerprint);
    }

    [Fact]
    public void Canonical_form_sorts_keys_and_escapes_minimally()
    {
        var node = new JsonObject { ["b"] = "x\"\\\n\u0001é+/", ["a"] = new JsonArray(2, true, null), ["B"] = 1 };
        Assert.Equal("{\"B\":1,\"a\":[2,true,null],\"b\":\"x\\\"\\\\\\n\\u0001é+/\"}", JsonText.Canonical(node));
    }
}
