using System.Text.Json.Nodes;

namespace GoMirror.Core.Reports;

/// <summary>
/// <c>gomirror-sbom.cdx.json</c>: a CycloneDX 1.5 JSON SBOM with one <c>library</c> component per module
/// version (purl <c>pkg:golang/&lt;path&gt;@&lt;version&gt;</c>, SHA-256 from the <c>h1:</c> hash, as
/// cyclonedx-gomod does). A module without a hash keeps its component, with a <c>gomirror:noDigestReason</c>
/// property instead of a silent gap. No serial number, and a timestamp only when one is given, unless asked:
/// both would make two SBOMs of the same build differ.
/// </summary>
internal static class CycloneDxWriter
{
    /// <summary>The file name of the SBOM.</summary>
    public const string FileName = "gomirror-sbom.cdx.json";

    /// <summary>Writes the SBOM.</summary>
    /// <param name="report">The report.</param>
    /// <param name="options">Serial number, timestamp and the tool version.</param>
    public static string Write(ReproducibilityReport report, CycloneDxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= new CycloneDxOptions();
        var metadata = new JsonObject
        {
            ["tools"] = new JsonObject
            {
                ["components"] = new JsonArray(new JsonObject
                {
                    ["type"] = "application",
                    ["name"] = "GoMirror.Build",
                    ["version"] = options.ToolVersion,
                }),
            },
            ["properties"] = new JsonArray(
                Property("gomirror:fingerprint", report.Fingerprint),
                Property("gomirror:goVersion", report.Reproducible.GoVersion ?? "unknown")),
        };
        if (options.Timestamp is { } time)
        {
            metadata["timestamp"] = SourceDateEpoch.Format(time);
        }

        var bom = new JsonObject
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.5",
            ["version"] = 1,
            ["metadata"] = metadata,
            ["components"] = new JsonArray([.. Components(report)]),
        };
        if (options.SerialNumber is { } serial)
        {
            bom["serialNumber"] = "urn:uuid:" + serial.ToString("D");
        }

        return JsonText.Pretty(bom);
    }

    private static IEnumerable<JsonObject> Components(ReproducibilityReport report)
    {
        // One component per module version; bom-ref must be unique, so the same version used by several
        // components (or served by several proxies) is listed once, with every go.mod that uses it.
        var groups = report.Reproducible.Components
            .SelectMany(c => c.Modules.Select(m => (c.GoMod, Module: m)))
            .GroupBy(x => (x.Module.Path, x.Module.Version))
            .OrderBy(g => g.Key.Path, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Version, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var purl = ModuleDigest.PackageUrl(group.Key.Path, group.Key.Version);
            var digests = group.Select(x => x.Module.Sha256).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var properties = new JsonArray();
            foreach (var goMod in group.Select(x => x.GoMod).Distinct().Order(StringComparer.Ordinal))
            {
                properties.Add(Property("gomirror:goMod", goMod));
            }

            foreach (var proxy in group.Select(x => x.Module.Proxy).OfType<string>().Distinct().Order(StringComparer.Ordinal))
            {
                properties.Add(Property("gomirror:proxy", proxy));
            }

            foreach (var status in group.Select(x => ReportJson.VerificationName(x.Module.Verification)).Distinct().Order(StringComparer.Ordinal))
            {
                properties.Add(Property("gomirror:verification", status));
            }

            foreach (var reason in group.Where(x => x.Module.Sha256 is null).Select(x => x.Module.NoDigestReason ?? "no hash recorded").Distinct().Order(StringComparer.Ordinal))
            {
                properties.Add(Property("gomirror:noDigestReason", reason));
            }

            if (digests.Count > 1)
            {
                properties.Add(Property("gomirror:conflictingDigests", "the same version was seen with different hashes"));
            }

            var component = new JsonObject
            {
                ["type"] = "library",
                ["bom-ref"] = purl,
                ["name"] = group.Key.Path,
                ["version"] = group.Key.Version,
                ["purl"] = purl,
                ["scope"] = "required",
                ["properties"] = properties,
            };
            if (digests.Count > 0)
            {
                component["hashes"] = new JsonArray([.. digests.Select(d => new JsonObject { ["alg"] = "SHA-256", ["content"] = d })]);
            }

            yield return component;
        }
    }

    private static JsonObject Property(string name, string value) => new() { ["name"] = name, ["value"] = value };
}

/// <summary>Options of the CycloneDX SBOM.</summary>
internal sealed record CycloneDxOptions
{
    /// <summary>The <c>serialNumber</c> (written as <c>urn:uuid:…</c>); none by default, because a random one
    /// makes every SBOM of the same build differ.</summary>
    public Guid? SerialNumber { get; init; }

    /// <summary><c>metadata.timestamp</c>; pass SOURCE_DATE_EPOCH's time, or nothing to leave it out.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The version of GoMirror.Build written as the tool.</summary>
    public string ToolVersion { get; init; } = "0.0.0";
}
