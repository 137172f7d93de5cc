using GoMirror.Core.Diagnostics;

namespace GoMirror.Tool.Hosting;

/// <summary>The module set code the tool reports itself (in the module sets' range, GOMIRROR1100–1129).</summary>
internal static class ModuleSetToolDiagnostics
{
    /// <summary>No .NET SDK was found to load NuGet's assemblies from, so no feed can be used.</summary>
    public static readonly DiagnosticDescriptor NuGetNotFound = new(
        "GOMIRROR1111",
        DiagnosticSeverity.Error,
        "NuGet's assemblies were not found for module sets",
        "Run gomirror where the .NET SDK that installed it is on PATH (or DOTNET_ROOT names it): module set verbs and options load NuGet from that SDK.");
}
