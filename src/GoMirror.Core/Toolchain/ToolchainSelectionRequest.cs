using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Toolchain;

/// <summary>
/// Everything the go command reads to choose its toolchain, as the go process started in
/// <see cref="WorkingDirectory"/> would see it. <see cref="ToolchainSelector.Select(GoMod.GoComponent, Policy.GoMirrorPolicy, GoCommand.GoToolchainInfo, IReadOnlyDictionary{string, string})"/>
/// fills it from a component, the policy and the Go found; tests fill it directly.
/// </summary>
internal sealed record ToolchainSelectionRequest
{
    /// <summary>GOTOOLCHAIN as the go command resolves it (environment, else its env file, else <c>$GOROOT/go.env</c>);
    /// empty when nothing sets it (Go then selects nothing and runs itself).</summary>
    public required string GoToolchain { get; init; }

    /// <summary>Where GOTOOLCHAIN was set, for diagnostics.</summary>
    public SourceLocation GoToolchainLocation { get; init; } = new("GOTOOLCHAIN");

    /// <summary>The found Go's toolchain name as <c>runtime.Version()</c> says it (<c>go1.21.13</c>).</summary>
    public required string LocalToolchain { get; init; }

    /// <summary>The found Go's GOOS (<c>linux</c>), which names the toolchain module.</summary>
    public required string GoOs { get; init; }

    /// <summary>The found Go's GOARCH (<c>amd64</c>).</summary>
    public required string GoArch { get; init; }

    /// <summary>The folder the go command runs in: the component's.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>GOWORK as the go command sees it; null or empty searches for go.work upwards.</summary>
    public string? GoWork { get; init; }

    /// <summary>The found Go's GOROOT: the go.work search does not cross it.</summary>
    public string? GoRoot { get; init; }

    /// <summary>The temporary folder (<c>os.TempDir()</c>): a go.mod right in it is not a module root.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>PATH of the go process, searched for a toolchain by name before any download.</summary>
    public string? SearchPath { get; init; }

    /// <summary>PATHEXT of the go process (Windows only).</summary>
    public string? PathExt { get; init; }

    /// <summary>True when the go command runs on Windows (<c>;</c> in PATH, PATHEXT, <c>.exe</c>).</summary>
    public bool IsWindows { get; init; } = OperatingSystem.IsWindows();

    /// <summary>Go.mod files besides the one the lines come from whose go line the running Go must satisfy too
    /// (a workspace's members).</summary>
    public IReadOnlyList<string> OtherGoModFiles { get; init; } = [];

    /// <summary>True when <c>path</c> names an executable file; null for the real check (a file with an execute
    /// bit on Unix; any file on Windows).</summary>
    public Func<string, bool>? IsExecutable { get; init; }
}
