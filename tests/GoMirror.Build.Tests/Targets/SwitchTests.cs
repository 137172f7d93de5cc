using System.Text;
using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Testing;

namespace GoMirror.Build.Tests.Targets;

/// <summary>
/// Every documented switch and extension point of the package (docs/msbuild.md), as a consumer uses it: a real
/// build against the freshly packed package, the go command behind a wrapper that logs each run, and a proxy on
/// 127.0.0.1 that logs each request.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class SwitchTests(PackageFeed feed) : IDisposable
{
    // The folders discovery skips (docs/msbuild.md, GoModule), each given a go.mod that would fail the build if found.
    private static readonly string[] SkippedFolders = ["bin", "obj", "vendor", "testdata", "node_modules", "artifacts", ".hidden", "_private"];

    private static readonly string[] Hooks =
    [
        "GoMirrorBeforeCheckPolicy", "GoMirrorAfterCheckPolicy", "GoMirrorBeforePrewarm", "GoMirrorAfterPrewarm",
        "GoMirrorBeforeDownload", "GoMirrorAfterDownload", "GoMirrorBeforeReport", "GoMirrorAfterReport",
    ];

    private readonly TempDirectory _cache = new("gomirror-modcache");

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task GoMirrorEnabled_false_starts_no_go_and_sends_no_request()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed,
            directoryBuildProps: "    <GoMirrorEnabled>false</GoMirrorEnabled>",
            projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);

        var result = InProcBuild.Run(consumer.ProjectFile, properties: Properties(component, server.Url));

        Assert.True(result.Succeeded, result.Log);
        Assert.True(File.Exists(consumer.Combine("app", "bin", "Debug", "net10.0", "App.dll")), "the project itself should still build");
        Assert.Empty(server.Requests);
        Assert.Empty(component.InvocationLines);
        Assert.False(Directory.Exists(consumer.Combine("artifacts", "gomirror")), "no report is written");
        Assert.False(Directory.Exists(_cache.Combine("modcache")), "nothing is written to the module cache");
        Assert.DoesNotContain(result.Messages, m => m.StartsWith("GoMirror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Download_false_and_discovery_leave_out_exactly_what_they_should()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed,
            directoryBuildProps: "    <GoMirrorDiscoverModules>true</GoMirrorDiscoverModules>",
            projectBody: """
              <ItemGroup>
                <GoModule Include="../go/tool/go.mod" Download="false" />
              </ItemGroup>
            """);
        // The discovered component is under the project folder; the one with Download=false is not.
        var component = new GoComponent(consumer.Combine("app"));
        WriteUnservedComponent(consumer.Combine("go", "tool"), "example.com/notdownloaded");
        for (var i = 0; i < SkippedFolders.Length; i++)
        {
            WriteUnservedComponent(consumer.Combine("app", SkippedFolders[i], "m"), $"example.com/skipped{i}");
        }

        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);

        var result = InProcBuild.Run(consumer.ProjectFile, properties: Properties(component, server.Url));

        Assert.True(result.Succeeded, result.Log);
        foreach (var (path, version) in GoComponent.Requirements)
        {
            Assert.Single(server.Requests, r => r.Path.EndsWith($"{GoMirror.Core.Modules.ModuleEscaping.Escape(path)}/@v/{version}.zip", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(server.Requests, r => r.Path.Contains("/example.com/notdownloaded/", StringComparison.Ordinal));
        for (var i = 0; i < SkippedFolders.Length; i++)
        {
            Assert.False(server.Requests.Any(r => r.Path.Contains($"/example.com/skipped{i}/", StringComparison.Ordinal)), $"discovery went into {SkippedFolders[i]}/");
        }

        var downloads = component.InvocationLines.Where(l => l.StartsWith("mod download", StringComparison.Ordinal)).ToList();
        Assert.Single(downloads);
        Assert.DoesNotContain("GOPROXY=off", downloads[0], StringComparison.Ordinal);
        var report = File.ReadAllText(Assert.Single(Directory.GetFiles(consumer.Combine("artifacts", "gomirror"), "gomirror-report.json", SearchOption.AllDirectories)));
        Assert.Contains("\"example.com/Acme/Colors\"", report, StringComparison.Ordinal);
        Assert.DoesNotContain("notdownloaded", report, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com/skipped", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extension_points_report_file_formats_offline_and_max_parallel_do_what_the_docs_say()
    {
        GoToolchain.Require();
        var hooks = new StringBuilder();
        foreach (var hook in Hooks)
        {
            hooks.AppendLine($"""  <Target Name="{hook}"><Message Importance="high" Text="HOOK {hook} file=$(GoMirrorReportFile)" /></Target>""");
        }

        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule + hooks);
        var component = new GoComponent(consumer.Root);
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);
        // Every request waits a little, so versions fetched at once overlap at the proxy.
        server.Latency = TimeSpan.FromMilliseconds(20);
        var properties = Properties(component, server.Url);
        properties["GoMirrorReportFormats"] = "json;junit;cyclonedx";
        properties["GoMirrorOffline"] = "true";
        properties["GoMirrorMaxParallel"] = "1";

        var result = InProcBuild.Run(consumer.ProjectFile, properties: properties);

        Assert.True(result.Succeeded, result.Log);

        // The hooks run in order around their steps, in the calling project.
        var order = result.Messages.Where(m => m.StartsWith("HOOK ", StringComparison.Ordinal) || m.StartsWith("GoMirror pre-warm:", StringComparison.Ordinal)
            || m.StartsWith("GoMirror go mod download:", StringComparison.Ordinal) || m.StartsWith("GoMirror report:", StringComparison.Ordinal))
            .Select(m => m.Split(' ')[0] == "HOOK" ? m.Split(' ')[1] : m[..m.IndexOf(':', StringComparison.Ordinal)].Split(' ')[1])
            .ToList();
        Assert.Equal(
            ["GoMirrorBeforeCheckPolicy", "GoMirrorAfterCheckPolicy", "GoMirrorBeforePrewarm", "pre-warm", "GoMirrorAfterPrewarm",
             "GoMirrorBeforeDownload", "go", "GoMirrorAfterDownload", "GoMirrorBeforeReport", "report", "GoMirrorAfterReport"],
            order);

        // GoMirrorReportFile: set after GoMirrorReport, the json report the build wrote.
        var reportDir = Path.GetDirectoryName(Assert.Single(Directory.GetFiles(consumer.Combine("artifacts", "gomirror"), "gomirror-report.json", SearchOption.AllDirectories)))!;
        Assert.Single(result.Messages, m => m == $"HOOK GoMirrorAfterReport file={Path.Combine(reportDir, "gomirror-report.json")}");
        Assert.Single(result.Messages, m => m == "HOOK GoMirrorBeforeReport file=");

        // GoMirrorReportFormats: exactly the formats named.
        Assert.Equal(["gomirror-junit.xml", "gomirror-report.json", "gomirror-sbom.cdx.json"], Directory.GetFiles(reportDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // GoMirrorOffline: go mod download once more with GOPROXY=off, and the report has the proof.
        var downloads = component.InvocationLines.Where(l => l.StartsWith("mod download", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, downloads.Count);
        Assert.DoesNotContain("GOPROXY=off ", downloads[0], StringComparison.Ordinal);
        Assert.Contains("GOPROXY=off ", downloads[1], StringComparison.Ordinal);
        Assert.Contains("offline proof", File.ReadAllText(Path.Combine(reportDir, "gomirror-report.json")), StringComparison.Ordinal);

        // GoMirrorMaxParallel=1: one module version at a time, at the proxy and in the log.
        Assert.Contains(result.Messages, m => m.StartsWith("GoMirror pre-warm:", StringComparison.Ordinal) && m.EndsWith("up to 1 at once.", StringComparison.Ordinal));
        Assert.NotEmpty(server.RequestsMatching("*.zip"));
        Assert.Equal(1, server.ModulesInFlightPeak);
    }

    [Fact]
    public async Task Ten_projects_naming_one_go_mod_prewarm_download_and_report_once()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        var project = File.ReadAllText(consumer.ProjectFile);
        var solution = new StringBuilder("<Solution>\n  <Project Path=\"app/App.csproj\" />\n");
        for (var i = 1; i < 10; i++)
        {
            Directory.CreateDirectory(consumer.Combine($"app{i}"));
            File.WriteAllText(consumer.Combine($"app{i}", $"App{i}.csproj"), project);
            File.WriteAllText(consumer.Combine($"app{i}", "Program.cs"), "public static class Program { public static void Main() { } }\n");
            solution.Append($"  <Project Path=\"app{i}/App{i}.csproj\" />\n");
        }

        File.WriteAllText(consumer.Combine("all.slnx"), solution + "</Solution>\n");
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);

        // The GoMirror chain of every project (what Build runs before compiling), not the compiles: they take long
        // and show nothing more.
        var result = InProcBuild.Run(consumer.Combine("all.slnx"), "GoMirrorReport", Properties(component, server.Url));

        Assert.True(result.Succeeded, result.Log);
        Assert.Equal(10, result.Messages.Count(m => m.StartsWith("GoMirror: policy checked", StringComparison.Ordinal)));
        foreach (var (path, version) in GoComponent.Requirements)
        {
            Assert.Single(server.Requests, r => r.Path.EndsWith($"{GoMirror.Core.Modules.ModuleEscaping.Escape(path)}/@v/{version}.zip", StringComparison.Ordinal));
        }

        Assert.Single(result.Messages, m => m.StartsWith("GoMirror pre-warm:", StringComparison.Ordinal));
        Assert.Single(result.Messages, m => m.StartsWith("GoMirror go mod download:", StringComparison.Ordinal));
        Assert.Single(result.Messages, m => m.StartsWith("GoMirror report:", StringComparison.Ordinal));
        Assert.Single(component.InvocationLines, l => l.StartsWith("mod download", StringComparison.Ordinal));

        // Once by MSBuild's result cache, not nine more runs that the engine finds up to date.
        Assert.DoesNotContain(result.Messages, m => m.StartsWith("GoMirror ", StringComparison.Ordinal) && m.Contains(" skipped: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_GoModule_items_are_both_prewarmed_downloaded_and_reported()
    {
        GoToolchain.Require();
        using var consumer = new ConsumerProject(feed, projectBody: """
              <ItemGroup>
                <GoModule Include="../go/agent/go.mod" />
                <GoModule Include="../tools/go/agent" />
              </ItemGroup>
            """);
        var component = new GoComponent(consumer.Root);
        // The same requirements, so the one proxy serves both and each version is fetched once.
        var tool = new GoComponent(consumer.Combine("tools"));
        await using var server = await TestProxyServer.StartAsync(component.Proxy, cancellationToken: TestContext.Current.CancellationToken);

        var result = InProcBuild.Run(consumer.ProjectFile, properties: Properties(component, server.Url));

        Assert.True(result.Succeeded, result.Log);
        foreach (var (path, version) in GoComponent.Requirements)
        {
            Assert.Single(server.Requests, r => r.Path.EndsWith($"{GoMirror.Core.Modules.ModuleEscaping.Escape(path)}/@v/{version}.zip", StringComparison.Ordinal));
        }

        Assert.Contains(result.Messages, m => m.StartsWith("GoMirror go mod download: 2 of 2 components", StringComparison.Ordinal));
        var report = File.ReadAllText(Assert.Single(Directory.GetFiles(consumer.Combine("artifacts", "gomirror"), "gomirror-report.json", SearchOption.AllDirectories)));
        // Components are named relative to the repository root.
        Assert.Contains("\"go/agent/go.mod\"", report, StringComparison.Ordinal);
        Assert.Contains("\"tools/go/agent/go.mod\"", report, StringComparison.Ordinal);
        Assert.Equal(2, component.InvocationLines.Count(l => l.StartsWith("mod download", StringComparison.Ordinal)));
    }

    private Dictionary<string, string> Properties(GoComponent component, string proxyUrl) => new()
    {
        ["GoMirrorProxy"] = proxyUrl,
        ["GoMirrorSumDb"] = "off",
        ["GoMirrorModCache"] = _cache.Combine("modcache"),
        ["GoExecutable"] = component.GoWrapper,
    };

    /// <summary>A component requiring a module no proxy serves (with a go.sum for it): pre-warming or downloading it fails the build.</summary>
    private static void WriteUnservedComponent(string folder, string modulePath)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "go.mod"), $"module example.com/consumer/{Path.GetFileName(Path.GetDirectoryName(folder))}\n\ngo 1.19\n\nrequire {modulePath} v1.0.0\n");
        File.WriteAllText(Path.Combine(folder, "go.sum"),
            $"{modulePath} v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n{modulePath} v1.0.0/go.mod h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA=\n");
    }
}
