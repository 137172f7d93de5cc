using System.Text;

namespace GoMirror.Core.Policy;

/// <summary>One <c>KEY=VALUE</c> line of Go's env file.</summary>
/// <param name="Name">The variable name, as written.</param>
/// <param name="Value">Everything after the first <c>=</c>, untrimmed, as Go reads it.</param>
/// <param name="Line">The 1-based line number.</param>
internal sealed record GoEnvFileEntry(string Name, string Value, int Line);

/// <summary>
/// Go's user env file, the one <c>go env -w</c> writes (cmd/go/internal/cfg <c>EnvFile</c>,
/// <c>initEnvCache</c>): <c>$GOENV</c> when set (<c>GOENV=off</c> disables it), otherwise
/// <c>os.UserConfigDir()/go/env</c>.
/// </summary>
internal sealed class GoEnvFile
{
    private readonly Dictionary<string, GoEnvFileEntry> _entries;

    private GoEnvFile(string? path, Dictionary<string, GoEnvFileEntry> entries)
    {
        Path = path;
        _entries = entries;
    }

    /// <summary>The file Go would read, or null when there is none (GOENV=off, or no config directory).</summary>
    public string? Path { get; }

    /// <summary>The variables the file sets; a name written twice keeps its last line, as in Go.</summary>
    public IReadOnlyDictionary<string, GoEnvFileEntry> Entries => _entries;

    /// <summary>Where Go looks for the env file on <paramref name="host"/>, or null when it reads none.</summary>
    public static string? Locate(GoPolicyHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Get("GOENV") is { } goenv)
        {
            return goenv == "off" ? null : goenv;
        }

        return host.UserConfigDirectory is { } dir ? GoFilePath.Join(host.OperatingSystem, dir, "go", "env") : null;
    }

    /// <summary>Finds and reads the env file of <paramref name="host"/>. A missing or unreadable file reads as
    /// empty, as in Go.</summary>
    public static GoEnvFile Load(GoPolicyHost host)
    {
        var path = Locate(host);
        return path is null ? new GoEnvFile(null, []) : Read(path);
    }

    /// <summary>Reads <c>$GOROOT/go.env</c>, the defaults Go 1.21 and later ship (GOPROXY, GOSUMDB, GOTOOLCHAIN),
    /// for <see cref="GoPolicyHost.GoRoot"/>; null when the host names no GOROOT or it has no go.env (Go 1.19 and
    /// 1.20 have none: their defaults are compiled in).</summary>
    public static GoEnvFile? LoadGoRootDefaults(GoPolicyHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.GoRoot is not { Length: > 0 } root)
        {
            return null;
        }

        var path = GoFilePath.Join(host.OperatingSystem, root, "go.env");
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>Reads the env file at <paramref name="path"/>: one <c>KEY=VALUE</c> per line; lines without
    /// <c>=</c> or not starting with <c>A</c>–<c>Z</c> are ignored, as Go ignores them.</summary>
    public static GoEnvFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            // Go ignores every read error of this file; so do we, or we would resolve differently from Go.
            return new GoEnvFile(path, []);
        }

        var entries = new Dictionary<string, GoEnvFileEntry>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(data).Split('\n'))
        {
            lineNumber++;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || line[0] < 'A' || line[0] > 'Z')
            {
                continue;
            }

            var name = line[..equals];
            entries[name] = new GoEnvFileEntry(name, line[(equals + 1)..], lineNumber);
        }

        return new GoEnvFile(path, entries);
    }
}
