using GoMirror.Core.Diagnostics;
using GoMirror.Core.Engine;
using GoMirror.Core.Policy;

namespace GoMirror.Core.Tests.Policy;

/// <summary>
/// Which proxy list serves a module path: an exact route, else the longest matching prefix route, else GOPROXY, as
/// NuGet's package source mapping chooses a source; GONOPROXY/GOPRIVATE win over every route. Route lists follow
/// GOPROXY's syntax and URL rules; a route that would send private paths to a public mirror is an error.
/// </summary>
public sealed class RoutingTests
{
    private const string Corp = "https://athens.corp.example";
    private const string Team = "https://team.corp.example";
    private const string Tools = "https://tools.corp.example";

    [Fact]
    public void An_exact_route_beats_every_prefix_the_longest_prefix_beats_shorter_ones_and_the_rest_take_GOPROXY()
    {
        var policy = Resolve(routes: $"git.corp.example/*={Corp};git.corp.example/team/*={Team};git.corp.example/team/tool={Tools};git.corp.*={Team}");

        Assert.False(policy.HasErrors, string.Join("\n", policy.Diagnostics));
        Assert.Equal(Corp, First("git.corp.example/lib"));
        Assert.Equal(Team, First("git.corp.example/team/svc"));
        Assert.Equal(Tools, First("git.corp.example/team/tool"));
        Assert.Equal(Team, First("git.corp.example/team/tool/v2"));
        Assert.Equal(Team, First("git.corp.other/x"));
        Assert.Equal("https://proxy.golang.org", First("example.com/public"));
        Assert.Equal("git.corp.example/team/tool", policy.RouteFor("git.corp.example/team/tool")!.Pattern);
        Assert.Null(policy.RouteFor("example.com/public"));

        // A prefix is text, as in NuGet: git.corp.example/* does not match git.corp.example itself.
        Assert.Equal(Team, First("git.corp.example"));

        string First(string path) => policy.ProxiesFor(path)[0].DisplayName;
    }

    [Fact]
    public void GONOPROXY_and_GOPRIVATE_win_over_every_route()
    {
        var policy = Resolve(new() { ["GOPRIVATE"] = "git.corp.example/secret" }, routes: $"git.corp.example/*={Corp};git.corp.example/secret={Corp}");

        Assert.Empty(policy.ProxiesFor("git.corp.example/secret"));
        Assert.Empty(policy.ProxiesFor("git.corp.example/secret/sub"));
        Assert.Null(policy.RouteFor("git.corp.example/secret"));
        Assert.Equal(Corp, policy.ProxiesFor("git.corp.example/lib")[0].DisplayName);

        // The exact route can never be used, and the policy says so; the prefix route still serves other paths.
        var shadowed = Assert.Single(policy.Diagnostics, d => d.Code == PolicyDiagnostics.RouteShadowedByNoProxy.Code);
        Assert.Contains("'git.corp.example/secret'", shadowed.Message, StringComparison.Ordinal);
        Assert.False(policy.HasErrors);
    }

