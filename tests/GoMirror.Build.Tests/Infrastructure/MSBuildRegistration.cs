using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace GoMirror.Build.Tests.Infrastructure;

internal static class MSBuildRegistration
{
    // Must run before any Microsoft.Build type is loaded: the test process uses the SDK's MSBuild, the
    // same one `dotnet build` uses, instead of the reference assemblies it compiled against.
    [ModuleInitializer]
    internal static void Register()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
