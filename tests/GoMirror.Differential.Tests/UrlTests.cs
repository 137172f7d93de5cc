using System.Text;
using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;
using GoMirror.Core.Web;

namespace GoMirror.Differential.Tests;

/// <summary>
/// Go's <c>net/url.Parse</c> (what cmd/go applies to GOPROXY entries and GOSUMDB URLs) against the engine's
/// <see cref="GoUrl"/> on generated URLs: accepted or Go's error, and the parts cmd/go looks at. net/url's parser
/// is the same in the releases tested, so the newest one is the oracle.
/// </summary>
public sealed class UrlTests
{
    private const string Release = "1.23";

    private static readonly string[] Schemes = ["https://", "https://", "http://", "file://", "file:///", "file:", "HTTPS://", "", "ht tp://", "1http://", "://", "git+ssh://", "https:", "https:/"];

    private static readonly string[] Users = ["", "", "user@", "user:pass@", "u:p@ss@", "us%20er@", "u%zz@", "ü@", "u/x@", ":@", "user:p%40ss@", "a b@"];

    private static readonly string[] Hosts = ["proxy.example", "proxy.example", "[::1]", "[fe80::1%25eth0]", "[fe80::1%eth0]", "[fe80::1%25%41]", "127.0.0.1", "host_name", "hö.example", "a%41b", "%00", "a b", "", "a%2", "[::1", "x{y}", "a<b"];

    private static readonly string[] Ports = ["", "", ":8080", ":99999", ":", ":x", ":0", ":1:2"];

    private static readonly string[] Paths = ["", "/", "/p/a", "/%zz", "/a%2Fb", "/ä", "/a b", "/%", "/a:b", "relative", ":x"];

    private static readonly string[] Tails = ["", "", "?q=1", "?", "#f", "#%zz", "#", "?a#b", "??"];

    [Fact]
    public void Url_parsing_agrees_with_go()
    {
        var random = new CaseRandom(Differential.Seed("url"));
        var inputs = Enumerable.Range(0, Differential.Cases()).Select(_ => Url(random)).ToList();
        var answers = GoOracle.Ask(Release, "url", [.. inputs.Select(s => new[] { s })]);
        var comparison = new Comparison("url", Release);
        string[] fields = ["error", "scheme", "host", "hostname", "port", "user", "path"];
        for (var i = 0; i < inputs.Count; i++)
        {
            var url = GoUrl.Parse(inputs[i], out var error);
            string[] engine = url is null
                ? ["error: " + error, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty]
                : [string.Empty, url.Scheme, url.Host, url.Hostname, url.Port, (url.User ?? string.Empty) + "\0" + (url.Password is null ? string.Empty : "set:" + url.Password), url.Path];
            comparison.Compare(inputs[i], fields, answers[i], engine);
        }

        comparison.AssertAgreement();
    }

    [Fact]
    public void Proxy_urls_are_refused_where_go_refuses_them()
    {
        var random = new CaseRandom(Differential.Seed("proxyurl"));
        var inputs = Enumerable.Range(0, Differential.Cases()).Select(_ => Url(random).Replace(",", string.Empty, StringComparison.Ordinal).Replace("|", string.Empty, StringComparison.Ordinal).Trim())
            .Where(u => u.Length > 0 && u is not ("direct" or "off" or "noproxy")).ToList();
        var answers = GoOracle.Ask(Release, "proxyurl", [.. inputs.Select(s => new[] { s })]);
        var comparison = new Comparison("proxyurl", Release);
        for (var i = 0; i < inputs.Count; i++)
        {
            var diagnostics = new DiagnosticBag();
            ProxyListParser.Parse(inputs[i], null, GoHostOS.Linux, diagnostics);
            var errors = diagnostics.ToList().Where(d => d.IsError).Select(d => d.Message).ToList();
            var unreachable = errors.Count > 0 && errors.All(e => e.Contains("Go reads, but no request", StringComparison.Ordinal));
            comparison.Compare($"{inputs[i]} | go: {answers[i][0]} | engine: {string.Join("; ", errors)}", ["refused"], [answers[i][0].Length > 0 ? "refused" : "accepted"], [errors.Count > 0 ? "refused" : "accepted"],
                _ => unreachable ? "Go reads the URL but no request can go through it (no host, a port above 65535): the engine refuses it at once" : null);
        }

        comparison.AssertAgreement();
    }

    [Fact]
    public void Checksum_database_names_are_checked_as_go_checks_them()
    {
        var random = new CaseRandom(Differential.Seed("sumdbname"));
        var inputs = Enumerable.Range(0, Differential.Cases()).Select(_ =>
        {
            var url = Url(random);
            return url[(url.IndexOf("://", StringComparison.Ordinal) is var at and >= 0 ? at + 3 : 0)..];
        }).ToList();
        var answers = GoOracle.Ask(Release, "sumdbname", [.. inputs.Select(s => new[] { s })]);
        var comparison = new Comparison("sumdbname", Release);
        for (var i = 0; i < inputs.Count; i++)
        {
            comparison.Compare(inputs[i], ["valid"], [answers[i][0].Length == 0 ? "valid" : "invalid"], [ChecksumDatabase.IsHostAndPath(inputs[i]) ? "valid" : "invalid"]);
        }

        comparison.AssertAgreement();
    }

    private static string Url(CaseRandom random)
    {
        var b = new StringBuilder()
            .Append(random.Pick(Schemes)).Append(random.Pick(Users)).Append(random.Pick(Hosts)).Append(random.Pick(Ports))
            .Append(random.Pick(Paths)).Append(random.Pick(Tails));
        if (random.Chance(0.05))
        {
            b.Insert(random.Next(b.Length + 1), random.Pick(["\t", "\x7f", "\n", "%", "@", "#", ":"]));
        }

        if (random.Chance(0.05))
        {
            b.Insert(random.Next(b.Length + 1), random.AnyRune());
        }

        return b.ToString();
    }
}
