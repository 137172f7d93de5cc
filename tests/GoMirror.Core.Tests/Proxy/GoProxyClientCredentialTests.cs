using System.Net;
using System.Text;
using GoMirror.Core.Proxy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Proxy;

/// <summary>Credentials in proxy URLs: sent as Basic auth, only to the proxy's own origin, never shown.</summary>
public class GoProxyClientCredentialTests
{
    private const string User = "builder";
    private const string Secret = "s3cr3t-T0ken";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Credentials_in_the_url_are_sent_as_basic_auth_over_https()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync(https: true);
        server.RequireBasicAuth(User, Secret);
        using var client = new GoProxyClient(ProxyTestBed.Trusting(server));

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.UrlWithCredentials(User, Secret))], Token);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var request = Assert.Single(server.Requests);
        Assert.True(request.HadAuthorization);
        Assert.DoesNotContain(Secret, request.RawTarget, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.ServedBy!, StringComparison.Ordinal);
        Assert.Contains("***@", result.ServedBy, StringComparison.Ordinal);
        Assert.Equal("HTTP/2", request.Protocol);

        // Oracle: go authenticates the same way against the same server.
        GoToolchain.Run(bed.Temp.Path, bed.GoEnvironment(server.UrlWithCredentials(User, Secret), server), "mod", "download", ProxyTestBed.Module + "@" + ProxyTestBed.Version).AssertSuccess();
    }

    [Fact]
    public async Task Credentials_are_never_sent_over_plain_http_as_in_go()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync();
        var good = await bed.StartServerAsync("/good");
        using var client = new GoProxyClient(ProxyTestBed.Fast);
        var url = server.UrlWithCredentials(User, Secret);

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(url), ProxyTestBed.Comma(good.Url)], Token);

        Assert.Equal(ProxyFetchOutcome.Failed, result.Outcome);
        Assert.Equal(ProxyDiagnostics.InvalidProxyUrl, result.Diagnostics[0].Descriptor);
        Assert.Contains("refusing to pass credentials to insecure URL", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Empty(good.Requests);
        Assert.DoesNotContain(Secret, AllText(result), StringComparison.Ordinal);

        // Oracle: go 1.19 refuses too, and stops at the ','.
        var go = GoToolchain.Run(bed.Temp.Path, bed.GoEnvironment(url + "," + good.Url), "mod", "download", ProxyTestBed.Module + "@" + ProxyTestBed.Version);
        Assert.NotEqual(0, go.ExitCode);
        Assert.Contains("refusing to pass credentials to insecure URL", go.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_naming_the_url_userinfo_as_the_source()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync(https: true);
        server.RequireBasicAuth(User, Secret);
        using var client = new GoProxyClient(ProxyTestBed.Trusting(server));

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(server.UrlWithCredentials(User, "wrong-password"))], Token);

        Assert.Equal(GoMirror.Core.Auth.AuthDiagnostics.CredentialRejected, result.Diagnostics[0].Descriptor);
        Assert.Contains("401", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("the credential sent came from the user-info of the proxy URL", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", AllText(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_message_ever_carries_the_credential()
    {
        await using var bed = new ProxyTestBed();
        var server = await bed.StartServerAsync(https: true);
        var userinfo = $"{User}:{Secret}";

        // A proxy that echoes what it got, the credential included, in its error page.
        server.AddFault(TestProxyFault.Status("*.mod", 500, $"cannot serve for {userinfo}@upstream, token {Secret}\n"));
        server.AddFault(TestProxyFault.CutShort("*.zip"));
        server.AddFault(TestProxyFault.Hang("*.info"));
        server.AddFault(TestProxyFault.Status("*/list", 404, $"no list; token {Secret}\n"));
        var dead = await bed.StartServerAsync("/dead", https: true);
        var deadUrl = dead.UrlWithCredentials(User, Secret);
        await dead.StopAsync();
        var plain = await bed.StartServerAsync("/plain");
        using var client = new GoProxyClient(ProxyTestBed.Trusting(server) with { MaxRetries = 1, FirstByteTimeout = TimeSpan.FromMilliseconds(300), IdleTimeout = TimeSpan.FromMilliseconds(300) });
        var withCredentials = server.UrlWithCredentials(User, Secret);
        using var zip = new MemoryStream();

        var results = new List<ProxyFetchResult>
        {
            await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(withCredentials)], Token),
            await client.FetchZipAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(withCredentials)], zip, Token),
            await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Pipe(withCredentials), ProxyTestBed.Comma(deadUrl)], Token),
            await client.FetchListAsync(ProxyTestBed.Module, [ProxyTestBed.Comma(withCredentials), ProxyTestBed.Comma(deadUrl)], Token),
            await client.FetchListAsync(ProxyTestBed.Module, [ProxyTestBed.Comma(plain.UrlWithCredentials(User, Secret))], Token),
        };

        Assert.All(results, r => Assert.False(r.Succeeded));
        var text = string.Join("\n", results.Select(AllText));
        Assert.Contains("***", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(userinfo)), text, StringComparison.Ordinal);
        Assert.Contains(results[0].Diagnostics, d => d.Message.Contains("cannot serve for ***@upstream, token ***", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Basic_auth_follows_a_same_origin_redirect_but_never_another_host()
    {
        await using var bed = new ProxyTestBed();
        var front = await bed.StartServerAsync("/front", https: true);
        var back = await bed.StartServerAsync("/back", https: true);
        front.RequireBasicAuth(User, Secret);
        front.AddFault(TestProxyFault.Redirect("*.mod", "/front/{path}", times: 1));
        front.AddFault(TestProxyFault.Redirect("*.info", back.Url + "/{path}"));
        using var client = new GoProxyClient(ProxyTestBed.Fast with { AdditionalTrustedRoots = [front.Certificate!, back.Certificate!] });
        var proxies = new[] { ProxyTestBed.Comma(front.UrlWithCredentials(User, Secret)) };

        var mod = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, Token);
        var info = await client.FetchInfoAsync(ProxyTestBed.Module, ProxyTestBed.Version, proxies, Token);

        Assert.True(mod.Succeeded, string.Join("\n", mod.Diagnostics));
        Assert.Equal([302, 200], front.RequestsMatching("*.mod").Select(r => r.Status));
        Assert.All(front.Requests, r => Assert.True(r.HadAuthorization));
        Assert.True(info.Succeeded, string.Join("\n", info.Diagnostics));
        Assert.False(Assert.Single(back.Requests).HadAuthorization);
    }

    [Fact]
    public async Task Redirect_from_https_to_http_is_refused_as_in_go()
    {
        await using var bed = new ProxyTestBed();
        var secure = await bed.StartServerAsync("/secure", https: true);
        var plain = await bed.StartServerAsync("/plain");
        secure.AddFault(TestProxyFault.Redirect("*", plain.Url + "/{path}"));
        using var client = new GoProxyClient(ProxyTestBed.Trusting(secure));

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma(secure.Url)], Token);

        Assert.Equal(ProxyDiagnostics.ProxyRedirectRefused, result.Diagnostics[0].Descriptor);
        Assert.Empty(plain.Requests);
        var go = GoToolchain.Run(bed.Temp.Path, bed.GoEnvironment(secure.Url, secure), "mod", "download", ProxyTestBed.Module + "@" + ProxyTestBed.Version);
        Assert.Contains("redirected from secure URL", go.Stderr, StringComparison.Ordinal);
        Assert.Contains("redirected from secure URL", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_go_through_the_configured_http_proxy()
    {
        // The forward proxy is a TestProxyServer: Kestrel accepts the absolute-form request target a client
        // sends to an HTTP proxy, so the request for an unresolvable host lands there and is served.
        await using var bed = new ProxyTestBed();
        var forward = await bed.StartServerAsync();
        using var client = new GoProxyClient(ProxyTestBed.Fast with { WebProxy = new WebProxy(forward.Origin) });

        var result = await client.FetchModAsync(ProxyTestBed.Module, ProxyTestBed.Version, [ProxyTestBed.Comma("http://goproxy.unresolvable.invalid/proxy")], Token);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.StartsWith("http://goproxy.unresolvable.invalid/proxy/", Assert.Single(forward.Requests).RawTarget, StringComparison.Ordinal);
    }

    private static string AllText(ProxyFetchResult result) =>
        string.Join("\n", result.Diagnostics.Select(d => d.ToString()))
        + "\n" + string.Join("\n", result.Entries.Select(e => e.ToString()))
        + "\n" + result;
}
