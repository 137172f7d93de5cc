using System.Reflection;
using System.Text.RegularExpressions;
using GoMirror.Core.Diagnostics;
using Xunit;

namespace GoMirror.Testing;

/// <summary>
/// Checks the diagnostic codes an assembly declares: the <c>GOMIRRORnnnn</c> shape, uniqueness, a page
/// under <c>docs/errors/</c>, and a row in <c>docs/errors.md</c>.
/// </summary>
public static partial class DiagnosticCatalog
{
    /// <summary>Every <see cref="DiagnosticDescriptor"/> declared as a public static field of any type (public or internal) in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> DescriptorsIn(Assembly assembly) =>
        [.. assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)];

    /// <summary>Fails unless every code in <paramref name="assembly"/> is well formed, unique and documented.</summary>
    public static void AssertDocumented(Assembly assembly)
    {
        var descriptors = DescriptorsIn(assembly);
        Assert.NotEmpty(descriptors);
        var index = File.ReadAllText(RepositoryRoot.Combine("docs", "errors.md"));
        var problems = new List<string>();
        foreach (var group in descriptors.GroupBy(d => d.Code).Where(g => g.Count() > 1))
        {
            problems.Add($"{group.Key} is declared {group.Count()} times");
        }

        foreach (var d in descriptors)
        {
            if (!CodeShape().IsMatch(d.Code))
            {
                problems.Add($"{d.Code} is not GOMIRROR followed by four digits");
            }

            if (string.IsNullOrWhiteSpace(d.Title) || string.IsNullOrWhiteSpace(d.Fix))
            {
                problems.Add($"{d.Code} has no title or fix");
            }

            if (!File.Exists(RepositoryRoot.Combine("docs", "errors", d.Code + ".md")))
            {
                problems.Add($"{d.Code} has no page docs/errors/{d.Code}.md");
            }

            if (!index.Contains($"[{d.Code}](errors/{d.Code}.md)", StringComparison.Ordinal))
            {
                problems.Add($"{d.Code} is not listed in docs/errors.md as [{d.Code}](errors/{d.Code}.md)");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [GeneratedRegex("^GOMIRROR[0-9]{4}$")]
    private static partial Regex CodeShape();
}
