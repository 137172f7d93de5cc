using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Reports;

/// <summary>
/// Reads a <c>gomirror-report.json</c> back (a baseline for drift). The fingerprint is recomputed: a report
/// whose content no longer matches its fingerprint was edited or damaged and is rejected.
/// </summary>
internal static class ReportJsonReader
{
    /// <summary>Reads the report at <paramref name="path"/>; <see langword="null"/> (with a diagnostic) when
    /// it is missing, malformed, tampered with or of an unknown schema version.</summary>
    public static ReproducibilityReport? ReadFile(string path, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!File.Exists(path))
        {
            diagnostics.Add(ReportDiagnostics.BaselineNotFound.Create(
                $"The baseline report '{path}' does not exist; drift was not checked.", new SourceLocation(path)));
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path, JsonText.Utf8NoBom);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(ReportDiagnostics.BaselineMalformed.Create(
                $"The baseline report '{path}' cannot be read: {e.Message}", SourceLocation.InFile(path)));
            return null;
        }

        return Read(text, path, diagnostics);
    }

    /// <summary>Reads report JSON text; <paramref name="source"/> names it in diagnostics.</summary>
    public static ReproducibilityReport? Read(string json, string source, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(diagnostics);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException("the top level is not a JSON object");
        }
        catch (JsonException e)
        {
            diagnostics.Add(ReportDiagnostics.BaselineMalformed.Create(
                $"'{source}' is not valid JSON: {e.Message}",
                SourceLocation.InFile(source, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1)));
            return null;
        }
        catch (InvalidDataException e)
        {
            diagnostics.Add(ReportDiagnostics.BaselineMalformed.Create($"'{source}': {e.Message}.", SourceLocation.InFile(source)));
            return null;
        }

        try
        {
            var version = Integer(root, "schemaVersion", "$");
            if (version != ReproducibilityReport.CurrentSchemaVersion)
            {
                diagnostics.Add(ReportDiagnostics.BaselineSchemaUnsupported.Create(
                    $"'{source}' has schemaVersion {version}; this GoMirror.Build reads schemaVersion {ReproducibilityReport.CurrentSchemaVersion}.",
                    SourceLocation.InFile(source)));
                return null;
            }

            var fingerprint = RequiredString(root, "fingerprint", "$");
            var environment = root["environment"] as JsonObject;
            var reproducible = ReadReproducible(RequiredObject(root, "reproducible", "$"), environment?["policySources"] as JsonArray);
            var actual = ReportJson.Fingerprint(reproducible);
            if (!string.Equals(actual, fingerprint, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"its fingerprint {fingerprint} does not match its content ({actual}): the file was edited or damaged");
            }

            return new ReproducibilityReport
            {
                SchemaVersion = (int)version,
                Fingerprint = fingerprint,
                Reproducible = reproducible,
                Environment = environment is null ? new ReportEnvironment() : ReadEnvironment(environment),
                Findings = root["findings"] is JsonArray findings ? [.. findings.Select((f, i) => ReadFinding(AsObject(f, $"$.findings[{i}]"), $"$.findings[{i}]"))] : [],
            };
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FormatException or ArgumentException)
        {
            diagnostics.Add(ReportDiagnostics.BaselineMalformed.Create($"'{source}': {e.Message}.", SourceLocation.InFile(source)));
            return null;
        }
    }

    private static ReproduciblePart ReadReproducible(JsonObject node, JsonArray? sources) => new(
        OptionalString(node, "goVersion", "$.reproducible"),
        [.. RequiredArray(node, "policy", "$.reproducible").Select((s, i) => ReadUsedSetting(AsObject(s, $"$.reproducible.policy[{i}]"), $"$.reproducible.policy[{i}]", sources, i))],
        [.. RequiredArray(node, "components", "$.reproducible").Select((c, i) => ReadComponent(AsObject(c, $"$.reproducible.components[{i}]"), $"$.reproducible.components[{i}]"))]);

    // A policy entry and its source, kept outside the fingerprinted part at the same index.
    private static PolicySetting ReadUsedSetting(JsonObject node, string at, JsonArray? sources, int index)
    {
        var name = RequiredString(node, "name", at);
        var sourceAt = $"$.environment.policySources[{index}]";
        var source = sources is not null && index < sources.Count ? AsObject(sources[index], sourceAt) : throw new InvalidDataException(sourceAt + " is missing");
        if (!string.Equals(RequiredString(source, "name", sourceAt), name, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{sourceAt} names another setting than {at}");
        }

        return new(name, RequiredString(node, "value", at), RequiredString(source, "source", sourceAt));
    }

    private static PolicySetting ReadSetting(JsonObject node, string at) =>
        new(RequiredString(node, "name", at), RequiredString(node, "value", at), RequiredString(node, "source", at));

    private static ReportComponent ReadComponent(JsonObject node, string at) => new(
        RequiredString(node, "goMod", at),
        [.. RequiredArray(node, "modules", at).Select((m, i) => ReadModule(AsObject(m, $"{at}.modules[{i}]"), $"{at}.modules[{i}]"))])
    {
        Members = node["members"] is JsonArray members
            ? [.. members.Select((m, i) => m is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new InvalidDataException($"{at}.members[{i}] is not a string"))]
            : [],
        Toolchain = node["toolchain"] is JsonObject toolchain
            ? new ReportToolchain(
                RequiredString(toolchain, "go", at + ".toolchain"),
                RequiredString(toolchain, "foundGo", at + ".toolchain"),
                RequiredString(toolchain, "selection", at + ".toolchain"),
                OptionalString(toolchain, "module", at + ".toolchain"))
            {
                Hash = OptionalString(toolchain, "hash", at + ".toolchain"),
                Verification = OptionalString(toolchain, "verification", at + ".toolchain"),
            }
            : null,
    };

    private static ReportModule ReadModule(JsonObject node, string at)
    {
        var verification = RequiredObject(node, "verification", at);
        var status = RequiredString(verification, "status", at + ".verification");
        var parsed = Enum.GetValues<ModuleVerification>().Where(v => ReportJson.VerificationName(v) == status).ToArray();
        if (parsed.Length != 1)
        {
            throw new InvalidDataException($"{at}.verification.status '{status}' is not a known verification status");
        }

        var digest = node["digest"] as JsonObject;
        return new ReportModule(
            RequiredString(node, "path", at),
            RequiredString(node, "version", at),
            OptionalString(node, "sum", at),
            OptionalString(node, "goModSum", at),
            parsed[0],
            OptionalString(verification, "detail", at + ".verification"),
            OptionalString(node, "proxy", at),
            digest is null ? null : RequiredString(digest, "sha256", at + ".digest"),
            OptionalString(node, "noDigestReason", at))
        {
            Route = OptionalString(node, "route", at),
        };
    }

    private static ReportEnvironment ReadEnvironment(JsonObject node)
    {
        const string at = "$.environment";
        var cache = node["cache"] as JsonObject;
        var generated = OptionalString(node, "generatedAt", at);
        return new ReportEnvironment
        {
            Host = OptionalString(node, "host", at),
            OperatingSystem = OptionalString(node, "os", at),
            Architecture = OptionalString(node, "architecture", at),
            CiProvider = OptionalString(node, "ciProvider", at),
            RunId = OptionalString(node, "runId", at),
            Job = OptionalString(node, "job", at),
            Tool = OptionalString(node, "tool", at),
            GeneratedAt = generated is null ? null : DateTimeOffset.Parse(generated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            Timings = node["timings"] is JsonArray timings
                ? [.. timings.Select((t, i) => AsObject(t, $"{at}.timings[{i}]")).Select((t, i) => new ReportTiming(RequiredString(t, "name", $"{at}.timings[{i}]"), TimeSpan.FromMilliseconds(Integer(t, "milliseconds", $"{at}.timings[{i}]"))))]
                : [],
            CacheHits = cache is null ? 0 : (int)Integer(cache, "hits", at + ".cache"),
            CacheMisses = cache is null ? 0 : (int)Integer(cache, "misses", at + ".cache"),
            Locations = node["locations"] is JsonArray locations
                ? [.. locations.Select((s, i) => ReadSetting(AsObject(s, $"{at}.locations[{i}]"), $"{at}.locations[{i}]"))]
                : [],
        };
    }

    private static ReportFinding ReadFinding(JsonObject node, string at)
    {
        var severity = RequiredString(node, "severity", at) switch
        {
            "error" => DiagnosticSeverity.Error,
            "warning" => DiagnosticSeverity.Warning,
            "info" => DiagnosticSeverity.Info,
            var other => throw new InvalidDataException($"{at}.severity '{other}' is not error, warning or info"),
        };
        var location = node["location"] as JsonObject;
        return new ReportFinding(
            RequiredString(node, "code", at),
            severity,
            RequiredString(node, "message", at),
            RequiredString(node, "fix", at),
            location is null ? null : RequiredString(location, "path", at + ".location"),
            location?["line"] is null ? 0 : (int)Integer(location, "line", at + ".location"),
            location?["column"] is null ? 0 : (int)Integer(location, "column", at + ".location"),
            location?["isFile"]?.GetValue<bool>() ?? false);
    }

    private static JsonObject AsObject(JsonNode? node, string at) =>
        node as JsonObject ?? throw new InvalidDataException($"{at} is not a JSON object");

    private static JsonObject RequiredObject(JsonObject node, string name, string at) =>
        node[name] as JsonObject ?? throw new InvalidDataException($"{at}.{name} is missing or not an object");

    private static JsonArray RequiredArray(JsonObject node, string name, string at) =>
        node[name] as JsonArray ?? throw new InvalidDataException($"{at}.{name} is missing or not an array");

    private static string RequiredString(JsonObject node, string name, string at) =>
        OptionalString(node, name, at) ?? throw new InvalidDataException($"{at}.{name} is missing");

    private static string? OptionalString(JsonObject node, string name, string at) => node[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new InvalidDataException($"{at}.{name} is not a string"),
    };

    private static long Integer(JsonObject node, string name, string at) => node[name] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) => number,
        _ => throw new InvalidDataException($"{at}.{name} is missing or not an integer"),
    };
}
