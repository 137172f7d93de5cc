namespace GoMirror.Core.GoCommand;

/// <summary>
/// What <see cref="GoExecutableLocator"/> reads from the machine: environment variables, the file system
/// and the OS family. <see cref="Current"/> is the real machine; tests build their own to describe another one.
/// </summary>
internal sealed class GoLocatorEnvironment
{
    /// <summary>The running machine.</summary>
    public static GoLocatorEnvironment Current { get; } = new(
        Environment.GetEnvironmentVariable,
        File.Exists,
        Directory.Exists,
        OperatingSystem.IsWindows());

    /// <summary>The machine of a policy host: its variables, the real file system, its OS family.</summary>
    public static GoLocatorEnvironment Of(Policy.GoPolicyHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new(host.Get, File.Exists, Directory.Exists, host.OperatingSystem == Policy.GoHostOS.Windows);
    }

    /// <summary>Describes a machine.</summary>
    /// <param name="getVariable">Reads an environment variable (null when unset).</param>
    /// <param name="fileExists">True when a path is an existing file.</param>
    /// <param name="directoryExists">True when a path is an existing folder.</param>
    /// <param name="isWindows">True to search for <c>go.exe</c> and use <c>;</c> as the PATH separator.</param>
    public GoLocatorEnvironment(Func<string, string?> getVariable, Func<string, bool> fileExists, Func<string, bool> directoryExists, bool isWindows)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        ArgumentNullException.ThrowIfNull(fileExists);
        ArgumentNullException.ThrowIfNull(directoryExists);
        GetVariable = getVariable;
        FileExists = fileExists;
        DirectoryExists = directoryExists;
        IsWindows = isWindows;
    }

    /// <summary>Reads an environment variable (null when unset).</summary>
    public Func<string, string?> GetVariable { get; }

    /// <summary>True when a path is an existing file.</summary>
    public Func<string, bool> FileExists { get; }

    /// <summary>True when a path is an existing folder.</summary>
    public Func<string, bool> DirectoryExists { get; }

    /// <summary>True on Windows.</summary>
    public bool IsWindows { get; }

    /// <summary>The executable's file name: <c>go.exe</c> on Windows, <c>go</c> elsewhere.</summary>
    public string ExecutableName => IsWindows ? "go.exe" : "go";

    /// <summary>The PATH separator of the described OS.</summary>
    public char PathSeparator => IsWindows ? ';' : ':';

    /// <summary>Joins path parts with the separator of the described OS.</summary>
    public string Combine(string directory, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var separator = IsWindows ? '\\' : '/';
        var result = directory;
        foreach (var part in parts)
        {
            result = result.Length > 0 && (result[^1] == '/' || result[^1] == separator) ? result + part : result + separator + part;
        }

        return result;
    }
}
