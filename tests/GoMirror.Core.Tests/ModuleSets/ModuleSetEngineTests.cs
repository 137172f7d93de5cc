using System.Text.Json.Nodes;
using GoMirror.Core.Engine;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;
using GoMirror.Testing.NuGetFeed;

namespace GoMirror.Core.Tests.ModuleSets;

/// <summary>
/// Module sets through the engine's steps, as a host drives them: a cold runner with GoMirrorModuleSetPush pushes
/// after its pre-warm, a fresh runner with GoMirrorModuleSetSource warms from the feed before the mirrors, the
/// report says which modules came from the feed, and a tampered package falls back to the mirrors. Go is the oracle.
/// </summary>
public class ModuleSetEngineTests
{
    [Fact]
    public async Task A_cold_build_pushes_to_a_folder_feed_and_a_fresh_runner_warms_from_it_without_the_mirror()
    {
        GoToolchain.Require();
        await using var world = await PrewarmScenario.StartAsync();
        var modules = AwkwardModules.All().Take(3).Select(spec => AwkwardModules.AddTo(world.Proxy, spec)).ToArray();
        var goMod = world.Component("tools/agent", modules);
        var feed = world.Temp.Combine("feed");

        var cold = await RunAsync(Cold(world, goMod) with { ModuleSetSource = feed, ModuleSetPush = true });
        Assert.True(cold.Report.Succeeded, cold.Log.Text);
        // An empty folder feed has no set yet (an info, not a warning); after the pre-warm the set is pushed.
        Assert.Equal(["not-in-feed", "pushed"], ModuleSets(cold.Report).Select(s => (string)s!["outcome"]!));
        Assert.Contains(cold.Log.Diagnostics, d => d.Code == "GOMIRROR1104");
        Assert.Single(Directory.GetFiles(feed, "*.nupkg", SearchOption.AllDirectories));
        Assert.NotEmpty(world.Server.Requests);

        world.Server.ClearRequests();
        var warm = await RunAsync(world.Options(world.Server.Url, goMod) with { ModuleSetSource = feed, ModuleSetPush = true });

        Assert.True(warm.Report.Succeeded, warm.Log.Text);
        Assert.Empty(world.Server.Requests);
        var set = Assert.Single(ModuleSets(warm.Report))!;
        Assert.Equal("pulled", (string?)set["outcome"]);
        Assert.Equal(feed, (string?)set["feed"]);
        Assert.Equal(modules.Select(m => m.Path + "@" + m.Version).Order(StringComparer.Ordinal), set["modules"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(cold.Report.Fingerprint, warm.Report.Fingerprint); // the same verified bytes, wherever they came from
        Assert.Contains(warm.Log.Messages, m => m.Contains("3 of them from module sets", StringComparison.Ordinal));
        world.AssertGoAcceptsOffline(goMod);
    }

    [Fact]
    public async Task A_tampered_package_on_a_v3_feed_is_refused_with_a_code_nothing_lands_and_the_mirrors_serve()
    {
        GoToolchain.Require();
        await using var scenario = await ModuleSetScenario.StartAsync();
        var world = scenario.World;
        var a = world.Module("example.com/a");
        var b = world.Module("example.com/b", "v1.1.0", "package lib\n\n// other content\n");
        var goMod = world.Component("app", a, b);
        await using var server = await TestNuGetFeedServer.StartAsync(TestContext.Current.CancellationToken);
        const string apiKey = "s3cret-module-set-key";
        server.RequireApiKey(apiKey);
        var config = scenario.HttpFeedConfig(server);
        var feedOptions = (GoMirrorOptions o) => o with { ModuleSetSource = "modulesets", ModuleSetConfigFile = config, ModuleSetPush = true, ModuleSetApiKeyVariable = "MODULE_SET_KEY" };

        var cold = await RunAsync(feedOptions(Cold(world, goMod, ("MODULE_SET_KEY", apiKey))));
        Assert.True(cold.Report.Succeeded, cold.Log.Text);
        var set = scenario.SetOf(goMod);
        var good = server.Package(set.Id, set.Version);
        Assert.True(good is not null, cold.Log.Text);
        Assert.DoesNotContain(apiKey, cold.Log.Text, StringComparison.Ordinal);
        server.ReplacePackage(set.Id, set.Version, ModuleSetTamperTests.Damaged(good, ModuleSetTamperTests.Damage.ZipSwappedWithManifestUpdated, File.ReadAllBytes(b.ZipFile)));

        world.Server.ClearRequests();
        var warm = await RunAsync(feedOptions(world.Options(world.Server.Url, goMod)));

        Assert.True(warm.Report.Succeeded, warm.Log.Text);
        var refused = Assert.Single(warm.Log.Diagnostics, d => d.Code == "GOMIRROR1107");
        Assert.Contains("SECURITY ERROR", refused.Message, StringComparison.Ordinal);
        var record = Assert.Single(ModuleSets(warm.Report), s => (string?)s!["outcome"] == "refused")!;
        Assert.Empty(record["modules"]!.AsArray());
        Assert.NotEmpty(world.Server.Requests); // the mirror served every module
        Assert.Empty(Directory.GetDirectories(Path.Combine(warm.StateDirectory!, "modulesets")));
        world.AssertGoAcceptsOffline(goMod);
        Assert.Equal(File.ReadAllBytes(a.ZipFile), File.ReadAllBytes(world.Cache.TryGetPaths(a.Path, a.Version, out var paths, out _) ? paths.ZipFile : throw new InvalidOperationException()));
    }

    [Fact]
    public async Task Push_without_a_source_and_an_unset_api_key_variable_are_warnings_and_the_build_succeeds()
    {
        GoToolchain.Require();
        await using var world = await PrewarmScenario.StartAsync();
        var goMod = world.Component("app", world.Module("example.com/a"));

        var run = await RunAsync(world.Options(world.Server.Url, goMod) with { ModuleSetPush = true });

        Assert.True(run.Report.Succeeded, run.Log.Text);
        var warning = Assert.Single(run.Log.Diagnostics, d => d.Code == "GOMIRROR1109");
        Assert.False(warning.IsError);
    }

    [Fact]
    public async Task The_pack_step_writes_one_deterministic_package_per_component_after_a_prewarm()
    {
        GoToolchain.Require();
        await using var world = await PrewarmScenario.StartAsync();
        var goMod = world.Component("app", world.Module("example.com/a"), world.Module("example.com/b"));
        var output = world.Temp.Combine("packages");
        var options = world.Options(world.Server.Url, goMod) with { ModuleSetOutput = output };

        using (var before = new GoMirrorEngine(options, new RecordingLog()))
        {
            var unwarmed = await before.PackModuleSetsAsync(TestContext.Current.CancellationToken);
            Assert.False(unwarmed.Succeeded);
            Assert.Contains(unwarmed.Diagnostics, d => d.Code == "GOMIRROR1100");
            Assert.Empty(unwarmed.Packages);
        }

        using var engine = new GoMirrorEngine(options, new RecordingLog());
        Assert.True((await engine.PrewarmAsync(TestContext.Current.CancellationToken)).Succeeded);
        var first = await engine.PackModuleSetsAsync(TestContext.Current.CancellationToken);
        var bytes = File.ReadAllBytes(Assert.Single(first.Packages));
        var second = await engine.PackModuleSetsAsync(TestContext.Current.CancellationToken);

        Assert.True(first.Succeeded, string.Join("\n", first.Diagnostics));
        Assert.Equal(first.Packages, second.Packages);
        Assert.Equal(bytes, File.ReadAllBytes(second.Packages[0]));
        Assert.StartsWith(output, first.Packages[0], StringComparison.Ordinal);
    }

    // The cold runner: its own module cache, so the fresh runner's (the scenario's) starts empty.
    private static GoMirrorOptions Cold(PrewarmScenario world, string goMod, params (string Name, string Value)[] variables) =>
        world.OptionsWith(world.Server.Url, new Dictionary<string, string>(variables.Select(v => KeyValuePair.Create(v.Name, v.Value))) { ["GOMODCACHE"] = world.Temp.Combine("cold-cache") }, goMod);

    private static async Task<Run> RunAsync(GoMirrorOptions options)
    {
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(options, log);
        var report = await engine.RunAsync(TestContext.Current.CancellationToken);
        return new Run(report, log, engine.StateDirectory);
    }

    private static JsonArray ModuleSets(ReportStepResult report)
    {
        var json = JsonNode.Parse(File.ReadAllText(report.ReportFile!))!;
        return json["environment"]!["moduleSets"]!.AsArray();
    }

    private sealed record Run(ReportStepResult Report, RecordingLog Log, string? StateDirectory);
}
