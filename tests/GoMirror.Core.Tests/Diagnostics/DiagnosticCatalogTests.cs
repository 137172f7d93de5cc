using System.Reflection;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Diagnostics;

public class DiagnosticCatalogTests
{
    [Fact]
    public void Every_core_code_is_unique_and_documented() =>
        DiagnosticCatalog.AssertDocumented(typeof(DiagnosticDescriptor).Assembly);

    // The MSBuild work tasks drop non-error policy findings by category (the policy check showed them): a policy
    // code without it would show twice, another code with it would not show at all.
    [Fact]
    public void The_policy_codes_and_only_they_are_in_the_policy_category()
    {
        var policy = typeof(PolicyDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .Select(d => d.Code)
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(policy);
        Assert.All(DiagnosticCatalog.DescriptorsIn(typeof(DiagnosticDescriptor).Assembly), d =>
            Assert.Equal(policy.Contains(d.Code) ? DiagnosticCategory.Policy : DiagnosticCategory.General, d.Category));
    }

    [Fact]
    public void Diagnostic_text_names_code_location_and_fix()
    {
        var descriptor = new DiagnosticDescriptor("GOMIRROR9999", DiagnosticSeverity.Error, "t", "do this");
        var text = descriptor.Create("bad thing", SourceLocation.InFile("/r/go.sum", 3)).ToString();
        Assert.Equal("/r/go.sum(3): error GOMIRROR9999: bad thing Fix: do this", text);
        Assert.EndsWith("/docs/errors/GOMIRROR9999.md", descriptor.HelpLink, StringComparison.Ordinal);
    }
}
