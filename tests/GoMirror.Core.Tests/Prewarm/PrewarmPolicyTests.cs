using GoMirror.Core.Engine;
using GoMirror.Core.GoMod;
using GoMirror.Core.Prewarm;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Prewarm;

/// <summary>
/// What the pre-warm must not fetch: private modules (never requested from any proxy, proven by the request
/// log), modules GOPROXY gives no proxy for, versions go.sum lacks or records badly. Each is reported.
/// </summary>
public class PrewarmPolicyTests
{
    [Theory]
    [InlineData("GOPRIVATE")]
    [InlineData("GONOPROXY")]
    public async Task Private_modules_are_never_requested_from_any_proxy(string variable)
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var secret = scenario.Module("example.com/secret/lib");
        var open = scenario.Module("example.com/public");
        var goMod = scenario.Component("app", secret, open);
        await using var second = await TestProxyServer.StartAsync(scenario.Proxy, "/second", cancellationToken: TestContext.Current.CancellationToken);
        var options = scenario.OptionsWith(scenario.Server.Url + "|" + second.Url, new Dictionary<string, string> { [variable] = "example.com/secret" }, goMod);
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(options, log);

        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, log.Text);
        Assert.DoesNotContain(scenario.Server.Requests.Concat(second.Requests), r => r.RawTarget.Contains("secret", StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(scenario.Server.RequestsMatching("/example.com/public/@v/v1.0.0.zip"));
        var left = Assert.Single(result.Diagnostics, d => d.Code == "GOMIRROR0550");
        Assert.Contains("example.com/secret/lib@v1.0.0", left.Message, StringComparison.Ordinal);
        Assert.Contains(variable == "GOPRIVATE" ? "GONOPROXY" : variable, left.Message, StringComparison.Ordinal);
        Assert.False(scenario.Cache.IsZipComplete(secret.Path, secret.Version));
        Assert.True(scenario.GoFindsOffline(open));
    }

    [Fact]
    public async Task Direct_only_leaves_every_module_to_the_go_command()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var goMod = scenario.Component("app", scenario.Module("example.com/a"), scenario.Module("example.com/b"));
        using var engine = new GoMirrorEngine(scenario.Options("direct", goMod), new RecordingLog());

        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Diagnostics.Count(d => d.Code == "GOMIRROR0551"));
        Assert.Empty(scenario.Server.Requests);
    }

    [Fact]
    public async Task A_required_version_missing_from_go_sum_is_reported_at_its_require_line_and_not_fetched()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var kept = scenario.Module("example.com/kept");
        var dropped = scenario.Module("example.com/dropped");
        var goMod = scenario.Component("app", kept, dropped);
        var goSum = Path.Combine(Path.GetDirectoryName(goMod)!, "go.sum");
        File.WriteAllLines(goSum, File.ReadAllLines(goSum).Where(l => !l.StartsWith(dropped.Path + " ", StringComparison.Ordinal)));
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, goMod), new RecordingLog());

        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        var missing = Assert.Single(result.Diagnostics, d => d.Code == "GOMIRROR0909");
        Assert.Contains("example.com/dropped@v1.0.0", missing.Message, StringComparison.Ordinal);
        Assert.Equal(goMod, missing.Location!.File);
        Assert.Equal(Array.FindIndex(File.ReadAllLines(goMod), l => l.Contains(dropped.Path, StringComparison.Ordinal)) + 1, missing.Location.Line);
        Assert.DoesNotContain(scenario.Server.Requests, r => r.Path.Contains("dropped", StringComparison.Ordinal));
        Assert.True(scenario.GoFindsOffline(kept));
    }

    [Fact]
    public async Task Components_whose_go_sum_files_disagree_fail_naming_both_lines()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var shared = scenario.Module("example.com/shared");
        var first = scenario.Component("one", shared);
        var second = scenario.Component("two", shared);
        var goSum = Path.Combine(Path.GetDirectoryName(second)!, "go.sum");
        var tampered = File.ReadAllLines(goSum).Select(l => l.StartsWith("example.com/shared v1.0.0 h1:", StringComparison.Ordinal)
            ? "example.com/shared v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" : l);
        File.WriteAllLines(goSum, tampered);
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, first, second), new RecordingLog());

        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("GOMIRROR0553", error.Code);
        Assert.Contains(Path.Combine(Path.GetDirectoryName(first)!, "go.sum"), error.Message, StringComparison.Ordinal);
        Assert.Equal(goSum, error.Location!.File);
        Assert.DoesNotContain(scenario.Server.Requests, r => r.Path.EndsWith(".zip", StringComparison.Ordinal));
    }

    [Fact]
    public void Go_sum_lines_the_prewarm_cannot_use_are_reported()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("go.mod"), "module example.com/app\n\ngo 1.19\n");
        File.WriteAllText(temp.Combine("go.sum"), "example.com/a v1.0.0 h2:notanh1hash=\nexample.com/b v1.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        var diagnostics = new GoMirror.Core.Diagnostics.DiagnosticBag();
        var component = GoComponent.Load(temp.Path, diagnostics)!;
        var policy = GoMirror.Core.Policy.GoMirrorPolicy.Resolve(new GoMirror.Core.Policy.GoPolicyHost(GoMirror.Core.Policy.GoHostOS.Linux, new Dictionary<string, string> { ["HOME"] = temp.Path, ["GOENV"] = "off" }));

        var plan = PrewarmPlan.Create([component], policy);

        var hashLine = Assert.Single(plan.Diagnostics, d => d.Code == "GOMIRROR0554");
        Assert.Equal(1, hashLine.Location!.Line);
        var item = Assert.Single(plan.Items);
        Assert.Equal(PrewarmDisposition.Unusable, item.Disposition);
        Assert.Equal("GOMIRROR0554", Assert.Single(item.Diagnostics).Code);
        Assert.Empty(plan.Fetchable);
    }

    [Fact]
    public async Task A_component_that_does_not_exist_fails_the_check_before_any_request()
    {
        await using var scenario = await PrewarmScenario.StartAsync();
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, scenario.Temp.Combine("nowhere")), log);

        var check = engine.CheckPolicy();
        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        Assert.False(check.Succeeded);
        Assert.Equal("GOMIRROR0555", Assert.Single(check.Diagnostics, d => d.IsError).Code);
        Assert.False(result.Succeeded);
        Assert.Single(log.Diagnostics, d => d.Code == "GOMIRROR0555");
        Assert.Empty(scenario.Server.Requests);
    }
}
