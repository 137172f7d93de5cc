using GoMirror.Core.Engine;

namespace GoMirror.Core.Tests;

/// <summary>
/// GoMirror.Core ships inside the MSBuild package, the Cake addin and the tool, so each public type is a
/// promise: only what a host (MSBuild task, Cake alias, CLI command) needs is public, the rest is internal.
/// </summary>
public class PublicSurfaceTests
{
    private const int Limit = 60;

    // The public types, sorted. A type added to or removed from the surface changes this list, so the change
    // shows in review: make a new engine type internal unless a host needs it.
    private static readonly string[] Expected =
    [
        "GoMirror.Core.Diagnostics.Diagnostic",
        "GoMirror.Core.Diagnostics.DiagnosticBag",
        "GoMirror.Core.Diagnostics.DiagnosticCategory",
        "GoMirror.Core.Diagnostics.DiagnosticDescriptor",
        "GoMirror.Core.Diagnostics.DiagnosticSeverity",
        "GoMirror.Core.Diagnostics.SourceLocation",
        "GoMirror.Core.Discovery.GoModuleDiscovery",
        "GoMirror.Core.Engine.GoMirrorEngine",
        "GoMirror.Core.Engine.GoMirrorLogLevel",
        "GoMirror.Core.Engine.GoMirrorOptions",
        "GoMirror.Core.Engine.IGoMirrorLog",
        "GoMirror.Core.Engine.PackStepResult",
        "GoMirror.Core.Engine.PolicyCheckResult",
        "GoMirror.Core.Engine.ReportStepResult",
        "GoMirror.Core.Engine.StepResult",
        "GoMirror.Core.Policy.GoHostOS",
        "GoMirror.Core.Policy.GoMirrorPolicy",
        "GoMirror.Core.Policy.GoPolicyHost",
        "GoMirror.Core.Policy.PolicyExplanation",
        "GoMirror.Core.Policy.PolicyVariables",
        "GoMirror.Core.Policy.ResolvedSetting",
        "GoMirror.Core.Policy.SettingExplanation",
        "GoMirror.Core.Policy.SettingSourceKind",
        "GoMirror.Core.Probe.MirrorProbe",
        "GoMirror.Core.Probe.MirrorProbeOptions",
        "GoMirror.Core.Probe.MirrorProbeResult",
        "GoMirror.Core.Probe.ProbeLatency",
        "GoMirror.Core.Probe.ProbeProgress",
        "GoMirror.Core.Probe.ProbedMirror",
        "GoMirror.Core.Reports.DriftAnalyzer",
        "GoMirror.Core.Reports.DriftFinding",
        "GoMirror.Core.Reports.DriftKind",
        "GoMirror.Core.Reports.DriftResult",
        "GoMirror.Core.Reports.ReportComparison",
        "GoMirror.Core.Reports.ReportFormats",
        "GoMirror.Core.Security.CredentialRedactor",
        "GoMirror.Core.Settings.GoMirrorSetting",
        "GoMirror.Core.Settings.SettingTable",
        "GoMirror.Core.Settings.SettingValue",
    ];

    private static List<string> PublicTypes() =>
        [.. typeof(GoMirrorEngine).Assembly.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal)];

    [Fact]
    public void At_most_sixty_types_are_public()
    {
        var types = PublicTypes();
        Assert.True(types.Count <= Limit, $"GoMirror.Core has {types.Count} public types, more than {Limit}:{Environment.NewLine}{string.Join(Environment.NewLine, types)}");
    }

    [Fact]
    public void The_public_types_are_the_listed_ones()
    {
        var types = PublicTypes();
        var added = types.Except(Expected, StringComparer.Ordinal).ToList();
        var removed = Expected.Except(types, StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0 && removed.Count == 0,
            $"The public surface changed. Newly public: {string.Join(", ", added)}. No longer public: {string.Join(", ", removed)}. "
            + "Make a type public only when a host needs it, and update the list in PublicSurfaceTests.");
    }
}
