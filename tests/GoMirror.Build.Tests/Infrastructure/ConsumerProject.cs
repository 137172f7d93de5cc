using System.Security;
using GoMirror.Testing;

namespace GoMirror.Build.Tests.Infrastructure;

/// <summary>
/// A throw-away repository that consumes the freshly packed GoMirror.Build: a NuGet.config pointing only
/// at the test feed (plus the machine's sources for the SDK's own packages), a private packages folder, a
/// Directory.Build.props the test fills with GoMirror properties, and a project with a PackageReference.
/// </summary>
public sealed class ConsumerProject : IDisposable
{
    /// <summary>A project body that declares the <see cref="GoComponent"/> at <c>go/agent</c> as a <c>GoModule</c>.</summary>
    public const string AgentGoModule = """
          <ItemGroup>
            <GoModule Include="../go/agent/go.mod" />
          </ItemGroup>
        """;

    private readonly TempDirectory _root = new("gomirror-consumer");

    public ConsumerProject(PackageFeed feed, string targetFrameworks = "net10.0", string directoryBuildProps = "", string projectBody = "")
    {
        Root = _root.Path;
        // A repository root, as the engine finds it (reports go to <root>/artifacts/gomirror by default).
        Directory.CreateDirectory(_root.Combine(".git"));
        File.WriteAllText(_root.Combine("NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="gomirror-test-feed" value="{SecurityElement.Escape(feed.Directory)}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{SecurityElement.Escape(feed.PackagesPath)}" />
              </config>
            </configuration>
            """);
        File.WriteAllText(_root.Combine("Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
            {directoryBuildProps}
              </PropertyGroup>
            </Project>
            """);
        var tfmProperty = targetFrameworks.Contains(';', StringComparison.Ordinal) ? "TargetFrameworks" : "TargetFramework";
        ProjectFile = _root.Combine("app", "App.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(ProjectFile)!);
        File.WriteAllText(ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <{tfmProperty}>{targetFrameworks}</{tfmProperty}>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="GoMirror.Build" Version="{feed.Version}" PrivateAssets="all" />
              </ItemGroup>
            {projectBody}
            </Project>
            """);
        File.WriteAllText(_root.Combine("app", "Program.cs"), "public static class Program { public static void Main() { } }\n");
    }

    /// <summary>The repository folder.</summary>
    public string Root { get; }

    /// <summary>The consuming project.</summary>
    public string ProjectFile { get; }

    /// <summary>A path below the repository folder.</summary>
    public string Combine(params string[] parts) => _root.Combine(parts);

    public void Dispose() => _root.Dispose();
}
