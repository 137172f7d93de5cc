using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;

namespace GoMirror.Core.Tests.Policy;

public class ProxyListParserTests
{
    private static readonly SourceLocation Where = new("environment variable GOPROXY");

    [Fact]
    public void Default_is_proxy_golang_org_then_direct()
    {
        var (entries, diagnostics) = Parse(ProxyListParser.GoDefault);
        Assert.Equal(["https://proxy.golang.org", "direct"], entries.Select(e => e.DisplayName));
        Assert.False(entries[0].FallBackOnAnyError);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void The_separator_after_an_entry_sets_its_fallback()
    {
        var (entries, _) = Parse("https://a.example|https://b.example,https://c.example|direct");
        Assert.Equal([true, false, true, false], entries.Select(e => e.FallBackOnAnyError));
        Assert.Equal(ProxyEntryKind.Direct, entries[3].Kind);
    }

    [Fact]
    public void Entries_are_trimmed_and_empty_ones_skipped()
    {
        var (entries, diagnostics) = Parse(" ,, https://a.example , |,https://b.example ");
        Assert.Equal(["https://a.example", "https://b.example"], entries.Select(e => e.DisplayName));
        Assert.False(entries[0].FallBackOnAnyError); // its own separator is ','; the '|' after the empty entry belongs to nobody
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("goproxy.cn", "https://goproxy.cn")]
    [InlineData("localhost:3000", "https://localhost:3000")]
    [InlineData("corp.example/go", "https://corp.example/go")]
    [InlineData("HTTPS://goproxy.io", "HTTPS://goproxy.io")]
    [InlineData("file:///srv/goproxy", "file:///srv/goproxy")]
    [InlineData("file:///C:/goproxy", "file:///C:/goproxy")]
    public void Scheme_less_hosts_get_https_and_urls_stay(string value, string expected)
    {
        var (entries, diagnostics) = Parse(value);
        Assert.Equal(expected, Assert.Single(entries).DisplayName);
        Assert.Equal(ProxyEntryKind.Url, entries[0].Kind);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Direct_ends_the_list_and_what_follows_is_reported_as_ignored()
    {
        var (entries, diagnostics) = Parse("https://a.example,direct,https://b.example|ftp://c.example");
        Assert.Equal(["https://a.example", "direct"], entries.Select(e => e.DisplayName));
        var info = Assert.Single(diagnostics);
        Assert.Equal(PolicyDiagnostics.IgnoredAfterDirect, info.Descriptor);
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Contains("https://b.example, ftp://c.example", info.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Off_in_a_list_makes_later_entries_unreachable()
    {
        var (entries, diagnostics) = Parse("https://a.example,off,https://u:s3cret@b.example");
        Assert.Equal(["https://a.example", "off"], entries.Select(e => e.DisplayName));
        var warning = Assert.Single(diagnostics);
        Assert.Equal(PolicyDiagnostics.UnreachableAfterOff, warning.Descriptor);
        Assert.DoesNotContain("s3cret", warning.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(" ")]
    [InlineData(" | , ")]
    public void A_value_with_no_entries_is_malformed(string value)
    {
        var (entries, diagnostics) = Parse(value);
        Assert.Empty(entries);
        Assert.Equal(PolicyDiagnostics.MalformedProxyList, Assert.Single(diagnostics).Descriptor);
    }

    [Theory]
    [InlineData("ftp://mirror.example", "'ftp'")]
    [InlineData("s3://bucket/go", "'s3'")]
    [InlineData("proxy", "reserved")]
    [InlineData("DIRECT", "reserved")]
    [InlineData("/srv/goproxy", "file:///srv/goproxy")]
    public void Unknown_or_missing_schemes_are_rejected_with_a_hint(string value, string hint)
    {
        var (entries, diagnostics) = Parse("https://ok.example," + value);
        Assert.Empty(entries); // Go rejects the whole list
        var error = Assert.Single(diagnostics);
        Assert.Equal(PolicyDiagnostics.UnsupportedProxyScheme, error.Descriptor);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.Equal(Where, error.Location);
    }

    [Fact]
    public void A_windows_path_is_absolute_on_windows_and_gets_a_file_url_hint()
    {
        var diagnostics = new DiagnosticBag();
        Assert.Empty(ProxyListParser.Parse(@"C:\goproxy", Where, GoHostOS.Windows, diagnostics));
        var error = Assert.Single(diagnostics.ToList());
        Assert.Equal(PolicyDiagnostics.UnsupportedProxyScheme, error.Descriptor);
        Assert.Contains("file:///C:/goproxy", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file://server/share")]
    [InlineData("file:relative/dir")]
    [InlineData("file:///srv/goproxy?x=1")]
    [InlineData("https://bad host.example")]
    public void File_urls_with_more_than_a_path_and_invalid_urls_are_malformed(string value)
    {
        var (entries, diagnostics) = Parse(value);
        Assert.Empty(entries);
        Assert.Equal(PolicyDiagnostics.MalformedProxyList, Assert.Single(diagnostics).Descriptor);
    }

    [Fact]
    public void Plain_http_is_allowed_with_a_warning_that_hides_credentials()
    {
        var (entries, diagnostics) = Parse("http://ci:t0ken-value@10.0.0.5:3000");
        Assert.Equal("http://***@10.0.0.5:3000", Assert.Single(entries).DisplayName);
        var warning = Assert.Single(diagnostics);
        Assert.Equal(PolicyDiagnostics.InsecureProxy, warning.Descriptor);
        Assert.DoesNotContain("t0ken-value", warning.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_never_reach_an_error_message()
    {
        var (_, diagnostics) = Parse("ftp://bot:hunter22@mirror.example,user:pa55word@,");
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d =>
        {
            Assert.DoesNotContain("hunter22", d.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("pa55word", d.ToString(), StringComparison.Ordinal);
        });
    }

    private static (IReadOnlyList<ProxyEntry> Entries, IReadOnlyList<Diagnostic> Diagnostics) Parse(string value)
    {
        var diagnostics = new DiagnosticBag();
        var entries = ProxyListParser.Parse(value, Where, GoHostOS.Linux, diagnostics);
        return (entries, diagnostics.ToList());
    }
}
