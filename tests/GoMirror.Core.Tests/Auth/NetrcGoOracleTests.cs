using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using GoMirror.Core.Auth;
using GoMirror.Core.Policy;
using GoMirror.Core.Security;
using GoMirror.Testing;
using GoMirror.Testing.Https;

namespace GoMirror.Core.Tests.Auth;

/// <summary>
/// Go is the oracle for netrc: each case runs <c>go mod download</c> of Go 1.19, 1.21 and 1.23 against an https
/// proxy with Basic auth (certificate from the test's own CA, trusted through SSL_CERT_FILE), and sends the
/// credential <see cref="CredentialSource"/> picks for the same URL to the same proxy: both must get in, or both
/// must be refused.
/// </summary>
public class NetrcGoOracleTests
{
    private const string User = "builder";
    private const string Password = "Corp-Pr0xy-Secret";

    public static TheoryData<string, string> Cases => GoVersions.Cross(
        ["netrc-file", "home-netrc", "wrong-password", "machine-without-port", "first-entry-wins", "first-entry-wrong", "netrc-beats-url-userinfo", "no-netrc"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Go_and_the_credential_source_agree(string scenario, string goVersion)
    {
        using var release = GoVersions.Use(goVersion);
        await using var bed = new AuthProxyBed();
        var server = await bed.StartProxyAsync(User, Password);
        var right = AuthProxyBed.NetrcLine(server, User, Password);
        var wrong = AuthProxyBed.NetrcLine(server, User, "not-the-password");
        var goproxy = server.Url;
        string? netrc = null;
        switch (scenario)
        {
            case "netrc-file":
                netrc = bed.WriteNetrc(right);
                break;
            case "home-netrc":
                bed.WriteNetrc(right, Path.Combine("home", ".netrc"));
                break;
            case "wrong-password":
                netrc = bed.WriteNetrc(wrong);
                break;
            case "machine-without-port":
                netrc = bed.WriteNetrc($"machine {server.Origin.Host} login {User} password {Password}\n");
                break;
            case "first-entry-wins":
                netrc = bed.WriteNetrc(right + wrong);
                break;
            case "first-entry-wrong":
                netrc = bed.WriteNetrc(wrong + right);
                break;
            case "netrc-beats-url-userinfo":
                netrc = bed.WriteNetrc(right);
                goproxy = server.UrlWithCredentials(User, "wrong-in-the-url");
                break;
            case "no-netrc":
                break;
        }

        var environment = bed.GoEnvironment(goproxy, netrc);
        var goRun = GoToolchain.Run(bed.Temp.Path, environment, "mod", "download", "-json", AuthProxyBed.ModuleAtVersion);
        var goGotIn = goRun.ExitCode == 0;

        var ours = await OurStatusAsync(bed, server, goproxy, environment, GoVersions.Compare(goVersion, "1.21") < 0 ? NetrcHostMatch.HostOnly : NetrcHostMatch.HostAndPort);

        Assert.True(goGotIn == (ours == HttpStatusCode.OK), $"go {goVersion} {(goGotIn ? "got in" : "was refused")}, the credential source got {ours}\n{goRun.Stdout}\n{goRun.Stderr}");
        // Go 1.19 compares the host name alone, Go 1.21+ host and port: a machine with the port matches only the latter.
        var expected = GoVersions.Compare(goVersion, "1.21") < 0
            ? scenario is "machine-without-port"
            : scenario is "netrc-file" or "home-netrc" or "first-entry-wins" or "netrc-beats-url-userinfo";
        Assert.True(expected == goGotIn, $"go {goVersion}: expected {(expected ? "success" : "401")}\n{goRun.Stdout}\n{goRun.Stderr}");
        if (!goGotIn)
        {
            Assert.Contains("401 Unauthorized", goRun.Stdout + goRun.Stderr, StringComparison.Ordinal);
        }
    }

    private static async Task<HttpStatusCode> OurStatusAsync(AuthProxyBed bed, TestProxyServer server, string goproxy, Dictionary<string, string> environment, NetrcHostMatch match)
    {
        var source = CredentialSource.Create(new GoPolicyHost(GoHostOS.Linux, environment), null, new CredentialRedactor(), match);
        var url = new Uri(server.Url + "/" + AuthProxyBed.Module + "/@v/" + AuthProxyBed.Version + ".mod");
        using var handler = new SocketsHttpHandler();

        // In-process the root store is read once per process, so the test client trusts the CA explicitly;
        // out of process, .NET reads SSL_CERT_FILE as Go does (the MSBuild build tests go that way).
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusts(bed.Authority.Certificate, certificate, errors);
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (await source.ForRequestAsync(url, TestContext.Current.CancellationToken) is { } credential)
        {
            foreach (var header in credential.Headers)
            {
                request.Headers.TryAddWithoutValidation(header.Name, header.Value);
            }
        }
        else if (new Uri(goproxy).UserInfo is { Length: > 0 } userInfo)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(userInfo))));
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static bool Trusts(X509Certificate2 root, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
