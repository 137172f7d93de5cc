using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Modules;

namespace GoMirror.Core.Toolchain;

/// <summary>
/// The GOOS/GOARCH a toolchain is fetched for, and what follows from it: the toolchain module's version
/// (<c>v0.0.1-go1.23.5.linux-amd64</c>, as select.go <c>Exec</c> names it from <c>runtime.GOOS</c>/<c>GOARCH</c>),
/// the executable name (<c>go.exe</c> on Windows) and the file paths inside the extracted tree.
/// </summary>
internal sealed partial record ToolchainFetchPlatform(string GoOs, string GoArch)
{
    /// <summary>The module path of every Go toolchain.</summary>
    public const string ModulePath = "golang.org/toolchain";

    // `go tool dist list` of Go 1.23 without the targets that cannot run the go command (wasm, mobile).
    private static readonly HashSet<string> Ports = new(StringComparer.Ordinal)
    {
        "aix/ppc64", "darwin/amd64", "darwin/arm64", "dragonfly/amd64", "freebsd/386", "freebsd/amd64", "freebsd/arm",
        "freebsd/arm64", "freebsd/riscv64", "illumos/amd64", "linux/386", "linux/amd64", "linux/arm", "linux/arm64",
        "linux/loong64", "linux/mips", "linux/mips64", "linux/mips64le", "linux/mipsle", "linux/ppc64", "linux/ppc64le",
        "linux/riscv64", "linux/s390x", "netbsd/386", "netbsd/amd64", "netbsd/arm", "netbsd/arm64", "openbsd/386",
        "openbsd/amd64", "openbsd/arm", "openbsd/arm64", "openbsd/ppc64", "openbsd/riscv64", "plan9/386", "plan9/amd64",
        "plan9/arm", "solaris/amd64", "windows/386", "windows/amd64", "windows/arm", "windows/arm64",
    };

    /// <summary>The platform this process runs on, as Go names it.</summary>
    public static ToolchainFetchPlatform Host { get; } = new(HostOs(), HostArch());

    /// <summary>True for Windows: executables end in <c>.exe</c>, no execute bits exist.</summary>
    public bool IsWindows => GoOs == "windows";

    /// <summary>The executable suffix: <c>.exe</c> on Windows, empty elsewhere.</summary>
    public string ExecutableSuffix => IsWindows ? ".exe" : string.Empty;

    /// <summary>The path separator of this platform's file system.</summary>
    public char Separator => IsWindows ? '\\' : '/';

    /// <summary>The toolchain module Go downloads for <paramref name="toolchain"/> (<c>go1.23.5</c>) on this platform,
    /// or an error for a toolchain name or platform Go has no release for.</summary>
    public bool TryGetModule(string toolchain, out ModuleVersion module, out Diagnostic? error)
    {
        ArgumentNullException.ThrowIfNull(toolchain);
        module = new ModuleVersion(ModulePath, $"v0.0.1-{toolchain}.{GoOs}-{GoArch}");
        if (!ToolchainName().IsMatch(toolchain))
        {
            error = ToolchainFetchDiagnostics.UnsupportedToolchain.Create($"'{toolchain}' is not a Go toolchain name: Go names releases go1.N, go1.N.P, go1.NrcR or go1.NbetaB (for example go1.23.5).");
            return false;
        }

        if (!Ports.Contains(GoOs + "/" + GoArch))
        {
            error = ToolchainFetchDiagnostics.UnsupportedToolchain.Create($"{toolchain}: Go ships no toolchain for {GoOs}/{GoArch}; the go command cannot switch to or run one there.");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The go executable inside an extracted toolchain tree: <c>&lt;dir&gt;/bin/go</c> or <c>&lt;dir&gt;\bin\go.exe</c>.</summary>
    public string GoExecutable(string toolchainDirectory) => Join(toolchainDirectory, "bin", "go" + ExecutableSuffix);

    /// <summary>Joins path parts with this platform's separator (so Windows paths can be checked on any host).</summary>
    public string Join(string directory, params string[] parts) =>
        directory.TrimEnd('/', '\\') + Separator + string.Join(Separator, parts);

    /// <summary>The toolchain name of a Go version as settings write it: <c>1.23.5</c> and <c>go1.23.5</c> both give <c>go1.23.5</c>.</summary>
    public static string ToolchainNameOf(string goVersion)
    {
        ArgumentNullException.ThrowIfNull(goVersion);
        var trimmed = goVersion.Trim();
        return trimmed.StartsWith("go", StringComparison.Ordinal) ? trimmed : "go" + trimmed;
    }

    private static string HostOs() =>
        OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsMacOS() ? "darwin"
        : OperatingSystem.IsFreeBSD() ? "freebsd"
        : OperatingSystem.IsLinux() ? "linux"
        : RuntimeInformation.OSDescription.ToLowerInvariant();

    private static string HostArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.X86 => "386",
        Architecture.Arm64 => "arm64",
        Architecture.Arm or Architecture.Armv6 => "arm",
        Architecture.LoongArch64 => "loong64",
        Architecture.RiscV64 => "riscv64",
        Architecture.Ppc64le => "ppc64le",
        Architecture.S390x => "s390x",
        var other => other.ToString().ToLowerInvariant(),
    };

    // gover.IsValid for release names Go publishes: go1.21.0, go1.21rc2, go1.9beta1, go1.20.
    [GeneratedRegex(@"^go1(\.[0-9]+){0,2}((rc|beta)[0-9]+)?$")]
    private static partial Regex ToolchainName();
}
