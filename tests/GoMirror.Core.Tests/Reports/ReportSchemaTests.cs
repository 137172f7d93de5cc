using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GoMirror.Core.Reports;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Reports;

/// <summary>The published JSON Schema must describe what the writer writes. No JSON Schema package is
/// allowed here, so a small validator covers exactly the keywords docs/schema uses (and fails on any other).</summary>
public class ReportSchemaTests
{
    private static readonly JsonObject Schema = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("docs", "schema", "gomirror-report.schema.json")))!.AsObject();

    [Fact]
    public void Written_report_validates_against_the_schema()
    {
        using var temp = new TempDirectory();
        var report = ReportSamples.Build(temp.Path, "/c");
        var errors = new List<string>();
        Validate(JsonNode.Parse(ReportJson.Write(report)), Schema, "$", errors);
        Assert.Empty(errors);
    }

    [Fact]
    public void Schema_rejects_a_module_with_both_digest_and_reason_and_unknown_fields()
    {
        using var temp = new TempDirectory();
        var node = JsonNode.Parse(ReportJson.Write(ReportSamples.Build(temp.Path, "/c")))!;
        node["reproducible"]!["components"]![0]!["modules"]![0]!["noDigestReason"] = "x";
        node["surprise"] = 1;
        var errors = new List<string>();
        Validate(node, Schema, "$", errors);
        Assert.Contains(errors, e => e.StartsWith("$.reproducible.components[0].modules[0]: oneOf", StringComparison.Ordinal));
        Assert.Contains("$: unexpected property surprise", errors);
    }

    private static void Validate(JsonNode? value, JsonObject schema, string at, List<string> errors)
    {
        foreach (var (keyword, argument) in schema)
        {
            switch (keyword)
            {
                case "$schema" or "$id" or "title" or "description" or "$defs":
                    break;
                case "$ref":
                    var name = argument!.GetValue<string>().Replace("#/$defs/", string.Empty, StringComparison.Ordinal);
                    Validate(value, Schema["$defs"]![name]!.AsObject(), at, errors);
                    break;
                case "type":
                    var kind = value?.GetValueKind() ?? JsonValueKind.Null;
                    var ok = argument!.GetValue<string>() switch
                    {
                        "object" => kind == JsonValueKind.Object,
                        "array" => kind == JsonValueKind.Array,
                        "string" => kind == JsonValueKind.String,
                        "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
                        "integer" => kind == JsonValueKind.Number && long.TryParse(value!.ToJsonString(), out _),
                        var other => throw new InvalidOperationException("validator does not know type " + other),
                    };
                    if (!ok)
                    {
                        errors.Add($"{at}: not {argument}");
                    }

                    break;
                case "const":
                    if (!JsonNode.DeepEquals(value, argument))
                    {
                        errors.Add($"{at}: not {argument!.ToJsonString()}");
                    }

                    break;
                case "enum":
                    if (!argument!.AsArray().Any(a => JsonNode.DeepEquals(a, value)))
                    {
                        errors.Add($"{at}: {value?.ToJsonString()} not in enum");
                    }

                    break;
                case "pattern":
                    if (value?.GetValueKind() == JsonValueKind.String && !Regex.IsMatch(value.GetValue<string>(), argument!.GetValue<string>()))
                    {
                        errors.Add($"{at}: does not match {argument}");
                    }

                    break;
                case "minimum":
                    if (value?.GetValueKind() == JsonValueKind.Number && value.GetValue<long>() < argument!.GetValue<long>())
                    {
                        errors.Add($"{at}: below {argument}");
                    }

                    break;
                case "required":
                    foreach (var property in argument!.AsArray().Select(p => p!.GetValue<string>()))
                    {
                        if (value is JsonObject obj && !obj.ContainsKey(property))
                        {
                            errors.Add($"{at}: missing {property}");
                        }
                    }

                    break;
                case "properties":
                    if (value is JsonObject target)
                    {
                        foreach (var (property, child) in target)
                        {
                            if (argument![property] is JsonObject propertySchema)
                            {
                                Validate(child, propertySchema, at + "." + property, errors);
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    if (value is JsonObject checkedObject && argument!.GetValue<bool>() == false)
                    {
                        foreach (var property in checkedObject.Select(p => p.Key).Where(p => schema["properties"]?[p] is null))
                        {
                            errors.Add($"{at}: unexpected property {property}");
                        }
                    }

                    break;
                case "items":
                    if (value is JsonArray array)
                    {
                        for (var i = 0; i < array.Count; i++)
                        {
                            Validate(array[i], argument!.AsObject(), $"{at}[{i}]", errors);
                        }
                    }

                    break;
                case "oneOf":
                    var matches = argument!.AsArray().Count(option =>
                    {
                        var sub = new List<string>();
                        Validate(value, option!.AsObject(), at, sub);
                        return sub.Count == 0;
                    });
                    if (matches != 1)
                    {
                        errors.Add($"{at}: oneOf matched {matches} options");
                    }

                    break;
                case "not":
                    var inner = new List<string>();
                    Validate(value, argument!.AsObject(), at, inner);
                    if (inner.Count == 0)
                    {
                        errors.Add($"{at}: matches a 'not' schema");
                    }

                    break;
                default:
                    throw new InvalidOperationException("validator does not know keyword " + keyword);
            }
        }
    }
}
