using Microsoft.Build.Locator;

namespace GoMirror.Tool.Hosting;

/// <summary>
/// The engine's module sets use NuGet.Packaging, NuGet.Protocol, NuGet.Configuration and NuGet.Credentials and
/// ship none of them (docs/architecture.md, "NuGet assemblies"): inside MSBuild and Cake the host provides them.
/// This tool has no host, and NuGet.Credentials is not a package it can carry, so it resolves the same files
/// from the .NET SDK that installed it, through Microsoft.Build.Locator. Only verbs that use a feed call this.
/// </summary>
internal static class NuGetAssemblies
{
    private static readonly Lock Gate = new();

    /// <summary>Makes NuGet's assemblies loadable from the SDK; false (with the reason) when no SDK is found.</summary>
    public static bool TryRegister(out string? problem)
    {
        lock (Gate)
        {
            problem = null;
            if (MSBuildLocator.IsRegistered)
            {
                return true;
            }

            try
            {
                MSBuildLocator.RegisterDefaults();
                return true;
            }
            catch (InvalidOperationException e)
            {
                problem = e.Message;
                return false;
            }
        }
    }
}
