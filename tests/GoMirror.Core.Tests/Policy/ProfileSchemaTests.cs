using System.Text.Json.Nodes;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

/// <summary>docs/schema/gomirror.schema.json and the example in docs/mirrors.md say what the policy file reader reads.</summary>
public sealed class ProfileSchemaTests : IDisposable
{
    private static readonly JsonObject Schema = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("docs", "schema", "gomirror.schema.json")))!.AsObject();
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_example_in_the_docs_reads_without_a_finding()
    {
        var markdown = File.ReadAllText(RepositoryRoot.Combine("docs", "mirrors.md"));
        var profiles = markdown[markdown.IndexOf("## Profiles", StringComparison.Ordinal)..];
        var start = profiles.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var example = profiles[start..profiles.IndexOf("```", start, StringComparison.Ordinal)];
        var diagnostics = new DiagnosticBag();

        var file = PolicyFile.Load(Write(example), diagnostics);

        Assert.Empty(diagnostics.ToList());
        Assert.Equal(["airgapped", "ci", "cn", "dev"], file!.Profiles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("dev", "ci"), (file.DefaultProfile?.Value, file.CiProfile?.Value));
    }

    [Fact]
    public void Every_key_the_schema_allows_is_read_and_the_Go_variables_are_the_policy_variables()
    {
        var defs = Schema["$defs"]!.AsObject();
        var goVariables = defs["goVariables"]!["properties"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(PolicyVariables.All, goVariables);

        var top = Schema["properties"]!.AsObject().ToDictionary(p => p.Key, p => p.Key switch
        {
            "go" => "{ \"GOPROXY\": \"https://a.example\" }",
            "routes" => "{ \"a.example/*\": \"https://a.example\" }",
            "profiles" => "{ \"p\": { " + string.Join(", ", defs["profile"]!["properties"]!.AsObject().Select(k => $"\"{k.Key}\": " + (k.Key switch
            {
                "go" => "{ \"GOFLAGS\": \"-mod=mod\" }",
                "routes" => "{ \"b.example\": \"https://b.example\" }",
                _ => "\"text\"",
            }))) + " } }",
            _ => "\"p\"",
        });
        var diagnostics = new DiagnosticBag();

        var file = PolicyFile.Load(Write("{ " + string.Join(", ", top.Select(t => $"\"{t.Key}\": {t.Value}")) + " }"), diagnostics);

        Assert.Empty(diagnostics.ToList());
        var profile = file!.Profiles["p"];
        Assert.Equal(("-mod=mod", "b.example"), (profile.Go["GOFLAGS"].Value, Assert.Single(profile.Routes).Pattern));
        Assert.Equal("https://a.example", file.Go["GOPROXY"].Value);

        // And a key the schema does not list is refused.
        PolicyFile.Load(Write("{ \"profiles\": { \"p\": { \"env\": {} } } }"), diagnostics);
        Assert.Equal(PolicyDiagnostics.InvalidPolicyFile.Code, Assert.Single(diagnostics.ToList()).Code);
    }

    private string Write(string text)
    {
        var path = _temp.Combine("gomirror.json");
        File.WriteAllText(path, text);
        return path;
    }
}
