using System.Collections;
using System.Runtime.InteropServices;

namespace GoMirror.Core.Policy;

/// <summary>The operating system whose conventions Go follows for paths and the user config directory.</summary>
public enum GoHostOS
{
    /// <summary>Linux and every other Unix except macOS: <c>$XDG_CONFIG_HOME</c> or <c>$HOME/.config</c>.</summary>
    Linux,

    /// <summary>macOS: <c>$HOME/Library/Application Support</c>.</summary>
    MacOS,

    /// <summary>Windows: <c>%AppData%</c>; variable names are case-insensitive; <c>;</c> separates GOPATH.</summary>
    Windows,
}

/// <summary>
/// Everything outside the process that Go's policy resolution reads: the operating system and the
/// environment variables (HOME, USERPROFILE, AppData, XDG_CONFIG_HOME, GOENV and the Go variables).
/// Tests pass their own; builds use <see cref="FromCurrentProcess"/>.
/// </summary>
public sealed class GoPolicyHost
{
    private readonly Dictionary<string, string> _environment;

    /// <summary>Creates a host from an explicit environment.</summary>
    /// <param name="operatingSystem">Whose path and config-directory conventions apply.</param>
    /// <param name="environment">The environment variables; on Windows names are matched case-insensitively, as Windows does.</param>
    public GoPolicyHost(GoHostOS operatingSystem, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        OperatingSystem = operatingSystem;
        var comparer = operatingSystem == GoHostOS.Windows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        _environment = new Dictionary<string, string>(comparer);
        foreach (var (name, value) in environment)
        {
            _environment[name] = value;
        }
    }

    /// <summary>Whose conventions apply.</summary>
    public GoHostOS OperatingSystem { get; }

    /// <summary>The GOROOT of the Go toolchain the policy is for (the engine takes it from the go executable
    /// it found). Go 1.21 and later read their defaults from its <c>go.env</c>; null (or a GOROOT without
    /// go.env, as Go 1.19 and 1.20 have) resolves with the defaults compiled into those older releases.</summary>
    public string? GoRoot { get; init; }

    /// <summary>The environment variables, as given.</summary>
    public IReadOnlyDictionary<string, string> Environment => _environment;

    /// <summary>The host this process runs on, with its environment.</summary>
    public static GoPolicyHost FromCurrentProcess()
    {
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? GoHostOS.Windows
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? GoHostOS.MacOS
            : GoHostOS.Linux;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return new GoPolicyHost(os, environment);
    }

    /// <summary>The value of a variable, or <see langword="null"/> when it is unset or empty: Go treats an
    /// empty variable as unset.</summary>
    public string? Get(string name) =>
        _environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>The home directory as Go reads it (<c>USERPROFILE</c> on Windows, <c>HOME</c> elsewhere), or null.</summary>
    public string? HomeDirectory => Get(OperatingSystem == GoHostOS.Windows ? "USERPROFILE" : "HOME");

    /// <summary>Go's <c>os.UserConfigDir()</c>, or null when the variables it needs are unset.</summary>
    public string? UserConfigDirectory => OperatingSystem switch
    {
        GoHostOS.Windows => Get("AppData"),
        GoHostOS.MacOS => Get("HOME") is { } home ? home + "/Library/Application Support" : null,
        _ => Get("XDG_CONFIG_HOME") ?? (Get("HOME") is { } home ? home + "/.config" : null),
    };
}
