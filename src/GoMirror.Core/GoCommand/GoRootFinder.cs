using GoMirror.Core.Policy;

namespace GoMirror.Core.GoCommand;

/// <summary>
/// Finds the GOROOT a go executable uses when no GOROOT variable is given, as cmd/go/internal/cfg
/// <c>findGOROOT</c> does: the folder two (or three, for <c>bin/GOOS_GOARCH/go</c>) levels above the
/// executable when it holds <c>pkg/tool</c>, with symbolic links resolved (<c>/usr/bin/go</c> →
/// <c>/usr/lib/go-1.19/bin/go</c>): on Linux always, elsewhere when the path as written finds none. No process is
/// started: only stat calls.
/// </summary>
internal static class GoRootFinder
{
    /// <summary><paramref name="host"/> with <see cref="GoPolicyHost.GoRoot"/> set to the GOROOT the located Go
    /// reads its <c>go.env</c> from, as cmd/go/internal/cfg decides it: a GOROOT variable first, else the folder
    /// above <paramref name="goExecutable"/>. A host that already names a GOROOT (tests) is kept as given.</summary>
    public static GoPolicyHost ForGo(GoPolicyHost host, string? goExecutable)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.GoRoot is { Length: > 0 })
        {
            return host;
        }

        var root = host.Get("GOROOT") ?? (goExecutable is null ? null : OfExecutable(goExecutable));
        return root is null ? host : new GoPolicyHost(host.OperatingSystem, host.Environment) { GoRoot = root };
    }

    /// <summary>The GOROOT of <paramref name="goExecutable"/>, or null when no folder above it looks like one
    /// (Go then falls back to the GOROOT compiled into it, which only running it can tell).</summary>
    public static string? OfExecutable(string goExecutable)
    {
        ArgumentNullException.ThrowIfNull(goExecutable);
        string full;
        try
        {
            full = Path.GetFullPath(goExecutable);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }

        // Go asks os.Executable, which on Linux reads /proc/self/exe: the path with every link resolved. Elsewhere it
        // is the path as started, and Go resolves links only when that finds no GOROOT.
        if (!OperatingSystem.IsLinux() && Above(full) is { } root)
        {
            return root;
        }

        try
        {
            return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is FileSystemInfo target ? Above(target.FullName)
                : OperatingSystem.IsLinux() ? Above(full) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? Above(string executable)
    {
        var bin = Path.GetDirectoryName(executable);
        var root = bin is null ? null : Path.GetDirectoryName(bin);
        if (root is not null && IsGoRoot(root))
        {
            return root;
        }

        var deeper = root is null ? null : Path.GetDirectoryName(root);
        return deeper is not null && IsGoRoot(deeper) ? deeper : null;
    }

    // cfg.isGOROOT: a folder with pkg/tool.
    private static bool IsGoRoot(string path) => Directory.Exists(Path.Combine(path, "pkg", "tool"));
}
