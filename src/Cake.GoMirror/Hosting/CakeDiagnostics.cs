using GoMirror.Core.Diagnostics;

namespace Cake.GoMirror.Hosting;

/// <summary>The codes the Cake addin reports itself (GOMIRROR0800–0899); everything else comes from the engine.</summary>
public static class CakeDiagnostics
{
    /// <summary>A Cake tool setting that only makes sense for a single command line was set; the aliases ignore it.</summary>
    public static readonly DiagnosticDescriptor ToolSettingIgnored = new(
        "GOMIRROR0800",
        DiagnosticSeverity.Warning,
        "Cake tool setting has no effect on the GoMirror aliases",
        "Remove the setting. Go flags go in GoMirrorSettings.Flags (GOFLAGS), environment variables in EnvironmentVariables, the go executable in ToolPath.");
}
