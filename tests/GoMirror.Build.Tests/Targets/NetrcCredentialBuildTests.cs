using System.Text;
using GoMirror.Build.Tests.Infrastructure;
using GoMirror.Testing;
using GoMirror.Testing.Https;

namespace GoMirror.Build.Tests.Targets;

/// <summary>
/// `dotnet build` out of process against an https proxy with Basic auth, the password only in a netrc file
/// (NETRC) and the proxy's CA only in SSL_CERT_FILE, which .NET reads on Linux as Go does: the build gets in,
/// and the secret is in no console line (diagnostic verbosity), binary log, report or step state.
/// </summary>
[Collection(MSBuildCollection.Name)]
public sealed class NetrcCredentialBuildTests(PackageFeed feed) : IDisposable
{
    private const string User = "ci-bot";
    private const string Secret = "n3trc-S3cret-71c9";
    private readonly TempDirectory _cache = new("gomirror-modcache");

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task A_netrc_password_gets_the_build_in_and_shows_nowhere()
    {
        GoToolchain.Require();
        if (OperatingSystem.IsWindows() || OperatingSystem.IsMacOS())
        {
            throw Xunit.Sdk.SkipException.ForSkip("SSL_CERT_FILE is honoured by .NET and Go on Linux only");
        }

        using var consumer = new ConsumerProject(feed, projectBody: ConsumerProject.AgentGoModule);
        var component = new GoComponent(consumer.Root);
        using var authority = new TestCertificateAuthority(consumer.Combine("ca.pem"));
        await using var server = await TestProxyServer.StartHttpsAsync(component.Proxy, authority.IssueServerCertificate(), "/proxy", TestContext.Current.CancellationToken);
        server.RequireBasicAuth(User, Secret);
        var netrc = consumer.Combine("netrc");
        File.WriteAllText(netrc, $"machine {server.Origin.Authority} login {User} password {Secret}\n");
        File.SetUnixFileMode(netrc, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var binlog = consumer.Combine("build.binlog");
        var modCache = _cache.Combine("modcache");

        var build = ChildProcess.Dotnet(
            consumer.Root,
            ["build", consumer.ProjectFile, "-nr:false", "-v:diag", "-bl:" + binlog, "-p:GoMirrorProxy=" + server.Url, "-p:GoMirrorSumDb=off", "-p:GoMirrorModCache=" + modCache, "-p:GoExecutable=" + component.GoWrapper],
            new Dictionary<string, string> { ["NETRC"] = netrc, ["SSL_CERT_FILE"] = authority.BundleFile });

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.NotEmpty(server.RequestsMatching("*.zip"));
        Assert.All(server.Requests, r => Assert.True(r.HadAuthorization && r.Status == 200, $"{r.Path}: {r.Status}"));
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Secret));
        foreach (var needle in new[] { Secret, header })
        {
            Assert.DoesNotContain(needle, build.Output, StringComparison.Ordinal);
            Assert.False(BinaryLogText.Contains(BinaryLogText.Read(binlog), needle), "the binary log holds " + needle);
            var written = Directory.GetFiles(consumer.Combine("artifacts"), "*", SearchOption.AllDirectories)
                .Concat(Directory.GetFiles(Path.Combine(modCache, "cache", "gomirror"), "*", SearchOption.AllDirectories))
                .ToList();
            Assert.True(written.Count >= 4, string.Join("\n", written));
            Assert.All(written, f => Assert.DoesNotContain(needle, File.ReadAllText(f), StringComparison.Ordinal));
        }

        // Proof the searches read real content: the diagnostic log names the netrc file (a path, not a secret).
        Assert.Contains(netrc, build.Output, StringComparison.Ordinal);
    }
}
