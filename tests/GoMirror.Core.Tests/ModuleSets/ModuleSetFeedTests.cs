using GoMirror.Core.ModuleSets;
using GoMirror.Core.Prewarm;
using GoMirror.Core.Security;
using GoMirror.Testing;
using GoMirror.Testing.NuGetFeed;

namespace GoMirror.Core.Tests.ModuleSets;

/// <summary>
/// Push and pull through real NuGet feed types with NuGet.Protocol as the client: a folder feed, and a v3 HTTP
/// feed on 127.0.0.1 with credentials from nuget.config. The oracle: Go accepts the feed-warmed cache offline.
/// </summary>
public class ModuleSetFeedTests
{
    [Fact]
    public async Task A_set_pushed_to_a_folder_feed_warms_a_fresh_cache_without_the_mirror_and_Go_accepts_it_offline()
    {
        GoToolchain.Require();
        await using var scenario = await ModuleSetScenario.StartAsync();
        var world = scenario.World;
        var modules = AwkwardModules.All().Take(4).Select(spec => AwkwardModules.AddTo(world.Proxy, spec)).ToArray();
        var goMod = world.Component("tools/agent", modules);
        var packed = await scenario.PackColdAsync(goMod);
        var folderFeed = world.Temp.Combine("feed");
        var feed = ModuleSetScenario.Feed(folderFeed, world.RepositoryRoot);

        var pushed = await feed.PushAsync(packed.PackagePath!, null, null, TestContext.Current.CancellationToken);
        var again = await feed.PushAsync(packed.PackagePath!, null, null, TestContext.Current.CancellationToken);

        Assert.True(pushed.Succeeded, string.Join("\n", pushed.Diagnostics));
        Assert.True(again.Succeeded, string.Join("\n", again.Diagnostics)); // already there: a conflict is success
        // NuGet's own layout of a new folder feed: the package file at the top (as `dotnet nuget push` leaves it).
        var inFeed = Assert.Single(Directory.GetFiles(folderFeed, "*.nupkg", SearchOption.AllDirectories));
        Assert.Equal(File.ReadAllBytes(packed.PackagePath!), File.ReadAllBytes(inFeed));

        world.Server.ClearRequests();
        var pulled = await feed.PullAsync(scenario.SetOf(goMod), scenario.WorkDirectory, null, TestContext.Current.CancellationToken);
        Assert.Empty(pulled.Diagnostics);
        using var folder = pulled.Folder!;
        var warmed = await scenario.PrewarmAsync(world.Cache, [folder.Proxy], goMod);

        Assert.Empty(world.Server.Requests);
        Assert.Equal(modules.Length, warmed.Downloaded);
        Assert.All(warmed.Modules, m => Assert.Equal(folder.Proxy.DisplayName, m.ServedBy));
        world.AssertGoAcceptsOffline(goMod);
    }

