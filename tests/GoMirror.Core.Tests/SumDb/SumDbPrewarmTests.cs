using System.Text.Json;
using GoMirror.Core.Engine;
using GoMirror.Core.GoMod;
using GoMirror.Core.Policy;
using GoMirror.Core.Prewarm;
using GoMirror.Core.SumDb;
using GoMirror.Core.Tests.Prewarm;
using GoMirror.Testing;
using GoMirror.Testing.SumDb;

namespace GoMirror.Core.Tests.SumDb;

/// <summary>
/// The pre-warm of versions go.sum lacks, proved in Go's own checksum database (x/mod/sumdb built at test time),
/// with Go as the oracle: it must accept what the pre-warm wrote with no network and no database.
/// </summary>
public class SumDbPrewarmTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [EveryGo]
    public async Task A_version_go_sum_lacks_is_proved_and_Go_accepts_it_with_no_network_and_no_database(string goVersion)
    {
        var go = GoVersions.Require(goVersion);
        using var world = new SumDbWorld();
        var server = world.Start();
        var goMod = world.Component("agent", world.A, world.B);

        var log = new RecordingLog();
        var step = await new GoMirrorEngine(Options(world, world.Proxy.FileUrl, server.GoSumDbDirect, goMod), log).PrewarmAsync(Ct);

        Assert.True(step.Succeeded, log.Text);
        Assert.DoesNotContain(step.Diagnostics, d => d.Code == "GOMIRROR0552");
        Assert.Contains("verified against checksum database " + SumDbWorld.Name, log.Text, StringComparison.Ordinal);
        Assert.Contains("/lookup/example.com/a@v1.0.0", string.Join("\n", server.Requests), StringComparison.Ordinal);
        server.Stop();

        var run = GoToolchain.RunGo(go, Scratch(world), GoEnvironment(world, "off", server.GoSumDbDirect), "mod", "download", "-json", "example.com/a@v1.0.0", "example.com/b@v1.2.0");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var cachedZipHash = await File.ReadAllTextAsync(Path.Combine(ModCache(world), "cache", "download", "example.com", "a", "@v", "v1.0.0.ziphash"), Ct);
        Assert.Equal(cachedZipHash.Trim(), Sums(run.Stdout)["example.com/a"]);
    }

    [Fact]
    public async Task A_mirror_serving_other_bytes_than_the_database_knows_is_a_SECURITY_ERROR_for_both_and_nothing_lands()
    {
        var go = GoToolchain.Require();
        using var world = new SumDbWorld();
        var server = world.Start();
        var evil = new ModuleProxyFolder(world.Temp.Combine("evil"));
        evil.Add(world.A.Path, world.A.Version, new Dictionary<string, byte[]> { ["a.go"] = "package a\n\nfunc Backdoor() {}\n"u8.ToArray() });
        var goMod = world.Component("agent", world.A);

        var log = new RecordingLog();
        var step = await new GoMirrorEngine(Options(world, evil.FileUrl, server.GoSumDbDirect, goMod), log).PrewarmAsync(Ct);

        Assert.False(step.Succeeded);
        var error = Assert.Single(step.Diagnostics, d => d.Code == SumDbDiagnostics.ChecksumMismatch.Code);
        Assert.Contains("SECURITY ERROR", error.Message, StringComparison.Ordinal);
        Assert.Contains("example.com/a@v1.0.0", error.Message, StringComparison.Ordinal);
        Assert.Contains(evil.FileUrl, error.Message, StringComparison.Ordinal);
        Assert.Contains("record 0", error.Message, StringComparison.Ordinal);
        var versionDir = Path.Combine(ModCache(world), "cache", "download", "example.com", "a", "@v");
        Assert.False(File.Exists(Path.Combine(versionDir, "v1.0.0.zip")));
        Assert.False(File.Exists(Path.Combine(versionDir, "v1.0.0.mod")));
        Assert.False(Directory.Exists(Path.Combine(ModCache(world), "example.com", "a@v1.0.0")));

        var run = GoToolchain.RunGo(go, Scratch(world), GoEnvironment(world, evil.FileUrl, server.GoSumDbDirect, world.Temp.Combine("go-own")), "mod", "download", "-json", "example.com/a@v1.0.0");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("SECURITY ERROR", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_verify_all_a_go_sum_written_from_a_poisoned_mirror_is_a_SECURITY_ERROR()
    {
        GoToolchain.Require();
        using var world = new SumDbWorld();
        var server = world.Start();
        var evil = new ModuleProxyFolder(world.Temp.Combine("evil"));
        var poisoned = evil.Add(world.A.Path, world.A.Version, new Dictionary<string, byte[]> { ["a.go"] = "package a\n\nfunc Backdoor() {}\n"u8.ToArray() });
        var goMod = world.Component("agent", world.A);

        // go.sum as a build against the poisoned mirror with GOSUMDB=off would have written it.
        var dir = Path.GetDirectoryName(goMod)!;
        GoToolchain.Run(dir, GoEnvironment(world, evil.FileUrl, "off", world.Temp.Combine("poison-cache")), ["mod", "download", poisoned.Path + "@" + poisoned.Version]).AssertSuccess();
        Assert.Contains("example.com/a v1.0.0 h1:", await File.ReadAllTextAsync(Path.Combine(dir, "go.sum"), Ct), StringComparison.Ordinal);

        var trusting = await new GoMirrorEngine(Options(world, evil.FileUrl, server.GoSumDbDirect, goMod), new RecordingLog()).PrewarmAsync(Ct);
        Assert.True(trusting.Succeeded, "without SumDbVerifyAll go.sum is trusted, as Go trusts it");
        Assert.DoesNotContain(server.Requests, r => r.Contains("/lookup/", StringComparison.Ordinal));

        var checking = await new GoMirrorEngine(Options(world, evil.FileUrl, server.GoSumDbDirect, goMod) with { SumDbVerifyAll = true, ReportDirectory = world.Temp.Combine("reports-2") }, new RecordingLog()).PrewarmAsync(Ct);
        Assert.False(checking.Succeeded);
        var error = Assert.Single(checking.Diagnostics, d => d.Code == SumDbDiagnostics.ChecksumMismatch.Code);
        Assert.Contains("SECURITY ERROR", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("go.sum", error.Location?.File ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paths_in_GONOSUMDB_are_never_looked_up_and_stay_left_to_the_go_command()
    {
        GoToolchain.Require();
        using var world = new SumDbWorld();
        var server = world.Start();
        var goMod = world.Component("agent", world.A, world.C);

        var options = Options(world, world.Proxy.FileUrl, server.GoSumDbDirect, goMod, new Dictionary<string, string> { ["GONOSUMDB"] = "corp.example" });
        var step = await new GoMirrorEngine(options, new RecordingLog()).PrewarmAsync(Ct);

        Assert.True(step.Succeeded);
        var left = Assert.Single(step.Diagnostics, d => d.Code == "GOMIRROR0909");
        Assert.Contains("corp.example/private@v0.1.0", left.Message, StringComparison.Ordinal);
        Assert.Contains("GONOSUMDB", left.Message, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.Contains("example.com/a", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Requests, r => r.Contains("corp.example", StringComparison.Ordinal));
    }

    [Fact]
    public void The_plan_asks_the_database_only_for_what_go_sum_lacks_and_only_when_it_may()
    {
        using var world = new SumDbWorld();
        var goMod = world.Component("agent", world.A, world.C);
        var component = GoComponent.Load(goMod, new Core.Diagnostics.DiagnosticBag())!;

        var on = Policy(world, "sum.golang.org", "corp.example");
        var plan = PrewarmPlan.Create([component], on);
        Assert.True(Assert.Single(plan.Items).FromChecksumDatabase);
        Assert.Contains(plan.Diagnostics, d => d.Code == "GOMIRROR0909" && d.Message.Contains("corp.example/private", StringComparison.Ordinal));

        var off = PrewarmPlan.Create([component], Policy(world, "off", string.Empty));
        Assert.Empty(off.Items);
        Assert.Equal(2, off.Diagnostics.Count(d => d.Code == "GOMIRROR0909" && d.Severity == Core.Diagnostics.DiagnosticSeverity.Warning && d.Message.Contains("GOSUMDB=off", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("error", Core.Diagnostics.DiagnosticSeverity.Error)]
    [InlineData(" Info ", Core.Diagnostics.DiagnosticSeverity.Info)]
    public async Task The_user_sets_the_severity_of_an_unverified_version(string written, Core.Diagnostics.DiagnosticSeverity expected)
    {
        GoToolchain.Require();
        using var world = new SumDbWorld();
        var goMod = world.Component("agent", world.C);
        var options = Options(world, world.Proxy.FileUrl, "off", goMod) with { SumDbUnverifiedSeverity = written };

        var step = await new GoMirrorEngine(options, new RecordingLog()).PrewarmAsync(Ct);

        var finding = Assert.Single(step.Diagnostics, d => d.Code == SumDbDiagnostics.Unverified.Code);
        Assert.Equal(expected, finding.Severity);
        Assert.Equal(expected != Core.Diagnostics.DiagnosticSeverity.Error, step.Succeeded);
    }

    [Theory]
    [InlineData("off", "cannot be switched off")]
    [InlineData("fatal", "use error, warning or info")]
    public void A_malformed_unverified_severity_is_GOMIRROR0017(string written, string why)
    {
        using var world = new SumDbWorld();
        var goMod = world.Component("agent", world.C);
        using var engine = new GoMirrorEngine(Options(world, world.Proxy.FileUrl, "off", goMod) with { SumDbUnverifiedSeverity = written }, new RecordingLog());

        var check = engine.CheckPolicy();

        var error = Assert.Single(check.Diagnostics, d => d.Code == "GOMIRROR0017");
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.False(check.Succeeded);
    }

    private static GoMirrorPolicy Policy(SumDbWorld world, string goSumDb, string noSumDb) =>
        GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, new Dictionary<string, string>
        {
            ["GOPROXY"] = world.Proxy.FileUrl,
            ["GOSUMDB"] = goSumDb,
            ["GONOSUMDB"] = noSumDb,
            ["GOPATH"] = world.Temp.Combine("gopath"),
            ["GOENV"] = "off",
        }));

    private static GoMirrorOptions Options(SumDbWorld world, string goProxy, string goSumDb, string goMod, Dictionary<string, string>? extra = null)
    {
        var variables = new Dictionary<string, string> { ["GOSUMDB"] = goSumDb, ["GONOSUMDB"] = string.Empty, ["GOPRIVATE"] = string.Empty };
        foreach (var (key, value) in extra ?? [])
        {
            variables[key] = value;
        }

        return PrewarmScenario.OptionsFor(world.Temp.Path, goProxy, [goMod], variables);
    }

    private static string ModCache(SumDbWorld world) => world.Temp.Combine("modcache");

    private static Dictionary<string, string> GoEnvironment(SumDbWorld world, string goProxy, string goSumDb, string? modCache = null) => new()
    {
        ["GOPROXY"] = goProxy,
        ["GOSUMDB"] = goSumDb,
        ["GONOSUMDB"] = string.Empty,
        ["GOPRIVATE"] = string.Empty,
        ["GOFLAGS"] = "-mod=mod",
        ["GOMODCACHE"] = modCache ?? ModCache(world),
        ["GOPATH"] = modCache is null ? world.Temp.Combine("gopath") : modCache + "-gopath",
        ["GOCACHE"] = world.Temp.Combine("gocache"),
        ["GOTOOLCHAIN"] = "local",
    };

    private static string Scratch(SumDbWorld world)
    {
        var dir = world.Temp.Combine("scratch-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static Dictionary<string, string> Sums(string stdout)
    {
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(stdout), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            var element = JsonElement.ParseValue(ref reader);
            sums[element.GetProperty("Path").GetString()!] = element.GetProperty("Sum").GetString()!;
        }

        return sums;
    }
}
