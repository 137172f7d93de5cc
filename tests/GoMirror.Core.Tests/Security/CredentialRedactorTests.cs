using GoMirror.Core.Security;

namespace GoMirror.Core.Tests.Security;

public class CredentialRedactorTests
{
    [Theory]
    [InlineData("https://user:s3cret@proxy.corp.example/go", "https://***@proxy.corp.example/go")]
    [InlineData("https://tok3n@proxy.corp.example", "https://***@proxy.corp.example")]
    [InlineData("https://a.example,https://u:p4ss@b.example|direct", "https://a.example,https://***@b.example|direct")]
    [InlineData("user:pa55@goproxy.corp.example,direct", "***@goproxy.corp.example,direct")]
    [InlineData("GOPROXY=http://u:p%40ss@10.0.0.1:3000", "GOPROXY=http://***@10.0.0.1:3000")]
    [InlineData("go: downloading github.com/x/y v1.0.0", "go: downloading github.com/x/y v1.0.0")]
    [InlineData("module example.com/m@v1.2.3 not found", "module example.com/m@v1.2.3 not found")]
    [InlineData("example.com/m@v1.2.3: downloaded from https://ci:s3cret@proxy.corp.example/go", "example.com/m@v1.2.3: downloaded from https://***@proxy.corp.example/go")]
    [InlineData("example.com/m@v1.2.3: downloaded from https://proxy.corp.example/go", "example.com/m@v1.2.3: downloaded from https://proxy.corp.example/go")]
    [InlineData("u:p@h", "***@h")]
    public void RedactText_masks_user_info_only(string input, string expected) =>
        Assert.Equal(expected, CredentialRedactor.RedactText(input));

    [Fact]
    public void Registered_secrets_are_masked_anywhere()
    {
        var redactor = new CredentialRedactor();
        redactor.AddSecretsFromUrl("https://ci-bot:ghp_abcdef123456@proxy.corp.example");
        var text = redactor.Redact("401 from proxy for token ghp_abcdef123456 (user ci-bot:ghp_abcdef123456)");
        Assert.DoesNotContain("ghp_abcdef123456", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_values_are_not_treated_as_secrets()
    {
        var redactor = new CredentialRedactor();
        redactor.AddSecret("go");
        Assert.Equal("go mod download", redactor.Redact("go mod download"));
    }
}
