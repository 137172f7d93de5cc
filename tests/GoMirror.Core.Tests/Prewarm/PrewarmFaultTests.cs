using System.Text;
using GoMirror.Core.Engine;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Prewarm;

/// <summary>
/// A proxy that fails or lies about one module version: the pre-warm reports a GOMIRROR code naming the module
/// and the proxy, leaves nothing Go would trust for it (the cache's own completeness check and Go offline both
/// say so), and still warms the others.
/// </summary>
public class PrewarmFaultTests
{
    private const string Victim = "example.com/victim";
    private const string Version = "v1.0.0";

    public static TheoryData<string, string> Faults => new()
    {
        { "500 persisting", "GOMIRROR0401" },
        { "503 persisting", "GOMIRROR0401" },
        { "timeout", "GOMIRROR0416" },
        { "body cut short", "GOMIRROR0406" },
        { "valid zip with other content", "GOMIRROR0500" },
        { "zip escaping its folder", "GOMIRROR0215" },
        { "case collision", "GOMIRROR0216" },
        { "oversized declared sizes", "GOMIRROR0212" },
        { ".info naming another version", "GOMIRROR0408" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_faulty_answer_fails_that_module_only_and_leaves_nothing_trusted(string fault, string code)
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var good = scenario.Module("example.com/good");
        var victim = scenario.Module(Victim, Version);
        var goMod = scenario.Component("app", good, victim);
        scenario.Server.AddFault(Fault(scenario, fault));
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, goMod), log);

        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded, log.Text);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(code, error.Code);
        Assert.Contains($"{Victim}@{Version}", error.Message, StringComparison.Ordinal);
        Assert.Contains(scenario.Server.Url, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Location);
        Assert.Contains(log.Diagnostics, d => d.Code == code);

        Assert.False(scenario.Cache.IsZipComplete(Victim, Version));
        Assert.False(scenario.Cache.IsExtracted(Victim, Version));
        Assert.True(scenario.Cache.TryGetPaths(Victim, Version, out var paths, out _));
        Assert.False(Directory.Exists(paths.SourceDirectory), "the failed module's source folder landed");
        var parent = Path.GetDirectoryName(paths.SourceDirectory)!;
        Assert.Empty(Directory.Exists(parent) ? Directory.EnumerateDirectories(parent, Path.GetFileName(paths.SourceDirectory) + ".tmp-*") : []);
        Assert.True(scenario.Cache.IsExtracted(good.Path, good.Version));
        Assert.False(scenario.GoFindsOffline(victim), "Go found the failed module complete in the cache");
        Assert.True(scenario.GoFindsOffline(good), "Go did not find the good module in the cache");
    }

    [Fact]
    public async Task A_hash_mismatch_names_the_go_sum_line()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var victim = scenario.Module(Victim, Version);
        var goMod = scenario.Component("app", victim);
        scenario.Server.AddFault(Fault(scenario, "valid zip with other content"));
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, goMod), new RecordingLog());

        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        var goSum = Path.Combine(Path.GetDirectoryName(goMod)!, "go.sum");
        var line = Array.FindIndex(File.ReadAllLines(goSum), l => l.StartsWith($"{Victim} {Version} h1:", StringComparison.Ordinal)) + 1;
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(goSum, error.Location!.File);
        Assert.Equal(line, error.Location.Line);
        Assert.Contains($"{goSum}({line})", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(scenario.CacheRoot, "cache", "download", "example.com", "victim", "@v"), "*.zip*"));
    }

    [Fact]
    public async Task One_transient_503_is_retried_and_the_module_lands()
    {
        GoToolchain.Require();
        await using var scenario = await PrewarmScenario.StartAsync();
        var victim = scenario.Module(Victim, Version);
        var goMod = scenario.Component("app", victim);
        var fault = scenario.Server.AddFault(TestProxyFault.Transient(TestProxyFault.ForModule(Victim, Version, ".zip"), failures: 1));
        var log = new RecordingLog();
        using var engine = new GoMirrorEngine(scenario.Options(scenario.Server.Url, goMod), log);

        var result = await engine.PrewarmAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, log.Text);
        Assert.Equal(2, fault.Hits);
        Assert.Equal(2, scenario.Server.RequestsMatching("*.zip").Count);
        scenario.AssertGoAcceptsOffline(goMod);
    }

    private static TestProxyFault Fault(PrewarmScenario scenario, string fault)
    {
        var zip = TestProxyFault.ForModule(Victim, Version, ".zip");
        var prefix = $"{Victim}@{Version}/";
        return fault switch
        {
            "500 persisting" => TestProxyFault.Status(zip, 500, "internal error\n"),
            "503 persisting" => TestProxyFault.Status(zip, 503),
            "timeout" => TestProxyFault.Hang(zip),
            "body cut short" => TestProxyFault.CutShort(zip, 40),
            "valid zip with other content" => TestProxyFault.WrongBytes(zip, Zip(scenario, (prefix + "go.mod", $"module {Victim}\n\ngo 1.19\n"), (prefix + "lib.go", "package lib // not what go.sum recorded\n"))),
            "zip escaping its folder" => TestProxyFault.WrongBytes(zip, Zip(scenario, (prefix + "go.mod", $"module {Victim}\n"), (prefix + "../escaped.go", "package escaped\n"))),
            "case collision" => TestProxyFault.WrongBytes(zip, Zip(scenario, (prefix + "go.mod", $"module {Victim}\n"), (prefix + "lib.go", "package lib\n"), (prefix + "LIB.go", "package lib\n"))),
            "oversized declared sizes" => TestProxyFault.WrongBytes(zip, Oversized(scenario, prefix)),
            ".info naming another version" => TestProxyFault.WrongBytes(TestProxyFault.ForModule(Victim, Version, ".info"), Encoding.UTF8.GetBytes("{\"Version\":\"v1.0.1\",\"Time\":\"2024-01-02T03:04:05Z\"}\n")),
            _ => throw new ArgumentException("unknown fault " + fault, nameof(fault)),
        };
    }

    private static byte[] Zip(PrewarmScenario scenario, params (string Name, string Content)[] entries)
    {
        var path = scenario.Temp.Combine(Guid.NewGuid().ToString("N") + ".zip");
        ModuleProxyFolder.WriteRawZip(path, entries.Select(e => new KeyValuePair<string, byte[]>(e.Name, Encoding.UTF8.GetBytes(e.Content))));
        return File.ReadAllBytes(path);
    }

    // Two small entries that each declare 300 MiB: 600 MiB in total, over Go's 500 MiB limit.
    private static byte[] Oversized(PrewarmScenario scenario, string prefix)
    {
        var path = scenario.Temp.Combine("oversized.zip");
        ModuleProxyFolder.WriteRawZip(path, [
            new(prefix + "go.mod", Encoding.UTF8.GetBytes($"module {Victim}\n")),
            new(prefix + "a.bin", new byte[16]),
            new(prefix + "b.bin", new byte[16]),
        ]);
        ZipBytes.SetDeclaredSize(path, prefix + "a.bin", 300u << 20);
        ZipBytes.SetDeclaredSize(path, prefix + "b.bin", 300u << 20);
        return File.ReadAllBytes(path);
    }
}
