using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Testing;
using GoMirror.Testing.NuGetFeed;

namespace GoMirror.Build.Tests.Targets;

/// <summary>
/// Module sets through the packed package, as a consumer's build uses them (docs/module-sets.md): the
/// GoMirrorPackModules target, a cold build that pushes its set to a folder feed, a fresh runner that warms from
/// that feed without a single request to the proxy, and a tampered package that the build refuses with
/// GOMIRROR1107 before the mirrors serve everything. Go (each release the suite runs) is the oracle: it accepts
/// the feed-warmed cache offline and verifies it.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class ModuleSetBuildTests(PackageFeed feed) : IDisposable
{
    // Prints the items GoMirrorPackModules returns, in the calling project, through its documented hook.
    private const string PackageHook = """
          <Target Name="GoMirrorAfterPackModules">
            <Message Importance="high" Text="PACKAGE %(GoMirrorModuleSetPackage.Identity)" />
          </Target>
        """;

    private readonly TempDirectory _temp = new("gomirror-modulesets");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task GoMirrorPackModules_writes_the_package_item_and_two_packs_from_fresh_caches_are_byte_identical()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule + PackageHook);
        var component = new GoComponent(consumer.Root);
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);

        string Pack(string name, bool restore)
        {
            var properties = Properties(component, server.Url, name);
            properties["GoMirrorModuleSetOutput"] = _temp.Combine(name, "packages");
            var result = InProcBuild.Run(consumer.ProjectFile, "GoMirrorPackModules", properties, restore);
            Assert.True(result.Succeeded, result.Log);
            var package = Assert.Single(Directory.GetFiles(_temp.Combine(name, "packages")));
            Assert.Equal(".nupkg", Path.GetExtension(package));
            // The item the target returns names exactly the file it wrote.
            Assert.Equal(["PACKAGE " + package], result.Messages.Where(m => m.StartsWith("PACKAGE ", StringComparison.Ordinal)));
            return package;
        }

        var first = Pack("first", restore: true);
        var second = Pack("second", restore: false);

        // NuGet names the file by the lower-cased identity.
        Assert.StartsWith("gomirror.moduleset.example.com.consumer.agent.1.0.0-h", Path.GetFileName(first), StringComparison.Ordinal);
        Assert.Equal(Path.GetFileName(first), Path.GetFileName(second));
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        // Each pack pre-warmed its own empty cache from the proxy.
        Assert.Equal(2 * GoComponent.Requirements.Length, server.RequestsMatching("*.zip").Count);
    }

    [Theory]
    [EveryGo]
    public async Task A_cold_build_pushes_to_a_folder_feed_and_a_fresh_runner_warms_from_it_without_the_proxy(string go)
    {
        using var selected = GoVersions.Use(go);
        GoToolchain.Require();
        var modules = _temp.Combine("feed");
        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);

        var pushed = InProcBuild.Run(consumer.ProjectFile, properties: Properties(component, server.Url, "cold", modules, push: true));

        Assert.True(pushed.Succeeded, pushed.Log);
        Assert.Empty(ModuleSetWarnings(pushed));
        Assert.Equal(["not-in-feed", "pushed"], ModuleSets(consumer).Select(s => (string?)s["outcome"]));
        // The folder feed's layout is NuGet's (it keeps the id's case), so the case is not ours to assert.
        Assert.StartsWith("GoMirror.ModuleSet.example.com.consumer.agent.1.0.0-h", Path.GetFileName(Assert.Single(Directory.GetFiles(modules, "*.nupkg", SearchOption.AllDirectories))), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(GoComponent.Requirements.Length, server.RequestsMatching("*.zip").Count);

        // A second runner: its own module cache, the same feed, and a proxy that must not be asked for anything.
        server.ClearRequests();
        var warm = Properties(component, server.Url, "warm", modules);
        var pulled = InProcBuild.Run(consumer.ProjectFile, properties: warm, restore: false);

        Assert.True(pulled.Succeeded, pulled.Log);
        Assert.Empty(ModuleSetWarnings(pulled));
        Assert.Empty(server.RequestsMatching("*.zip"));
        Assert.Empty(server.Requests);
        var set = Assert.Single(ModuleSets(consumer));
        Assert.Equal("pulled", (string?)set["outcome"]);
        Assert.Equal(modules, (string?)set["feed"]);
        Assert.Equal(GoComponent.Requirements.Select(r => r.Path + "@" + r.Version).Order(StringComparer.Ordinal), set["modules"]!.AsArray().Select(n => (string?)n));
        Assert.Contains(pulled.Messages, m => m.StartsWith("GoMirror pre-warm:", StringComparison.Ordinal) && m.Contains($"{GoComponent.Requirements.Length} of them from module sets", StringComparison.Ordinal));
        // The build's own go mod download ran once for each runner, the second time on the feed-warmed cache.
        Assert.Equal(2, component.InvocationLines.Count(l => l.StartsWith("mod download", StringComparison.Ordinal)));

        AssertGoAcceptsOffline(component, "warm");
    }

    [Fact]
    public async Task A_tampered_package_in_the_feed_is_refused_with_GOMIRROR1107_and_the_mirrors_serve_the_build()
    {
        GoToolchain.Require();
        var modules = _temp.Combine("feed");
        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);
        var pushed = InProcBuild.Run(consumer.ProjectFile, properties: Properties(component, server.Url, "cold", modules, push: true));
        Assert.True(pushed.Succeeded, pushed.Log);
        var package = Assert.Single(Directory.GetFiles(modules, "*.nupkg", SearchOption.AllDirectories));
        File.WriteAllBytes(package, SwapZips(File.ReadAllBytes(package)));

        server.ClearRequests();
        var warm = Properties(component, server.Url, "warm", modules);
        var result = InProcBuild.Run(consumer.ProjectFile, properties: warm, restore: false);

        Assert.True(result.Succeeded, result.Log);
        var refused = Assert.Single(ModuleSetWarnings(result));
        Assert.True(refused.Code == "GOMIRROR1107", result.Log);
        Assert.Contains("SECURITY ERROR", refused.Message, StringComparison.Ordinal);
        Assert.Empty(result.Errors);
        Assert.Equal("refused", (string?)Assert.Single(ModuleSets(consumer))["outcome"]);
        Assert.Empty(Assert.Single(ModuleSets(consumer))["modules"]!.AsArray());
        // Nothing of the package was used: the proxy served every zip.
        foreach (var (path, version) in GoComponent.Requirements)
        {
            Assert.Single(server.Requests, r => r.Path.EndsWith($"{GoMirror.Core.Modules.ModuleEscaping.Escape(path)}/@v/{version}.zip", StringComparison.Ordinal));
        }

        AssertGoAcceptsOffline(component, "warm");
    }

    // The module set codes (GOMIRROR1100-1129); the policy's own warnings about the plain-http test proxy and
    // GOSUMDB=off are not what these tests are about.
    private static List<Microsoft.Build.Framework.BuildWarningEventArgs> ModuleSetWarnings(BuildResult result) =>
        [.. result.Warnings.Where(w => w.Code.StartsWith("GOMIRROR11", StringComparison.Ordinal))];

    // One runner's build: its own module cache, the proxy, and the module set feed when one is given.
    private Dictionary<string, string> Properties(GoComponent component, string proxyUrl, string runner, string? moduleSetSource = null, bool push = false)
    {
        var properties = new Dictionary<string, string>
        {
            ["GoMirrorProxy"] = proxyUrl,
            ["GoMirrorSumDb"] = "off",
            ["GoMirrorModCache"] = _temp.Combine(runner, "modcache"),
            ["GoExecutable"] = component.GoWrapper,
        };
        if (moduleSetSource is not null)
        {
            properties["GoMirrorModuleSetSource"] = moduleSetSource;
            properties["GoMirrorModuleSetPush"] = push ? "true" : "false";
        }

        return properties;
    }

    // Go, with no network, finds every requirement in the runner's cache and verifies it against go.sum.
    private void AssertGoAcceptsOffline(GoComponent component, string runner)
    {
        var offline = new Dictionary<string, string>
        {
            ["GOPROXY"] = "off",
            ["GOSUMDB"] = "off",
            ["GOFLAGS"] = "-mod=mod",
            ["GOMODCACHE"] = _temp.Combine(runner, "modcache"),
            ["GOPATH"] = _temp.Combine(runner, "gopath"),
        };
        GoToolchain.Run(component.Directory, offline, "mod", "download").AssertSuccess();
        Assert.Contains("all modules verified", GoToolchain.Run(component.Directory, offline, "mod", "verify").AssertSuccess().Stdout, StringComparison.Ordinal);
    }

    private static List<JsonObject> ModuleSets(ConsumerProject consumer)
    {
        var report = Assert.Single(Directory.GetFiles(consumer.Combine("artifacts", "gomirror"), "gomirror-report.json", SearchOption.AllDirectories));
        return [.. JsonNode.Parse(File.ReadAllText(report))!["environment"]!["moduleSets"]!.AsArray().Select(n => n!.AsObject())];
    }

    // An attacker with push rights rebuilds the package consistently: the first module's zip becomes the second's
    // (a real Go module zip), and the manifest's size and SHA-256 follow, so only go.sum can tell.
    private static byte[] SwapZips(byte[] package)
    {
        var entries = PackageEntries.Read(package);
        var zips = entries.Select((e, i) => (Name: Uri.UnescapeDataString(e.Name), Index: i)).Where(e => e.Name.EndsWith(".zip", StringComparison.Ordinal)).ToList();
        Assert.True(zips.Count >= 2, string.Join(", ", entries.Select(e => e.Name)));
        var (victim, donor) = (zips[0], zips[1]);
        var content = entries[donor.Index].Content;
        entries[victim.Index] = (entries[victim.Index].Name, content);
        var manifestIndex = entries.FindIndex(e => e.Name == "gomirror/moduleset.json");
        var manifest = JsonNode.Parse(entries[manifestIndex].Content)!;
        var file = manifest["files"]!.AsArray().Single(f => (string?)f!["path"] == victim.Name)!;
        file["size"] = content.Length;
        file["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content));
        entries[manifestIndex] = (entries[manifestIndex].Name, JsonSerializer.SerializeToUtf8Bytes(manifest));
        return PackageEntries.Write(entries);
    }
}
