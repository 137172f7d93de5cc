using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;

namespace GoMirror.Core.Toolchain;

/// <summary>Where the toolchain the go command runs comes from.</summary>
internal enum ToolchainChoiceKind
{
    /// <summary>The Go found runs itself (GOTOOLCHAIN=local, nothing newer asked for, or a Go older than 1.21).</summary>
    Local,

    /// <summary>The go command execs a toolchain found on PATH under its name (<c>go1.23.5</c>): no download.</summary>
    Path,

    /// <summary>The go command downloads the toolchain module (<see cref="ToolchainChoice.Module"/>) through GOPROXY,
    /// checked against the checksum database, and runs it from the module cache.</summary>
    Switch,
}

/// <summary>
/// The toolchain the go command will run for one component, as <see cref="ToolchainSelector"/> predicts it from
/// GOTOOLCHAIN, the go.work or go.mod lines and the Go found.
/// </summary>
internal sealed record ToolchainChoice
{
    /// <summary>The module path of Go toolchains.</summary>
    public const string ModulePath = "golang.org/toolchain";

    /// <summary>Local, a toolchain on PATH, or a downloaded toolchain module.</summary>
    public required ToolchainChoiceKind Kind { get; init; }

    /// <summary>The toolchain that runs, as Go names it (<c>go1.23.5</c>); for <see cref="ToolchainChoiceKind.Local"/>
    /// the found Go's own name (<c>go1.21.13</c>).</summary>
    public required string Toolchain { get; init; }

    /// <summary>The Go version of <see cref="Toolchain"/> without the prefix (<c>1.23.5</c>).</summary>
    public required string Version { get; init; }

    /// <summary>The found Go's toolchain name (<c>go1.21.13</c>): the one that makes the choice.</summary>
    public required string FoundToolchain { get; init; }

    /// <summary>The executable on PATH for <see cref="ToolchainChoiceKind.Path"/>; null otherwise (the found Go, or the
    /// module's <c>bin/go</c>).</summary>
    public string? Executable { get; init; }

    /// <summary>The toolchain module for <see cref="ToolchainChoiceKind.Switch"/>
    /// (<c>golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64</c>); null otherwise.</summary>
    public ModuleVersion? Module { get; init; }

    /// <summary>Why, in words ("toolchain go1.23.5 in go.mod is newer than go1.21.13").</summary>
    public required string Reason { get; init; }

    /// <summary>The line or setting that decided it: a go.mod or go.work line, or where GOTOOLCHAIN was set.</summary>
    public SourceLocation? DecidedBy { get; init; }

    /// <summary>What stops the go command (errors) or is worth knowing (warnings), in Go's words where it has them.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>True when the go command would stop: do not start a download.</summary>
    public bool Fails => Diagnostics.Any(d => d.IsError);

    /// <summary>True when another toolchain than the found Go runs.</summary>
    public bool Switches => Kind != ToolchainChoiceKind.Local;

    /// <summary>The kind as reports and logs write it: <c>local</c>, <c>path</c> or <c>switch</c>.</summary>
    public string KindName => Kind switch
    {
        ToolchainChoiceKind.Path => "path",
        ToolchainChoiceKind.Switch => "switch",
        _ => "local",
    };

    /// <summary>The toolchain module version Go downloads for <paramref name="toolchain"/> on a platform:
    /// <c>v0.0.1-go1.23.5.linux-amd64</c> (select.go <c>Exec</c>).</summary>
    public static ModuleVersion ModuleFor(string toolchain, string goOs, string goArch) =>
        new(ModulePath, $"v0.0.1-{toolchain}.{goOs}-{goArch}");

    /// <summary>One line for logs: "go1.23.5 (switch from go1.21.13: ...; golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64)".</summary>
    public string Describe() => Kind switch
    {
        ToolchainChoiceKind.Local => $"{Toolchain} (the Go found: {Reason})",
        ToolchainChoiceKind.Path => $"{Toolchain} (from PATH, {Executable}, instead of the found {FoundToolchain}: {Reason})",
        _ => $"{Toolchain} (switched from the found {FoundToolchain}: {Reason}; {Module!.Path}@{Module.Version})",
    };
}
