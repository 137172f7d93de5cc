using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace GoMirror.Core.Tests;

internal static class NuGetRegistration
{
    // The engine compiles against the SDK's NuGet.* assemblies and ships none (docs/architecture.md, "NuGet
    // assemblies"): registering the SDK lets this process resolve them from the SDK folder, the same files
    // MSBuild loads when the engine runs inside a build.
    [ModuleInitializer]
    internal static void Register()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
