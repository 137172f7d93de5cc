
namespace GoMirror.Core.GoCommand;

/// <summary>
/// Finds the <c>go</c> executable: an explicitly configured path first (the executable, its folder, or a
/// GOROOT), then <c>$GOROOT/bin</c>, then each PATH entry. An explicit path that does not lead to Go is an
/// error of its own: silently falling back to another Go would build with a toolchain nobody chose.
/// </summary>
internal sealed class GoExecutableLocator
{
    private readonly GoLocatorEnvironment _machine;

    /// <summary>Searches the running machine.</summary>
    public GoExecutableLocator()
        : this(GoLocatorEnvironment.Current)
    {
    }

    /// <summary>Searches the machine <paramref name="machine"/> describes.</summary>
    public GoExecutableLocator(GoLocatorEnvironment machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        _machine = machine;
    }

    /// <summary>Finds <c>go</c>.</summary>
    /// <param name="explicitPath">The configured executable, its folder or a GOROOT (MSBuild <c>GoExecutable</c>,
    /// Cake <c>ToolPath</c>); null or empty to search GOROOT and PATH.</param>
    public GoLocation Locate(string? explicitPath = null)
    {
        var tried = new List<string>();
        var name = _machine.ExecutableName;
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var path = explicitPath.Trim().Trim('"');
            var candidates = _machine.DirectoryExists(path)
                ? new[] { _machine.Combine(path, name), _machine.Combine(path, "bin", name) }
                : [path];
            foreach (var candidate in candidates)
            {
                tried.Add(candidate);
                if (_machine.FileExists(candidate))
                {
                    return new GoLocation(candidate, "explicit", tried, null);
                }
            }

            return new GoLocation(null, null, tried, GoCommandDiagnostics.ConfiguredGoPathInvalid.Create(
                $"The configured Go path '{path}' does not lead to a {name} executable. Tried: {string.Join(", ", tried)}."));
        }

        if (_machine.GetVariable("GOROOT") is { Length: > 0 } goroot)
        {
            var candidate = _machine.Combine(goroot.Trim('"'), "bin", name);
            tried.Add(candidate);
            if (_machine.FileExists(candidate))
            {
                return new GoLocation(candidate, "GOROOT", tried, null);
            }
        }

        foreach (var entry in (_machine.GetVariable("PATH") ?? string.Empty).Split(_machine.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Windows PATH entries may be quoted; the quotes are not part of the folder name.
            var candidate = _machine.Combine(entry.Trim('"'), name);
            if (tried.Contains(candidate, StringComparer.Ordinal))
            {
                continue;
            }

            tried.Add(candidate);
            if (_machine.FileExists(candidate))
            {
                return new GoLocation(candidate, "PATH", tried, null);
            }
        }

        var where = tried.Count == 0 ? "GOROOT is unset and PATH is empty" : "Tried: " + string.Join(", ", tried);
        return new GoLocation(null, null, tried, GoCommandDiagnostics.GoNotFound.Create(
            $"No {name} executable was found in GOROOT/bin or on PATH. {where}."));
    }
}