    [Theory]
    [InlineData("git.corp.example/*=https://goproxy.cn", "git.corp.example", "https://goproxy.cn")]
    [InlineData("git.corp.example/*=https://athens.corp.example|https://proxy.golang.org,direct", "git.corp.example/team", "https://proxy.golang.org")]
    [InlineData("git.corp.example/secret=goproxy.io", "git.corp.example/secret", "https://goproxy.io")]
    [InlineData("*=https://mirrors.aliyun.com/goproxy/", "*.corp.example", "https://mirrors.aliyun.com/goproxy/")]
    [InlineData("git.corp.*=https://proxy.golang.org", "git.corp.example/team", "https://proxy.golang.org")]
    public void A_route_that_sends_GOPRIVATE_paths_to_a_public_mirror_is_an_error(string routes, string goPrivate, string shown)
    {
        var policy = Resolve(new() { ["GOPRIVATE"] = goPrivate }, routes: routes);

        var error = Assert.Single(policy.Diagnostics, d => d.IsError);
        Assert.Equal(PolicyDiagnostics.PrivateRouteToPublicProxy.Code, error.Code);
        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
        Assert.Contains("GOPRIVATE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_to_a_public_mirror_for_public_paths_and_a_private_route_to_an_own_proxy_are_fine()
    {
        var policy = Resolve(new() { ["GOPRIVATE"] = "git.corp.example/secret" }, routes: "example.com/*=https://goproxy.cn;git.corp.example/*=https://athens.corp.example");

        Assert.False(policy.HasErrors, string.Join("\n", policy.Diagnostics));
        Assert.DoesNotContain(policy.Diagnostics, d => d.Code == PolicyDiagnostics.RouteShadowedByNoProxy.Code);
    }

    [Fact]
    public void A_route_list_follows_GOPROXY_syntax_and_URL_rules()
    {
        var policy = Resolve(routes: "git.corp.example/*=athens.corp.example|http://10.0.0.5:3000, direct");

        var entries = policy.ProxiesFor("git.corp.example/x");
        Assert.Equal(["https://athens.corp.example", "http://10.0.0.5:3000", "direct"], entries.Select(e => e.DisplayName));
        Assert.Equal([true, false, false], entries.Select(e => e.FallBackOnAnyError));

        // Plain http only where the user wrote it, with GOPROXY's warning, said about the route.
        var http = Assert.Single(policy.Diagnostics, d => d.Code == PolicyDiagnostics.InsecureProxy.Code);
        Assert.StartsWith("route 'git.corp.example/*': ", http.Message, StringComparison.Ordinal);
        Assert.Equal("https://athens.corp.example|http://10.0.0.5:3000,direct", Assert.Single(policy.Routes).Value);
    }

    [Theory]
    [InlineData("git.corp.example/*=ftp://mirror.corp.example", "GOMIRROR0024")]
    [InlineData("git.corp.example/*=,", "GOMIRROR0024")]
    [InlineData("git.corp.example/*=direct", "GOMIRROR0024")]
    [InlineData("git.corp.example/*=", "GOMIRROR0024")]
    [InlineData("git.*.example/*=https://a.example", "GOMIRROR0023")]
    [InlineData("git.corp.example/*", "GOMIRROR0023")]
    [InlineData("=https://a.example", "GOMIRROR0023")]
    [InlineData("git.corp.example/*=https://a.example;git.corp.example/*=https://b.example", "GOMIRROR0026")]
    public void A_malformed_route_is_an_error_and_the_route_is_not_used(string routes, string code)
    {
        var policy = Resolve(routes: routes);

        var error = Assert.Single(policy.Diagnostics, d => d.IsError);
        Assert.Equal(code, error.Code);
        Assert.Equal(DiagnosticCategory.Policy, error.Descriptor.Category);
        Assert.Equal("GoMirrorRoutes", error.Location?.Description);
        Assert.Empty(policy.Routes);
        Assert.Equal("https://proxy.golang.org", policy.ProxiesFor("git.corp.example/x")[0].DisplayName);
    }

    [Fact]
    public void A_route_list_starting_with_off_is_served_from_the_cache_only()
    {
        var policy = Resolve(routes: "git.corp.example/*=off");

        Assert.False(policy.HasErrors);
        Assert.Equal(ProxyEntryKind.Off, Assert.Single(policy.ProxiesFor("git.corp.example/x")).Kind);
    }

    [Fact]
    public void Credentials_in_a_route_are_redacted_and_the_same_route_twice_is_one_route()
    {
        var policy = Resolve(routes: "git.corp.example/*=https://bob:s3cret@athens.corp.example;git.corp.example/*=https://bob:s3cret@athens.corp.example");

        Assert.False(policy.HasErrors);
        var route = Assert.Single(policy.Routes);
        Assert.DoesNotContain("s3cret", route.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", policy.Redactor.Redact("GET https://bob:s3cret@athens.corp.example/x/@v/list"), StringComparison.Ordinal);
    }

    internal static GoMirrorPolicy Resolve(Dictionary<string, string>? environment = null, string? routes = null, GoMirrorOptions? options = null)
    {
        var variables = new Dictionary<string, string> { ["HOME"] = "/home/u", ["GOENV"] = "off" };
        foreach (var (name, value) in environment ?? [])
        {
            variables[name] = value;
        }

        return GoMirrorPolicy.Resolve(new GoPolicyHost(GoHostOS.Linux, variables), (options ?? new GoMirrorOptions { PolicyFile = "none" }) with { Routes = routes });
    }
}
