using GoMirror.Core.Auth;

namespace GoMirror.Core.Tests.Auth;

/// <summary>The output grammar of a GOAUTH command (<c>go help goauth</c>, cmd/go/internal/auth parseUserAuth).</summary>
public class GoAuthResponseTests
{
    [Fact]
    public void Reads_the_example_of_go_help_goauth()
    {
        const string output = "https://example.com\nhttps://example.net/api/\n\nAuthorization: Basic dG9rZW4=\n\nhttps://another-example.org/\n\nExample: Data\n\n";

        Assert.Null(GoAuthResponse.Parse(output, out var credentials));

        Assert.Equal(["another-example.org", "example.com", "example.net/api"], credentials.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new CredentialHeader("Authorization", "Basic dG9rZW4="), Assert.Single(credentials["example.net/api"]));
        Assert.Equal(new CredentialHeader("Example", "Data"), Assert.Single(credentials["another-example.org"]));
    }

    [Fact]
    public void Empty_output_is_no_credential_and_no_error()
    {
        Assert.Null(GoAuthResponse.Parse(string.Empty, out var credentials));
        Assert.Empty(credentials);
    }

    [Fact]
    public void Crlf_lines_and_continuation_lines_are_read_as_mime_headers()
    {
        Assert.Null(GoAuthResponse.Parse("https://a.example\r\n\r\nPrivate-Token: abc\r\n  def\r\n\r\n", out var credentials));

        Assert.Equal(new CredentialHeader("Private-Token", "abc def"), Assert.Single(credentials["a.example"]));
    }

    [Theory]
    [InlineData("https://a.example\n\nAuthorization: Bearer x\n", "end of output")]
    [InlineData("https://a.example\n", "end of output")]
    [InlineData(" https://a.example\n\nA: b\n\n", "white space")]
    [InlineData("http://a.example\n\nA: b\n\n", "expected url prefix")]
    [InlineData("\nA: b\n\n", "expected url prefix")]
    [InlineData("https://a.example\n\nnot a header\n\n", "malformed MIME header line")]
    [InlineData("https://a.example\n\n bad: start\n\n", "initial line")]
    [InlineData("https://a.example\n\nBad Name: x\n\n", "malformed MIME header line")]
    [InlineData("token-only-garbage\n", "expected url prefix")]
    public void Output_that_breaks_the_grammar_is_rejected_whole(string output, string reason)
    {
        var problem = GoAuthResponse.Parse(output, out _);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer x", problem, StringComparison.Ordinal);
    }
}
