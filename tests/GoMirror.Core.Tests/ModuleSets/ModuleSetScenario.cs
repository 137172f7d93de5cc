using GoMirror.Core.Diagnostics;
using GoMirror.Core.GoMod;
using GoMirror.Core.ModuleCache;
using GoMirror.Core.ModuleSets;
using GoMirror.Core.Policy;
using GoMirror.Core.Prewarm;
using GoMirror.Core.Proxy;
using GoMirror.Core.Security;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;
using GoMirror.Testing.NuGetFeed;

namespace GoMirror.Core.Tests.ModuleSets;

/// <summary>
/// A module set's round trip: a <see cref="PrewarmScenario"/> (components whose go.sum Go wrote, an HTTP mirror on
/// 127.0.0.1, the engine's empty cache) plus a second cache that a "cold runner" warms from the mirror and packs
/// from, and the policy and components both runners share.
/// </summary>
internal sealed class ModuleSetScenario : IAsyncDisposable
{
    private ModuleSetScenario(PrewarmScenario world) => World = world;

    public PrewarmScenario World { get; }

    /// <summary>The cold runner's module cache.</summary>
    public GoModuleCache ColdCache => new(World.Temp.Combine("cold-cache"));

    /// <summary>Where packages are written.</summary>
    public string Output => World.Temp.Combine("packages");

    public string WorkDirectory => Directory.CreateDirectory(World.Temp.Combine("work")).FullName;

    public GoMirrorPolicy Policy => GoMirrorPolicy.Resolve(World.Options(World.Server.Url).Host!);

    public static async Task<ModuleSetScenario> StartAsync() => new(await PrewarmScenario.StartAsync());

    public static GoComponent Load(string goMod)
    {
        var diagnostics = new DiagnosticBag();
        var component = GoComponent.Load(goMod, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.ToList()));
        return component!;
    }

    public ModuleSet SetOf(string goMod) => ModuleSet.For(Load(goMod), Policy);

    /// <summary>Pre-warms <paramref name="cache"/> for <paramref name="goMods"/> from the mirror (and <paramref name="leading"/> first).</summary>
    public async Task<PrewarmResult> PrewarmAsync(GoModuleCache cache, IReadOnlyList<ProxyEntry> leading, params string[] goMods)
    {
        using var client = new GoProxyClient(PrewarmScenario.FastClient);
        var prewarmer = new ModulePrewarmer(Policy, cache, client) { LeadingProxies = leading };
        var result = await prewarmer.RunAsync(PrewarmPlan.Create(goMods.Select(Load), Policy), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result;
    }

    /// <summary>The cold runner: warm its cache from the mirror, pack the set of <paramref name="goMod"/>.</summary>
    public async Task<ModuleSetPackResult> PackColdAsync(string goMod, string? output = null)
    {
        await PrewarmAsync(ColdCache, [], goMod);
        var packed = await ModuleSetPacker.PackAsync(SetOf(goMod), ColdCache, output ?? Output, TestContext.Current.CancellationToken);
        Assert.True(packed.Succeeded, string.Join("\n", packed.Diagnostics));
        Assert.NotNull(packed.PackagePath);
        return packed;
    }

    public static ModuleSetFeed Feed(string source, string settingsRoot, string? configFile = null, CredentialRedactor? redactor = null)
    {
        Assert.True(ModuleSetFeed.TryResolve(source, settingsRoot, configFile, redactor ?? new CredentialRedactor(), out var feed, out var problem), problem?.ToString());
        return feed;
    }

    /// <summary>
    /// A nuget.config naming <paramref name="server"/> as source <c>modulesets</c>, with allowInsecureConnections
    /// (the test feed is plain HTTP on 127.0.0.1; NuGet refuses HTTP sources otherwise) and <paramref name="sections"/>.
    /// </summary>
    public string HttpFeedConfig(TestNuGetFeedServer server, string sections = "")
    {
        var config = World.Temp.Combine("config", "nuget.config");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="modulesets" value="{server.ServiceIndex}" allowInsecureConnections="true" />
              </packageSources>
            {sections}
            </configuration>
            """);
        return config;
    }

    public ValueTask DisposeAsync() => World.DisposeAsync();
}
