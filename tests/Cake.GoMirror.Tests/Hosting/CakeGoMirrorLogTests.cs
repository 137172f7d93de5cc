using Cake.Core.Diagnostics;
using Cake.GoMirror.Hosting;
using Cake.GoMirror.Tests.Infrastructure;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;

namespace Cake.GoMirror.Tests.Hosting;

public class CakeGoMirrorLogTests
{
    private static readonly DiagnosticDescriptor Descriptor = new("GOMIRROR0001", DiagnosticSeverity.Error, "GOPROXY is malformed", "Fix GOPROXY.");

    [Theory]
    [InlineData(GoMirrorLogLevel.Minimal, Verbosity.Minimal, LogLevel.Information)]
    [InlineData(GoMirrorLogLevel.Normal, Verbosity.Normal, LogLevel.Information)]
    [InlineData(GoMirrorLogLevel.Detailed, Verbosity.Verbose, LogLevel.Verbose)]
    public void Engine_levels_map_to_Cake_verbosity(GoMirrorLogLevel level, Verbosity verbosity, LogLevel logLevel)
    {
        var cake = new FakeCakeLog();

        new CakeGoMirrorLog(cake).Message(level, "pre-warmed 3 modules");

        Assert.Equal(new LoggedLine(verbosity, logLevel, "pre-warmed 3 modules"), Assert.Single(cake.Lines));
    }

    [Fact]
    public void Text_with_braces_reaches_the_log_unchanged()
    {
        var cake = new FakeCakeLog();

        new CakeGoMirrorLog(cake).Message(GoMirrorLogLevel.Normal, "GOFLAGS={0} and {x}");

        Assert.Equal("GOFLAGS={0} and {x}", Assert.Single(cake.Lines).Text);
    }

    [Theory]
    [InlineData(DiagnosticSeverity.Error, Verbosity.Quiet, LogLevel.Error)]
    [InlineData(DiagnosticSeverity.Warning, Verbosity.Minimal, LogLevel.Warning)]
    [InlineData(DiagnosticSeverity.Info, Verbosity.Normal, LogLevel.Information)]
    public void Diagnostics_keep_code_location_and_fix_at_their_severity(DiagnosticSeverity severity, Verbosity verbosity, LogLevel level)
    {
        var cake = new FakeCakeLog();
        var log = new CakeGoMirrorLog(cake);

        log.Diagnostic(Descriptor.Create("GOPROXY 'x y' has a space.", SourceLocation.InFile("/repo/go.env", 4), severity: severity));

        var line = Assert.Single(cake.Lines);
        Assert.Equal((verbosity, level), (line.Verbosity, line.Level));
        Assert.StartsWith("/repo/go.env(4): ", line.Text, StringComparison.Ordinal);
        Assert.Contains("GOMIRROR0001: GOPROXY 'x y' has a space. Fix: Fix GOPROXY.", line.Text, StringComparison.Ordinal);
        Assert.Equal(severity == DiagnosticSeverity.Info, !line.Text.Contains(Descriptor.HelpLink, StringComparison.Ordinal));
        Assert.Equal(severity == DiagnosticSeverity.Error ? 1 : 0, log.Errors.Count);
    }
}
