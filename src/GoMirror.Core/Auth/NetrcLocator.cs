using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;

namespace GoMirror.Core.Auth;

/// <summary>
/// Finds and reads the netrc file the go command would read (cmd/go/internal/auth netrcPath): <c>$NETRC</c>
/// when set and not empty; otherwise in the home folder (<c>$HOME</c>, <c>%USERPROFILE%</c> on Windows)
/// <c>.netrc</c>, and on Windows <c>_netrc</c> first when it exists (Go 1.24+; Go 1.23 and older read only
/// <c>_netrc</c> there). A missing file is no credential and no message, as in Go.
/// </summary>
internal static class NetrcLocator
{
    /// <summary>The path Go would read, or null when neither NETRC nor a home folder is set.</summary>
    public static string? PathFor(GoPolicyHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Get("NETRC") is { } explicitPath)
        {
            return explicitPath;
        }

        if (host.HomeDirectory is not { } home)
        {
            return null;
        }

        if (host.OperatingSystem == GoHostOS.Windows)
        {
            var legacy = Path.Combine(home, "_netrc");
            if (File.Exists(legacy))
            {
                return legacy;
            }
        }

        return Path.Combine(home, ".netrc");
    }

    /// <summary>Reads the file for <paramref name="host"/>: null when there is none (or it cannot be read, with a
    /// warning in <paramref name="diagnostics"/>); otherwise the parsed file, whose own warnings are added too.</summary>
    public static NetrcFile? Read(GoPolicyHost host, ICollection<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (PathFor(host) is not { } path)
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(AuthDiagnostics.NetrcUnreadable.Create($"{path}: {e.Message}", SourceLocation.InFile(path)));
            return null;
        }

        if (OpenTo(path) is { } others)
        {
            diagnostics.Add(AuthDiagnostics.NetrcPermissions.Create(
                $"{path} can be {others} by other users; it holds passwords.", SourceLocation.InFile(path)));
        }

        var file = NetrcFile.Parse(text, path);
        foreach (var diagnostic in file.Diagnostics)
        {
            diagnostics.Add(diagnostic);
        }

        return file;
    }

    // Which access group and others have, as curl words its warning; null when none (or not a Unix system).
    private static string? OpenTo(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        const UnixFileMode read = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode write = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        return (mode & read, mode & write) switch
        {
            (not 0, not 0) => "read and written",
            (not 0, _) => "read",
            (_, not 0) => "written",
            _ => null,
        };
    }
}
