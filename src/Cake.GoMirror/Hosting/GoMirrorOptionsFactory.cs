using System.Globalization;
using System.Reflection;
using Cake.Core;
using Cake.Core.IO;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;
using GoMirror.Core.Settings;

namespace Cake.GoMirror.Hosting;

/// <summary>
/// Translates <see cref="GoMirrorSettings"/> and the script's environment into engine options. It decides
/// nothing about Go: an unset value stays unset, so the engine applies the environment, Go's env file and
/// Go's defaults exactly as it does for the MSBuild properties.
/// </summary>
internal static class GoMirrorOptionsFactory
{
    /// <summary>How a setting made in a script is described in diagnostics, followed by its property name.</summary>
    public const string SettingDescriptionPrefix = "Cake setting GoMirrorSettings.";

    /// <summary>The engine options for <paramref name="settings"/> and the components in <paramref name="goModules"/>.</summary>
    public static GoMirrorOptions Create(ICakeEnvironment environment, GoMirrorSettings settings, IEnumerable<Cake.Core.IO.Path> goModules)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(goModules);
        var baseDirectory = BaseDirectory(environment, settings);
        var problems = new List<Diagnostic>();
        var options = SettingTable.ToOptions(
            new GoMirrorOptions
            {
                Host = Host(environment, settings),
                GoModules = [.. goModules.Select(path => Resolve(path, baseDirectory))],
                GoTimeout = settings.ToolTimeout,
                Tool = ToolName,
            },
            SettingTable.All.Select(setting => new SettingValue(setting, Value(settings, setting, baseDirectory), new SourceLocation(SettingDescriptionPrefix + setting.CakeSetting))),
            problems);

        // Typed properties always parse; a problem here is a table row whose option type this host cannot write.
        return problems.Count == 0 ? options : throw new InvalidOperationException(problems[0].Message);
    }

    /// <summary>The host as the reports name it; the engine adds its own version (the addin ships with it).</summary>
    public static string ToolName { get; } = "Cake.GoMirror (Cake " + Version(typeof(ICakeContext).Assembly) + ")";

    /// <summary>The folder relative paths resolve against: the settings' working directory, else the script's.</summary>
    public static DirectoryPath BaseDirectory(ICakeEnvironment environment, GoMirrorSettings settings) =>
        settings.WorkingDirectory?.MakeAbsolute(environment.WorkingDirectory) ?? environment.WorkingDirectory;

    /// <summary>The tool settings that have no meaning here (the aliases run no single command line), as diagnostics.</summary>
    public static IEnumerable<Diagnostic> IgnoredToolSettings(GoMirrorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ignored = new (string Name, bool IsSet)[]
        {
            (nameof(settings.ArgumentCustomization), settings.ArgumentCustomization is not null),
            (nameof(settings.HandleExitCode), settings.HandleExitCode is not null),
            (nameof(settings.PostAction), settings.PostAction is not null),
            (nameof(settings.SetupProcessSettings), settings.SetupProcessSettings is not null),
        };
        foreach (var (name, _) in ignored.Where(s => s.IsSet))
        {
            yield return CakeDiagnostics.ToolSettingIgnored.Create(
                $"GoMirrorSettings.{name} is set, but the GoMirror aliases do not run one command line: the engine runs go itself, several times, and decides its arguments and exit codes.",
                new SourceLocation(SettingDescriptionPrefix + name));
        }
    }

    // Mapped by name: each row's CakeSetting is a GoMirrorSettings property (a test checks every row has one);
    // paths become absolute against the base directory, numbers and switches the engine's invariant text.
    private static string? Value(GoMirrorSettings settings, GoMirrorSetting setting, DirectoryPath baseDirectory)
    {
        var property = typeof(GoMirrorSettings).GetProperty(setting.CakeSetting)
            ?? throw new InvalidOperationException($"GoMirrorSettings has no property {setting.CakeSetting} for the setting {setting.MSBuildProperty}");
        return property.GetValue(settings) switch
        {
            null => null,
            FilePath file => Absolute(file.MakeAbsolute(baseDirectory)),
            DirectoryPath directory => Absolute(directory.MakeAbsolute(baseDirectory)),
            bool flag => flag ? "true" : "false",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
    }

    // The script's environment (what Cake reports, so a test can supply its own) with the settings'
    // EnvironmentVariables on top: they are the environment level of Go's precedence, below explicit settings.
    private static GoPolicyHost Host(ICakeEnvironment environment, GoMirrorSettings settings)
    {
        var os = environment.Platform.Family switch
        {
            PlatformFamily.Windows => GoHostOS.Windows,
            PlatformFamily.OSX => GoHostOS.MacOS,
            _ => GoHostOS.Linux,
        };
        var variables = new Dictionary<string, string>(os == GoHostOS.Windows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (name, value) in environment.GetEnvironmentVariables())
        {
            variables[name] = value ?? string.Empty;
        }

        foreach (var (name, value) in settings.EnvironmentVariables)
        {
            variables[name] = value ?? string.Empty;
        }

        return new GoPolicyHost(os, variables);
    }

    private static string Resolve(Cake.Core.IO.Path path, DirectoryPath baseDirectory) => path switch
    {
        FilePath file => Absolute(file.MakeAbsolute(baseDirectory)),
        DirectoryPath directory => Absolute(directory.MakeAbsolute(baseDirectory)),
        _ => throw new ArgumentException("a go.mod path is a FilePath or a DirectoryPath, not " + path.GetType().Name, nameof(path)),
    };

    // Cake paths use '/' everywhere; the engine and Go get the platform's own spelling.
    private static string Absolute(Cake.Core.IO.Path path) => System.IO.Path.GetFullPath(path.FullPath);

    private static string Version(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational is null ? assembly.GetName().Version?.ToString(3) ?? "unknown" : informational.Split('+')[0];
    }
}
