using System.Text.Json;
using GoMirror.Testing;
using GoMirror.Tool.Tests.Infrastructure;

namespace GoMirror.Tool.Tests.Verbs;

/// <summary><c>gomirror probe</c> through the installed tool against three test proxies serving one module
/// folder: a fast one, a slow one, and a fast one serving a tampered zip.</summary>
[Collection(InstalledToolCollection.Name)]
public sealed class ProbeVerbTests(InstalledTool tool)
{
    [Fact]
    public async Task Probe_ranks_by_latency_and_flags_the_mirror_serving_other_bytes_never_suggesting_it()
    {
        GoToolchain.Require();
        var ct = TestContext.Current.CancellationToken;
        var scenario = new GoScenario(tool);
        scenario.CreateComponent();
        await using var fast = await TestProxyServer.StartAsync(scenario.Proxy, "/fast", cancellationToken: ct);
        await using var slow = await TestProxyServer.StartAsync(scenario.Proxy, "/slow", cancellationToken: ct);
        await using var tampered = await TestProxyServer.StartAsync(scenario.Proxy, "/tampered", cancellationToken: ct);
        slow.Latency = TimeSpan.FromMilliseconds(150);
        var honest = File.ReadAllBytes(Path.Combine(scenario.Proxy.VersionDirectory("example.com/greet"), "v1.0.0.zip"));
        var evil = Path.Combine(scenario.Folder, "evil.zip");
        ModuleProxyFolder.WriteRawZip(evil, new Dictionary<string, byte[]>
        {
            ["example.com/greet@v1.0.0/go.mod"] = "module example.com/greet\n\ngo 1.19\n"u8.ToArray(),
            ["example.com/greet@v1.0.0/greet.go"] = "package greet\n\nfunc Hello() string { return \"pwned\" }\n"u8.ToArray(),
        });
        tampered.AddFault(TestProxyFault.WrongBytes(TestProxyFault.ForModule("example.com/greet", "v1.0.0", ".zip"), File.ReadAllBytes(evil)));
        Assert.NotEqual(honest, File.ReadAllBytes(evil));
        // The folder proxies the checksum database for all three (Go's /sumdb/<name>/supported).
        Directory.CreateDirectory(Path.Combine(scenario.Proxy.Root, "sumdb", "sum.golang.org"));
        File.WriteAllText(Path.Combine(scenario.Proxy.Root, "sumdb", "sum.golang.org", "supported"), string.Empty);
        var reports = Path.Combine(scenario.Folder, "probe");

        var run = tool.Run(scenario.Folder, scenario.Environment(), "probe", slow.Url, tampered.Url, fast.Url, "--go-mod", scenario.Component, "--zips", "2", "--json", "--report-dir", reports);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error GOMIRROR1300", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("SECURITY ERROR", run.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Stdout);
        var mirrors = json.RootElement.GetProperty("mirrors").EnumerateArray().ToDictionary(m => m.GetProperty("url").GetString()!);
        Assert.Equal(1, mirrors[fast.Url].GetProperty("rank").GetInt32());
        Assert.Equal(2, mirrors[slow.Url].GetProperty("rank").GetInt32());
        Assert.Equal(JsonValueKind.Null, mirrors[tampered.Url].GetProperty("rank").ValueKind);
        Assert.False(mirrors[tampered.Url].GetProperty("consistent").GetBoolean());
        Assert.Equal("example.com/greet@v1.0.0", Assert.Single(mirrors[tampered.Url].GetProperty("inconsistent").EnumerateArray()).GetString());
        Assert.True(mirrors[fast.Url].GetProperty("consistent").GetBoolean());
        Assert.True(mirrors[slow.Url].GetProperty("latencyMs").GetProperty("p50").GetDouble() >= 150);
        Assert.True(mirrors[fast.Url].GetProperty("latencyMs").GetProperty("p50").GetDouble() < 150);
        Assert.True(mirrors[fast.Url].GetProperty("bytesPerSecond").GetInt64() > 0);
        Assert.Equal($"{fast.Url}|{slow.Url},direct", json.RootElement.GetProperty("suggestedProxy").GetString());

        Assert.True(mirrors[fast.Url].GetProperty("sumdbSupported").GetBoolean());

        // Bounded: 2 versions × (.info + .mod) + one @v/list per sampled module (2) + 2 zips + the sumdb check per mirror, nothing else.
        Assert.Equal(9, fast.Requests.Count);
        Assert.Equal(2, fast.RequestsMatching("**/@v/list").Count);
        Assert.True(File.Exists(Path.Combine(reports, "gomirror-probe.json")));
        Assert.Contains("| 1 | " + fast.Url, File.ReadAllText(Path.Combine(reports, "gomirror-probe.md")), StringComparison.Ordinal);
    }
}
