using System.Text;
using System.Text.Json;
using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Testing;

namespace GoMirror.Build.Tests.Targets;

/// <summary>
/// A go.work of two members consumed through the packed package as a user writes it
/// (<c>&lt;GoModule Include="go.work" /&gt;</c>), on the Go releases that run workspaces as users have them
/// today; Go (the oracle) then accepts the cache offline in workspace mode.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class WorkspaceBuildTests(PackageFeed feed) : IDisposable
{
    private readonly TempDirectory _cache = new("gomirror-modcache");

    public void Dispose() => _cache.Dispose();

    [Theory]
    [EveryGo(Minimum = "1.21")]
    public async Task A_two_member_workspace_through_the_package_is_accepted_offline(string go)
    {
        using var selected = GoVersions.Use(go);
        var goExecutable = GoToolchain.Require();
        using var consumer = new ConsumerProject(feed, projectBody: """
              <ItemGroup>
                <GoModule Include="../go/go.work" />
              </ItemGroup>
            """);
        var proxy = new ModuleProxyFolder(consumer.Combine("..", Path.GetFileName(consumer.Root) + "-proxy"));
        Member(consumer, proxy, "a", ("example.com/ws/left", "v1.0.0"));
        Member(consumer, proxy, "b", ("example.com/ws/right", "v1.1.0"), ("example.com/ws/shared", "v0.3.0"));
        File.WriteAllText(consumer.Combine("go", "go.work"), "go 1.21\n\nuse (\n\t./a\n\t./b\n)\n");
        await using var server = await TestProxyServer.StartAsync(proxy, cancellationToken: TestContext.Current.CancellationToken);

        var result = InProcBuild.Run(consumer.ProjectFile, properties: new Dictionary<string, string>
        {
            ["GoMirrorProxy"] = server.Url,
            ["GoMirrorSumDb"] = "off",
            ["GoMirrorModCache"] = _cache.Combine("modcache"),
            ["GoExecutable"] = goExecutable,
        });

        Assert.True(result.Succeeded, result.Log);
        Assert.Equal(3, server.RequestsMatching("*.zip").Count);
        var reportFile = Assert.Single(Directory.GetFiles(consumer.Combine("artifacts", "gomirror"), "gomirror-report.json", SearchOption.AllDirectories));
        using var report = JsonDocument.Parse(File.ReadAllText(reportFile));
        var component = Assert.Single(report.RootElement.GetProperty("reproducible").GetProperty("components").EnumerateArray());
        Assert.Equal("go/go.work", component.GetProperty("goMod").GetString());
        Assert.Equal(["go/a/go.mod", "go/b/go.mod"], component.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(
            ["example.com/ws/left", "example.com/ws/right", "example.com/ws/shared"],
            component.GetProperty("modules").EnumerateArray().Select(m => m.GetProperty("path").GetString()));

        // Workspace mode, no network: every member's requirements are in the cache and verify.
        var offline = new Dictionary<string, string>
        {
            ["GOPROXY"] = "off",
            ["GOSUMDB"] = "off",
            ["GOMODCACHE"] = _cache.Combine("modcache"),
            ["GOPATH"] = _cache.Combine("gopath"),
        };
        GoToolchain.Run(consumer.Combine("go"), offline, "mod", "download").AssertSuccess();
        Assert.Contains("all modules verified", GoToolchain.Run(consumer.Combine("go"), offline, "mod", "verify").AssertSuccess().Stdout, StringComparison.Ordinal);
    }

    /// <summary>A member folder <c>go/&lt;name&gt;</c> requiring <paramref name="requirements"/>, each served by
    /// <paramref name="proxy"/>, with the go.sum Go itself writes.</summary>
    private static void Member(ConsumerProject consumer, ModuleProxyFolder proxy, string name, params (string Path, string Version)[] requirements)
    {
        foreach (var (path, version) in requirements)
        {
            var package = path.Split('/')[^1];
            proxy.Add(path, version, new Dictionary<string, byte[]>
            {
                [package + ".go"] = Encoding.UTF8.GetBytes($"package {package}\n\nconst Name = \"{path}\"\n"),
            });
        }

        var directory = consumer.Combine("go", name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "go.mod"), $"module example.com/consumer/{name}\n\ngo 1.21\n\nrequire (\n"
            + string.Concat(requirements.Select(r => $"\t{r.Path} {r.Version}\n")) + ")\n");
        var scratch = consumer.Combine("..", Path.GetFileName(consumer.Root) + "-scratch-" + name);
        GoToolchain.Run(directory, new Dictionary<string, string>
        {
            ["GOPROXY"] = proxy.FileUrl,
            ["GOSUMDB"] = "off",
            ["GOFLAGS"] = "-mod=mod",
            ["GOWORK"] = "off",
            ["GOMODCACHE"] = Path.Combine(scratch, "modcache"),
            ["GOPATH"] = Path.Combine(scratch, "gopath"),
        }, ["mod", "download", .. requirements.Select(r => r.Path + "@" + r.Version)]).AssertSuccess();
        TempDirectory.MakeWritable(scratch);
        Directory.Delete(scratch, recursive: true);
    }
}
