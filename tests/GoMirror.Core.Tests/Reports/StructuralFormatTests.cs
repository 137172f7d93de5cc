using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GoMirror.Core.Reports;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Reports;

/// <summary>The JUnit and CycloneDX outputs parsed back and checked against what their consumers require.</summary>
public partial class StructuralFormatTests
{
    // Element and attribute names of the common JUnit XML format (testmoapp/junitxml), which GitLab and the
    // GitHub test-reporter actions read.
    private static readonly Dictionary<string, string[]> JUnitAttributes = new()
    {
        ["testsuites"] = ["name", "tests", "failures", "errors", "skipped", "assertions", "time", "timestamp"],
        ["testsuite"] = ["name", "tests", "failures", "errors", "skipped", "assertions", "time", "timestamp", "file"],
        ["properties"] = [],
        ["property"] = ["name", "value"],
        ["testcase"] = ["name", "classname", "assertions", "time", "file", "line"],
        ["skipped"] = ["message"],
        ["failure"] = ["message", "type"],
        ["error"] = ["message", "type"],
        ["system-out"] = [],
        ["system-err"] = [],
    };

    [Fact]
    public void JUnit_uses_only_common_schema_names_and_counts_add_up()
    {
        using var temp = new TempDirectory();
        var report = ReportSamples.Build(temp.Path, "/c");
        var xml = XDocument.Parse(JUnitReportWriter.Write(report));
        foreach (var element in xml.Descendants())
        {
            Assert.True(JUnitAttributes.TryGetValue(element.Name.LocalName, out var allowed), "unknown element " + element.Name);
            foreach (var attribute in element.Attributes())
            {
                Assert.Contains(attribute.Name.LocalName, allowed);
            }
        }

        var root = xml.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        var cases = root.Descendants("testcase").ToList();
        Assert.Equal(report.AllModules.Count(), cases.Count);
        Assert.Equal(cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), root.Attribute("tests")!.Value);
        foreach (var suite in root.Elements("testsuite"))
        {
            Assert.NotNull(suite.Attribute("name"));
            Assert.Equal(suite.Elements("testcase").Count(), int.Parse(suite.Attribute("tests")!.Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(suite.Elements("testcase").Count(c => c.Element("failure") is not null), int.Parse(suite.Attribute("failures")!.Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(suite.Elements("testcase").Count(c => c.Element("skipped") is not null), int.Parse(suite.Attribute("skipped")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        var failure = Assert.Single(root.Descendants("failure"));
        Assert.Equal("example.com/bad@v1.0.0", failure.Parent!.Attribute("name")!.Value);
        Assert.All(cases, c => Assert.NotNull(c.Attribute("classname")));
    }

    [Fact]
    public void JUnit_survives_control_characters_in_messages()
    {
        using var temp = new TempDirectory();
        var builder = new ReportBuilder(temp.Path, new GoMirror.Core.Security.CredentialRedactor());
        var report = builder.Build(new ReportInput
        {
            Components = [new("go.mod", [new("a.example/x", "v1") { NoDigestReason = "bell\u0007 and nul\u0000", Verification = ModuleVerification.NotApplicable }])],
        }, new GoMirror.Core.Diagnostics.DiagnosticBag());
        var xml = XDocument.Parse(JUnitReportWriter.Write(report));
        Assert.Equal("no digest: bell? and nul?", xml.Descendants("skipped").Single().Attribute("message")!.Value);
    }

    [Fact]
    public void CycloneDx_has_the_required_fields_purls_and_sha256_hashes()
    {
        using var temp = new TempDirectory();
        var report = ReportSamples.Build(temp.Path, "/c");
        using var bom = JsonDocument.Parse(CycloneDxWriter.Write(report));
        var root = bom.RootElement;
        Assert.Equal("CycloneDX", root.GetProperty("bomFormat").GetString());
        Assert.Equal("1.5", root.GetProperty("specVersion").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.False(root.TryGetProperty("serialNumber", out _));
        Assert.False(root.GetProperty("metadata").TryGetProperty("timestamp", out _));
        var components = root.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(report.AllModules.Select(m => (m.Path, m.Version)).Distinct().Count(), components.Count);
        Assert.Equal(components.Count, components.Select(c => c.GetProperty("bom-ref").GetString()).Distinct().Count());
        foreach (var c in components)
        {
            Assert.Equal("library", c.GetProperty("type").GetString());
            var purl = c.GetProperty("purl").GetString()!;
            Assert.Equal(ModuleDigest.PackageUrl(c.GetProperty("name").GetString()!, c.GetProperty("version").GetString()!), purl);
            // CycloneDX allows a property name more than once (one gomirror:goMod per component that uses it).
            var properties = c.GetProperty("properties").EnumerateArray().ToLookup(p => p.GetProperty("name").GetString()!, p => p.GetProperty("value").GetString());
            if (c.TryGetProperty("hashes", out var hashes))
            {
                var hash = Assert.Single(hashes.EnumerateArray());
                Assert.Equal("SHA-256", hash.GetProperty("alg").GetString());
                Assert.Matches(Hex64(), hash.GetProperty("content").GetString()!);
                Assert.Empty(properties["gomirror:noDigestReason"]);
            }
            else
            {
                Assert.Equal(["replaced by ../local"], properties["gomirror:noDigestReason"]);
            }
        }
    }

    [Fact]
    public void CycloneDx_serial_number_and_timestamp_only_when_asked()
    {
        using var temp = new TempDirectory();
        var serial = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        using var bom = JsonDocument.Parse(CycloneDxWriter.Write(ReportSamples.Build(temp.Path, "/c"), new CycloneDxOptions { SerialNumber = serial, Timestamp = ReportSamples.FixedTime }));
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", bom.RootElement.GetProperty("serialNumber").GetString()!);
        Assert.Equal("2024-05-06T07:08:09Z", bom.RootElement.GetProperty("metadata").GetProperty("timestamp").GetString());
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Hex64();
}
