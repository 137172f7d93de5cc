using GoMirror.Core.Diagnostics;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Diagnostics;

public class DiagnosticCatalogTests
{
    [Fact]
    public void Every_core_code_is_unique_and_documented() =>
        DiagnosticCatalog.AssertDocumented(typeof(DiagnosticDescriptor).Assembly);

    [Fact]
    public void Diagnostic_text_names_code_location_and_fix()
    {
        var descriptor = new DiagnosticDescriptor("GOMIRROR9999", DiagnosticSeverity.Error, "t", "do this");
        var text = descriptor.Create("bad thing", SourceLocation.InFile("/r/go.sum", 3)).ToString();
        Assert.Equal("/r/go.sum(3): error GOMIRROR9999: bad thing Fix: do this", text);
        Assert.EndsWith("/docs/errors/GOMIRROR9999.md", descriptor.HelpLink, StringComparison.Ordinal);
    }
}
