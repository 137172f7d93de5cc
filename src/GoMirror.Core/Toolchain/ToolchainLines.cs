using System.Text;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Toolchain;

/// <summary>
/// The <c>go</c> and <c>toolchain</c> lines the go command reads before anything else to choose its toolchain
/// (select.go <c>modGoToolchain</c>): from the go.work that encloses the working folder (GOWORK=off: none; an
/// absolute GOWORK: that file), else the enclosing go.mod. Go reads them with a plain line scan
/// (gover.GoModLookup), not the go.mod parser: the first line that starts with the word, comment cut off.
/// </summary>
/// <param name="File">The go.work or go.mod read, or null when the folder is in neither.</param>
/// <param name="Go">The <c>go</c> line's version, or empty when there is none.</param>
/// <param name="Toolchain">The <c>toolchain</c> line's name, or empty when there is none.</param>
/// <param name="GoLine">Where the <c>go</c> line is (null without one).</param>
/// <param name="ToolchainLine">Where the <c>toolchain</c> line is (null without one).</param>
internal sealed record ToolchainLines(string? File, string Go, string Toolchain, SourceLocation? GoLine, SourceLocation? ToolchainLine)
{
    /// <summary>No go.mod or go.work: nothing can ask for another toolchain.</summary>
    public static ToolchainLines None { get; } = new(null, string.Empty, string.Empty, null, null);

    /// <summary>
    /// The file and lines the go command finds from <paramref name="workingDirectory"/>, as Go 1.21+ looks: GOWORK
    /// (<paramref name="goWork"/>: null, empty or <c>auto</c> searches upwards, without crossing into
    /// <paramref name="goRoot"/>), then the nearest go.mod above, unless that go.mod is in the temporary folder itself.
    /// </summary>
    /// <exception cref="ArgumentException">GOWORK is neither off, auto nor an absolute path (Go stops: "invalid GOWORK").</exception>
    public static ToolchainLines Find(string workingDirectory, string? goWork, string? goRoot, string? tempDirectory)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        var file = goWork switch
        {
            "off" => null,
            null or "" or "auto" => FindUp(workingDirectory, "go.work", goRoot),
            _ when Path.IsPathFullyQualified(goWork) => goWork,
            _ => throw new ArgumentException("go: invalid GOWORK: not an absolute path", nameof(goWork)),
        };
        if (file is not null && !System.IO.File.Exists(file))
        {
            file = null; // Go skips a GOWORK that does not exist yet ('go work init').
        }

        if (file is null)
        {
            file = FindUp(workingDirectory, "go.mod", stopAt: null);
            if (file is not null && tempDirectory is not null && SameFolder(Path.GetDirectoryName(file)!, tempDirectory))
            {
                file = null; // golang/go#26708: a /tmp/go.mod does not make every folder under /tmp a module.
            }
        }

        return file is null ? None : Read(file);
    }

    /// <summary>Reads the two lines of <paramref name="file"/> with Go's line scan.</summary>
    public static ToolchainLines Read(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var lines = Encoding.UTF8.GetString(System.IO.File.ReadAllBytes(file)).Split('\n');
        var (go, goLine) = Lookup(lines, "go", file);
        var (toolchain, toolchainLine) = Lookup(lines, "toolchain", file);
        return new ToolchainLines(file, go, toolchain, goLine, toolchainLine);
    }

    // gover.GoModLookup: the first trimmed line that is the key followed by a space or tab; "//" ends the value.
    private static (string Value, SourceLocation? Location) Lookup(string[] lines, string key, string file)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith(key, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line[key.Length..];
            if (rest.Length == 0 || (rest[0] != ' ' && rest[0] != '\t'))
            {
                continue;
            }

            var comment = rest.IndexOf("//", StringComparison.Ordinal);
            return ((comment < 0 ? rest : rest[..comment]).Trim(), SourceLocation.InFile(file, i + 1));
        }

        return (string.Empty, null);
    }

    private static string? FindUp(string start, string name, string? stopAt)
    {
        for (var dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(start)); ;)
        {
            var candidate = Path.Combine(dir, name);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }

            var parent = Path.GetDirectoryName(dir);
            if (parent is null || parent == dir)
            {
                return null;
            }

            if (stopAt is not null && SameFolder(parent, stopAt))
            {
                return null; // A go.work is never looked for across GOROOT.
            }

            dir = parent;
        }
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
