using GoMirror.Core.Diagnostics;
using GoMirror.Core.Policy;
using GoMirror.Testing;

namespace GoMirror.Core.Tests.Policy;

public class ChecksumDatabaseTests
{
    // A verifier key for a database of our own: Ed25519 marker byte 1, 32 key bytes, and the hash of name and key.
    private const string OwnKey = "sum.corp.example+66ff8a08+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f";

    [Fact]
    public void Default_name_gets_the_built_in_key()
    {
        var (db, diagnostics) = Parse("sum.golang.org");
        Assert.Equal(ChecksumDatabase.SumGolangOrgKey, db!.VerifierKey);
        Assert.Equal("sum.golang.org", db.Name);
        Assert.Null(db.Url);
        Assert.Equal(new Uri("https://sum.golang.org"), db.DirectUrl);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void China_alias_is_sum_golang_org_at_another_url()
    {
        var (db, _) = Parse("sum.golang.google.cn");
        Assert.Equal("sum.golang.org", db!.Name);
        Assert.Equal(new Uri("https://sum.golang.google.cn"), db.Url);
    }

    [Fact]
    public void Name_and_url()
    {
        var (db, diagnostics) = Parse("sum.golang.org https://sumdb.corp.example/sumdb/sum.golang.org");
        Assert.Equal(ChecksumDatabase.SumGolangOrgKey, db!.VerifierKey);
        Assert.Equal(new Uri("https://sumdb.corp.example/sumdb/sum.golang.org"), db.Url);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_full_key_is_checked_and_accepted()
    {
        var (db, diagnostics) = Parse(ChecksumDatabase.SumGolangOrgKey);
        Assert.Equal("sum.golang.org", db!.Name);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Off_is_a_warning()
    {
        var (db, diagnostics) = Parse("off");
        Assert.True(db!.IsOff);
        Assert.Null(db.DirectUrl);
        Assert.Equal(PolicyDiagnostics.ChecksumDatabaseOff, Assert.Single(diagnostics).Descriptor);
    }

    [Theory]
    [InlineData("sum.corp.example")]
    [InlineData("sum.golang.google.cn https://sum.golang.google.cn")]
    public void Another_name_without_key_is_an_error(string value)
    {
        var (db, diagnostics) = Parse(value);
        Assert.Null(db);
        var error = Assert.Single(diagnostics);
        Assert.Equal(PolicyDiagnostics.ChecksumDatabaseKeyMissing, error.Descriptor);
        Assert.True(error.IsError);
    }

    [Theory]
    [InlineData("sum.golang.org https://a.example https://b.example", "3 fields")]
    [InlineData("  ", "white space")]
    [InlineData("sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", "hash does not match")]
    [InlineData("sum.golang.org+033de0ae+!!!", "not name+hash+key")]
    [InlineData("sum.golang.org+33de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", "not name+hash+key")]
    [InlineData("sum.golang.org not a url", "4 fields")]
    [InlineData("sum.golang.org relative/path", "not an absolute URL")]
    public void Malformed_values_are_errors(string value, string reason)
    {
        var (db, diagnostics) = Parse(value);
        Assert.Null(db);
        var error = Assert.Single(diagnostics);
        Assert.Equal(PolicyDiagnostics.MalformedChecksumDatabase, error.Descriptor);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_credentials_are_redacted()
    {
        var (_, diagnostics) = Parse("sum.golang.org https://u:sumdbsecret@a.example extra");
        Assert.DoesNotContain("sumdbsecret", Assert.Single(diagnostics).ToString(), StringComparison.Ordinal);
    }

    /// <summary>Go accepts a GOSUMDB value exactly when it gets as far as contacting the database (refused on
    /// port 1 here); a value it rejects fails with "invalid GOSUMDB" first.</summary>
    [Theory]
    [InlineData(OwnKey + " http://127.0.0.1:1", true)]
    [InlineData("sum.corp.example+66ff8a09+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f http://127.0.0.1:1", false)]
    [InlineData("sum.corp.example+66ff8a08+AgABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f http://127.0.0.1:1", false)]
    [InlineData("sum.corp.example http://127.0.0.1:1", false)]
    [InlineData("sum.golang.org http://127.0.0.1:1", true)]
    [InlineData("sum.golang.org http://127.0.0.1:1 x", false)]
    public void Go_accepts_exactly_the_values_we_accept(string value, bool accepted)
    {
        var (db, _) = Parse(value);
        Assert.Equal(accepted, db is not null);

        GoToolchain.Require();
        using var temp = new TempDirectory();
        var proxy = new ModuleProxyFolder(temp.Combine("proxy"));
        proxy.Add("example.com/m", "v1.0.0");
        var go = GoToolchain.Run(temp.Path, new Dictionary<string, string>
        {
            ["GOPROXY"] = proxy.FileUrl,
            ["GOSUMDB"] = value,
            ["GOMODCACHE"] = temp.Combine("cache"),
            ["GOPATH"] = temp.Combine("gopath"),
        }, "mod", "download", "example.com/m@v1.0.0");
        Assert.NotEqual(0, go.ExitCode);
        Assert.Equal(accepted, !go.Stderr.Contains("GOSUMDB", StringComparison.Ordinal));
    }

    private static (ChecksumDatabase? Database, IReadOnlyList<Diagnostic> Diagnostics) Parse(string value)
    {
        var diagnostics = new DiagnosticBag();
        var db = ChecksumDatabase.Parse(value, new SourceLocation("environment variable GOSUMDB"), diagnostics);
        return (db, diagnostics.ToList());
    }
}