    [Fact]
    public async Task A_v3_HTTP_feed_with_nuget_config_credentials_and_an_api_key_pushes_and_pulls_without_leaking_them()
    {
        GoToolchain.Require();
        await using var scenario = await ModuleSetScenario.StartAsync();
        var world = scenario.World;
        var goMod = world.Component("app", world.Module("example.com/a"), world.Module("example.com/b", "v1.1.0"));
        var packed = await scenario.PackColdAsync(goMod);
        await using var server = await TestNuGetFeedServer.StartAsync(TestContext.Current.CancellationToken);
        const string password = "s3cret-feed-password";
        const string apiKey = "s3cret-api-key";
        server.RequireBasicAuth("builder", password);
        server.RequireApiKey(apiKey);
        var config = scenario.HttpFeedConfig(server, $"""
              <packageSourceCredentials>
                <modulesets>
                  <add key="Username" value="builder" />
                  <add key="ClearTextPassword" value="{password}" />
                </modulesets>
              </packageSourceCredentials>
            """);
        var detail = new List<string>();
        var redactor = new CredentialRedactor();
        var feed = ModuleSetScenario.Feed("modulesets", world.RepositoryRoot, config, redactor);

        // nuget.config keeps API keys DPAPI-encrypted, Windows only: elsewhere the host passes the key.
        var pushed = await feed.PushAsync(packed.PackagePath!, apiKey, detail.Add, TestContext.Current.CancellationToken);
        var conflict = await feed.PushAsync(packed.PackagePath!, apiKey, detail.Add, TestContext.Current.CancellationToken);
        var pulled = await feed.PullAsync(scenario.SetOf(goMod), scenario.WorkDirectory, detail.Add, TestContext.Current.CancellationToken);

        Assert.True(pushed.Succeeded && server.Packages.Count == 1, string.Join("\n", pushed.Diagnostics.Select(d => d.ToString()).Concat(detail).Concat(server.Requests)));
        Assert.True(conflict.Succeeded, string.Join("\n", conflict.Diagnostics));
        Assert.Equal([$"{packed.Set.Id.ToLowerInvariant()}/{packed.Set.Version}"], server.Packages);
        Assert.Equal(File.ReadAllBytes(packed.PackagePath!), server.Package(packed.Set.Id, packed.Set.Version));
        Assert.Contains("PUT /api/v2/package/", server.Requests); // the feed keeps a push only with the right credentials and key
        Assert.Empty(pulled.Diagnostics);
        using var folder = pulled.Folder!;
        world.Server.ClearRequests();
        var warmed = await scenario.PrewarmAsync(world.Cache, [folder.Proxy], goMod);
        Assert.Empty(world.Server.Requests);
        Assert.Equal(2, warmed.Downloaded);
        world.AssertGoAcceptsOffline(goMod);
        var text = string.Join("\n", detail.Append(feed.DisplayName));
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_what_the_feed_lacks_goes_to_the_mirror()
    {
        GoToolchain.Require();
        await using var scenario = await ModuleSetScenario.StartAsync();
        var world = scenario.World;
        var shared = world.Module("example.com/shared");
        var agent = world.Component("tools/agent", shared, world.Module("example.com/agent-only"));
        var cli = world.Component("tools/cli", shared, world.Module("example.com/cli-only"));
        var feed = ModuleSetScenario.Feed(world.Temp.Combine("feed"), world.RepositoryRoot);
        var packed = await scenario.PackColdAsync(agent);
        Assert.True((await feed.PushAsync(packed.PackagePath!, null, null, TestContext.Current.CancellationToken)).Succeeded);

        var agentSet = await feed.PullAsync(scenario.SetOf(agent), scenario.WorkDirectory, null, TestContext.Current.CancellationToken);
        var cliSet = await feed.PullAsync(scenario.SetOf(cli), scenario.WorkDirectory, null, TestContext.Current.CancellationToken);
        using var folder = agentSet.Folder!;
        Assert.Null(cliSet.Folder);
        var notThere = Assert.Single(cliSet.Diagnostics);
        Assert.Equal("GOMIRROR1104", notThere.Code);
        world.Server.ClearRequests();
        var warmed = await scenario.PrewarmAsync(world.Cache, [folder.Proxy], agent, cli);

        var fromMirror = warmed.Modules.Where(m => m.ServedBy == world.Server.Url).Select(m => m.Module.Path).ToList();
        Assert.Equal(["example.com/cli-only"], fromMirror);
        Assert.Equal(["example.com/cli-only"], world.Server.RequestsMatching("*.zip").Select(r => r.Path.Split("/@v/")[0].TrimStart('/')).ToList());
        Assert.Equal(3, warmed.Modules.Count(m => m.Outcome == PrewarmOutcome.Downloaded));
        world.AssertGoAcceptsOffline(agent);
        world.AssertGoAcceptsOffline(cli);
    }

    [Fact]
    public async Task A_source_that_is_no_feed_and_an_unreachable_feed_are_warnings_never_exceptions()
    {
        GoToolchain.Require();
        await using var scenario = await ModuleSetScenario.StartAsync();
        var world = scenario.World;
        var goMod = world.Component("app", world.Module("example.com/a"));
        var packed = await scenario.PackColdAsync(goMod);

        Assert.False(ModuleSetFeed.TryResolve("no-such-source", world.RepositoryRoot, null, new CredentialRedactor(), out _, out var invalid));
        Assert.Equal("GOMIRROR1103", invalid.Code);

        // A port nothing listens on: refused at once.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var dead = ModuleSetScenario.Feed($"http://user:hunter2@127.0.0.1:{port}/v3/index.json", world.RepositoryRoot);
        var push = await dead.PushAsync(packed.PackagePath!, null, null, TestContext.Current.CancellationToken);
        var pull = await dead.PullAsync(packed.Set, scenario.WorkDirectory, null, TestContext.Current.CancellationToken);

        Assert.False(push.Succeeded);
        Assert.Equal("GOMIRROR1108", Assert.Single(push.Diagnostics).Code);
        Assert.Null(pull.Folder);
        Assert.Equal("GOMIRROR1105", Assert.Single(pull.Diagnostics).Code);
        Assert.DoesNotContain("hunter2", string.Join("\n", push.Diagnostics.Concat(pull.Diagnostics)), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(scenario.WorkDirectory));
    }
}
