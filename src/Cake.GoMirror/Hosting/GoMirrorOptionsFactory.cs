using System.Reflection;
using Cake.Core;
using Cake.Core.IO;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;

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
        return new GoMirrorOptions
        {
            PolicySettings = [.. PolicySettings(settings)],
            Host = Host(environment, settings),
            GoExecutable = settings.ToolPath is { } tool ? Absolute(tool.MakeAbsolute(baseDirectory)) : null,
            GoModules = [.. goModules.Select(path => Resolve(path, baseDirectory))],
            MaxParallel = settings.MaxParallel,
            ReportDirectory = settings.ReportDir is { } reportDir ? Absolute(reportDir.MakeAbsolute(baseDirectory)) : null,
            ReportFormats = Empty(settings.ReportFormats),
            Offline = settings.Offline,
            BaselineReport = settings.BaselineReport is { } baseline ? Absolute(baseline.MakeAbsolute(baseDirectory)) : null,
            DriftSeverity = Empty(settings.DriftSeverity),
            ReportLeg = Empty(settings.ReportLeg),
            GoTimeout = settings.ToolTimeout,
            Tool = ToolName,
        };
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

    private static IEnumerable<ExplicitSetting> PolicySettings(GoMirrorSettings settings)
    {
        foreach (var variable in PolicyVariables.All)
        {
            if (Empty(PolicyValue(settings, variable.CakeSetting)) is { } value)
            {
                yield return new ExplicitSetting(variable.GoName, value, new SourceLocation(SettingDescriptionPrefix + variable.CakeSetting));
            }
        }
    }

    private static string? PolicyValue(GoMirrorSettings settings, string cakeSetting) => cakeSetting switch
    {
        nameof(GoMirrorSettings.Proxy) => settings.Proxy,
        nameof(GoMirrorSettings.Private) => settings.Private,
        nameof(GoMirrorSettings.NoProxy) => settings.NoProxy,
        nameof(GoMirrorSettings.NoSumDb) => settings.NoSumDb,
        nameof(GoMirrorSettings.SumDb) => settings.SumDb,
        nameof(GoMirrorSettings.Insecure) => settings.Insecure,
        nameof(GoMirrorSettings.Flags) => settings.Flags,
        nameof(GoMirrorSettings.ModCache) => settings.ModCache,
        _ => throw new InvalidOperationException("GoMirrorSettings has no property for the policy setting " + cakeSetting),
    };

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

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Version(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational is null ? assembly.GetName().Version?.ToString(3) ?? "unknown" : informational.Split('+')[0];
    }
}
