using System.Reflection;

namespace GoMirror.Tool.Hosting;

/// <summary>The tool's name and version as reports record them.</summary>
internal static class ToolInfo
{
    /// <summary>The package version of this tool, without build metadata.</summary>
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>The host name in reports, for example <c>GoMirror.Tool 0.1.0 (gomirror)</c>.</summary>
    public static string Name { get; } = "GoMirror.Tool " + Version + " (gomirror)";
}
