using System.Text.Json.Nodes;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Reports;

/// <summary>
/// The <c>gomirror-report.json</c> format (schema: docs/schema/gomirror-report.schema.json). Optional values
/// that are absent are left out, never written as null, so the canonical form has one spelling per report.
/// </summary>
internal static class ReportJson
{
    /// <summary>The file name of the JSON report.</summary>
    public const string FileName = "gomirror-report.json";

    /// <summary>The report as JSON text (sorted keys, <c>\n</c>, final newline).</summary>
    public static string Write(ReproducibilityReport report) => JsonText.Pretty(ToNode(report));

    /// <summary>The fingerprint of a reproducible part: <c>sha256:</c> and the hex SHA-256 of its canonical JSON.</summary>
    public static string Fingerprint(ReproduciblePart part) => JsonText.Sha256(ReproducibleNode(part));

    /// <summary>The report as a JSON tree.</summary>
    public static JsonObject ToNode(ReproducibilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["schemaVersion"] = report.SchemaVersion,
            ["fingerprint"] = report.Fingerprint,
            ["reproducible"] = ReproducibleNode(report.Reproducible),
            ["resolvedDependencies"] = new JsonArray([.. report.ResolvedDependencies.Select(ResolvedDependencyNode)]),
            ["environment"] = EnvironmentNode(report.Environment, report.Reproducible.Policy),
            ["findings"] = new JsonArray([.. report.Findings.Select(FindingNode)]),
        };
    }

    /// <summary>The reproducible part as a JSON tree: the exact input of the fingerprint.</summary>
    public static JsonObject ReproducibleNode(ReproduciblePart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var node = new JsonObject
        {
            ["policy"] = new JsonArray([.. part.Policy.Select(UsedSettingNode)]),
            ["components"] = new JsonArray([.. part.Components.Select(ComponentNode)]),
        };
        AddIfPresent(node, "goVersion", part.GoVersion);
        return node;
    }

    /// <summary>The JSON spelling of a verification status.</summary>
    public static string VerificationName(ModuleVerification verification) => verification switch
    {
        ModuleVerification.GoSum => "goSum",
        ModuleVerification.ChecksumDatabase => "checksumDatabase",
        ModuleVerification.Mismatch => "mismatch",
        ModuleVerification.NotApplicable => "notApplicable",
        _ => "notVerified",
    };

    /// <summary>The JSON spelling of a severity.</summary>
    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    private static JsonObject SettingNode(PolicySetting setting) => new()
    {
        ["name"] = setting.Name,
        ["value"] = setting.Value,
        ["source"] = setting.Source,
    };

    // What was used, not where it was set: the same policy from MSBuild and from Cake fingerprints the same.
    // The sources are in environment.policySources, one per policy entry, in the same order.
    private static JsonObject UsedSettingNode(PolicySetting setting) => new()
    {
        ["name"] = setting.Name,
        ["value"] = setting.Value,
    };

    private static JsonObject SourceNode(PolicySetting setting) => new()
    {
        ["name"] = setting.Name,
        ["source"] = setting.Source,
    };

    private static JsonObject ComponentNode(ReportComponent component)
    {
        var node = new JsonObject { ["goMod"] = component.GoMod };
        if (component.Members.Count > 0)
        {
            // Only workspaces carry members, so module components keep the shape older readers know.
            node["members"] = new JsonArray([.. component.Members.Select(m => (JsonNode)m)]);
        }

        if (component.Toolchain is { } toolchain)
        {
            var tool = new JsonObject { ["go"] = toolchain.Go, ["foundGo"] = toolchain.FoundGo, ["selection"] = toolchain.Selection };
            AddIfPresent(tool, "module", toolchain.Module);
            AddIfPresent(tool, "hash", toolchain.Hash);
            AddIfPresent(tool, "verification", toolchain.Verification);
            node["toolchain"] = tool;
        }

        node["modules"] = new JsonArray([.. component.Modules.Select(ModuleNode)]);
        return node;
    }

    private static JsonObject ModuleNode(ReportModule module)
    {
        var verification = new JsonObject { ["status"] = VerificationName(module.Verification) };
        AddIfPresent(verification, "detail", module.VerificationDetail);
        var node = new JsonObject
        {
            ["path"] = module.Path,
            ["version"] = module.Version,
            ["verification"] = verification,
        };
        AddIfPresent(node, "sum", module.Sum);
        AddIfPresent(node, "goModSum", module.GoModSum);
        AddIfPresent(node, "proxy", module.Proxy);
        AddIfPresent(node, "route", module.Route);
        if (module.Sha256 is not null)
        {
            node["digest"] = new JsonObject { ["sha256"] = module.Sha256 };
        }

        AddIfPresent(node, "noDigestReason", module.NoDigestReason);
        return node;
    }

    private static JsonObject ResolvedDependencyNode(ResolvedDependency dependency)
    {
        var node = new JsonObject
        {
            ["uri"] = dependency.Uri,
            ["name"] = dependency.Name,
            ["digest"] = dependency.Sha256 is null ? new JsonObject() : new JsonObject { ["sha256"] = dependency.Sha256 },
            ["annotations"] = new JsonObject([.. dependency.Annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]),
        };
        return node;
    }

    private static JsonObject EnvironmentNode(ReportEnvironment environment, IReadOnlyList<PolicySetting> policy)
    {
        var node = new JsonObject
        {
            ["policySources"] = new JsonArray([.. policy.Select(SourceNode)]),
            ["timings"] = new JsonArray([.. environment.Timings.Select(t => new JsonObject
            {
                ["name"] = t.Name,
                ["milliseconds"] = (long)Math.Round(t.Duration.TotalMilliseconds, MidpointRounding.AwayFromZero),
            })]),
            ["cache"] = new JsonObject { ["hits"] = environment.CacheHits, ["misses"] = environment.CacheMisses },
            ["locations"] = new JsonArray([.. environment.Locations.Select(SettingNode)]),
        };
        if (environment.ModuleSets.Count > 0)
        {
            // Only runs with module sets carry them, so other reports keep the shape older readers know.
            node["moduleSets"] = new JsonArray([.. environment.ModuleSets.Select(m => (JsonNode)new JsonObject
            {
                ["goMod"] = m.GoMod,
                ["package"] = m.Package,
                ["version"] = m.Version,
                ["feed"] = m.Feed,
                ["outcome"] = m.Outcome,
                ["modules"] = new JsonArray([.. m.Modules.Select(x => (JsonNode)x)]),
            })]);
        }

        AddIfPresent(node, "host", environment.Host);
        AddIfPresent(node, "os", environment.OperatingSystem);
        AddIfPresent(node, "architecture", environment.Architecture);
        AddIfPresent(node, "ciProvider", environment.CiProvider);
        AddIfPresent(node, "runId", environment.RunId);
        AddIfPresent(node, "job", environment.Job);
        AddIfPresent(node, "tool", environment.Tool);
        if (environment.GeneratedAt is { } time)
        {
            node["generatedAt"] = SourceDateEpoch.Format(time);
        }

        return node;
    }

    private static JsonObject FindingNode(ReportFinding finding)
    {
        var node = new JsonObject
        {
            ["code"] = finding.Code,
            ["severity"] = SeverityName(finding.Severity),
            ["message"] = finding.Message,
            ["fix"] = finding.Fix,
            ["helpLink"] = finding.HelpLink,
        };
        if (finding.Path is not null)
        {
            var location = new JsonObject { ["path"] = finding.Path, ["isFile"] = finding.IsFile };
            if (finding.Line > 0)
            {
                location["line"] = finding.Line;
            }

            if (finding.Column > 0)
            {
                location["column"] = finding.Column;
            }

            node["location"] = location;
        }

        return node;
    }

    private static void AddIfPresent(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }
}
