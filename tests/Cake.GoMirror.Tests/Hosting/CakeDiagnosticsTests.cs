using Cake.GoMirror.Hosting;
using GoMirror.Testing;

namespace Cake.GoMirror.Tests.Hosting;

public class CakeDiagnosticsTests
{
    [Fact]
    public void Every_addin_code_is_in_its_range_unique_and_documented()
    {
        DiagnosticCatalog.AssertDocumented(typeof(CakeDiagnostics).Assembly);
        Assert.All(DiagnosticCatalog.DescriptorsIn(typeof(CakeDiagnostics).Assembly), d =>
            Assert.InRange(string.CompareOrdinal(d.Code, "GOMIRROR0800"), 0, int.MaxValue));
        Assert.All(DiagnosticCatalog.DescriptorsIn(typeof(CakeDiagnostics).Assembly), d =>
            Assert.InRange(string.CompareOrdinal(d.Code, "GOMIRROR0899"), int.MinValue, 0));
    }
}
