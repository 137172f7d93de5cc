using Cake.Core;
using Cake.Core.IO;
using Cake.GoMirror.Tests.Infrastructure;
using GoMirror.Testing;

namespace Cake.GoMirror.Tests.Aliases;

/// <summary>The <c>GoMirrorProbe</c> alias: the mirrors of <c>ProbeProxies</c>, samples from the component's go.sum,
/// the probe files in the report folder, and a task that fails on a mirror serving other bytes.</summary>
public sealed class ProbeAliasTests : IDisposable
{
    private readonly TempDirectory _temp = new("cake-gomirror-probe");
    private readonly FakeCakeContext _context;
    private readonly ModuleProxyFolder _proxy;

    public ProbeAliasTests()
    {
        var environment = new FakeCakeEnvironment(_temp.Path);
        environment.Variables["GOENV"] = "off";
        environment.Variables["HOME"] = _temp.Path;
        environment.Variables["GOPATH"] = _temp.Combine("gopath");
        _context = new FakeCakeContext(environment);
        _proxy = new ModuleProxyFolder(_temp.Combine("proxy"));
    }

    [Fact]
    public async Task The_alias_ranks_the_mirrors_and_a_mirror_serving_other_bytes_fails_the_task()
    {
        var ct = TestContext.Current.CancellationToken;
        var goMod = Component();
        await using var good = await TestProxyServer.StartAsync(_proxy, "/good", cancellationToken: ct);
        await using var evil = await TestProxyServer.StartAsync(_proxy, "/evil", cancellationToken: ct);
        var settings = new GoMirrorSettings { ProbeProxies = good.Url, SumDb = "off", ReportDir = _temp.Combine("reports") };

        var probe = _context.GoMirrorProbe([new FilePath(goMod)], settings);

        var mirror = Assert.Single(probe.Mirrors);
        Assert.Equal((good.Url, 1), (mirror.Url, mirror.Rank));
        Assert.Equal(2, probe.Files.Count);
        Assert.All(probe.Files, f => Assert.StartsWith(_temp.Combine("reports"), f, StringComparison.Ordinal));

        evil.AddFault(TestProxyFault.WrongBytes(TestProxyFault.ForModule("example.com/lib", "v1.0.0", ".mod"), "module example.com/lib\n\ngo 1.21\n"u8.ToArray()));
        var error = Assert.Throws<CakeException>(() => _context.GoMirrorProbe([new FilePath(goMod)], settings.WithProbeProxies($"{good.Url};{evil.Url}")));
        Assert.Contains("GOMIRROR1300", error.Message, StringComparison.Ordinal);
        Assert.Contains("SECURITY ERROR", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private string Component()
    {
        _proxy.Add("example.com/lib", "v1.0.0", new Dictionary<string, byte[]> { ["lib.go"] = "package lib\n"u8.ToArray() });
        var dir = _temp.Combine("agent");
        Directory.CreateDirectory(dir);
        File.WriteAllText(System.IO.Path.Combine(dir, "go.mod"), "module example.com/agent\n\ngo 1.19\n\nrequire example.com/lib v1.0.0\n");
        GoToolchain.Run(dir, new Dictionary<string, string>
        {
            ["GOPROXY"] = _proxy.FileUrl,
            ["GOSUMDB"] = "off",
            ["GOFLAGS"] = "-mod=mod",
            ["GOMODCACHE"] = _temp.Combine("oracle-cache"),
            ["GOPATH"] = _temp.Combine("gopath"),
        }, "mod", "download", "example.com/lib@v1.0.0").AssertSuccess();
        TempDirectory.MakeWritable(_temp.Combine("oracle-cache"));
        return System.IO.Path.Combine(dir, "go.mod");
    }
}
