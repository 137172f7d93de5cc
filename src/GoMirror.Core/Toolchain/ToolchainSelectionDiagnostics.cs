using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Toolchain;

/// <summary>Diagnostic codes of predicting which toolchain the go command runs (GOMIRROR1200–1219).</summary>
internal static class ToolchainSelectionDiagnostics
{
    /// <summary>GOTOOLCHAIN is a value the go command stops on ("invalid GOTOOLCHAIN").</summary>
    public static readonly DiagnosticDescriptor MalformedGoToolchain = new(
        "GOMIRROR1200",
        DiagnosticSeverity.Error,
        "GOTOOLCHAIN is malformed",
        "Set GOTOOLCHAIN (MSBuild GoMirrorToolchain, Cake Toolchain, --toolchain) to local, auto, path, a toolchain name such as go1.23.5, or a name followed by +auto or +path.");

    /// <summary>A go.mod or go.work <c>toolchain</c> line the go command stops on ("invalid toolchain").</summary>
    public static readonly DiagnosticDescriptor InvalidToolchainLine = new(
        "GOMIRROR1201",
        DiagnosticSeverity.Error,
        "The toolchain line names no Go toolchain",
        "Write the toolchain line as 'toolchain go1.N.P' (for example toolchain go1.23.5) or 'toolchain default', or remove it (go mod edit -toolchain=none).");

    /// <summary>A <c>go 1.N</c> line (N ≥ 22) without a patch: Go 1.21 releases before the fix ask for a toolchain
    /// go1.N, which does not exist (golang/go#62278, #65580).</summary>
    public static readonly DiagnosticDescriptor LanguageVersionGoLine = new(
        "GOMIRROR1202",
        DiagnosticSeverity.Warning,
        "The go line is a language version that older Go 1.21 releases cannot switch to",
        "Write the go line as a release (go 1.22.0 instead of go 1.22: go mod edit -go=1.22.0), or add a toolchain line naming a release (toolchain go1.22.0).");

    /// <summary>A switch would download a toolchain for a platform Go publishes none for.</summary>
    public static readonly DiagnosticDescriptor UnsupportedPlatform = new(
        "GOMIRROR1203",
        DiagnosticSeverity.Warning,
        "Go publishes no toolchain for this GOOS/GOARCH",
        "Install the Go release the component needs and point GoExecutable at it, put it on PATH as goX.Y.Z with GOTOOLCHAIN=path, or set GOTOOLCHAIN=local.");

    /// <summary>GOTOOLCHAIN=path (or +path) asks for a toolchain that is not on PATH ("cannot find ... in PATH").</summary>
    public static readonly DiagnosticDescriptor ToolchainNotOnPath = new(
        "GOMIRROR1204",
        DiagnosticSeverity.Error,
        "GOTOOLCHAIN=path names a toolchain that is not on PATH",
        "Put the toolchain on PATH under its name (go install golang.org/dl/go1.23.5@latest && go1.23.5 download, or a link named go1.23.5 to its bin/go), or use GOTOOLCHAIN=auto to fetch it through the mirror.");

    /// <summary>The switch names a language version (<c>go1.22</c>), which is no downloadable toolchain.</summary>
    public static readonly DiagnosticDescriptor LanguageVersionToolchain = new(
        "GOMIRROR1205",
        DiagnosticSeverity.Error,
        "The toolchain to switch to is a language version, not a release",
        "Name a release: go1.22.0 rather than go1.22, in GOTOOLCHAIN or the toolchain line.");
}
