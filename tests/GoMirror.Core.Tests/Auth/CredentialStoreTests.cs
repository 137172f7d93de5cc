using GoMirror.Core.Auth;

namespace GoMirror.Core.Tests.Auth;

/// <summary>Go's prefix lookup (cmd/go/internal/auth loadCredential), with the cases of Go's auth_test.go.</summary>
public class CredentialStoreTests
{
    private static RequestCredential Credential(string name) => new([new CredentialHeader("Authorization", "Basic " + name)], name);

    [Theory]
    [InlineData("https://api.github.com/foo", "github")]
    [InlineData("https://api.github.com/foo/bar/baz", "github")]
    [InlineData("https://api.github.com", "github")]
    [InlineData("https://example.com/abc", null)]
    [InlineData("https://example.com/?/../api.github.com/", null)]
    [InlineData("https://example.com/?/../api.github.com", null)]
    [InlineData("https://example.com/../api.github.com/", null)]
    [InlineData("https://example.com/../api.github.com", null)]
    [InlineData("https://corp.example/api/v2/list", "api")]
    [InlineData("https://corp.example/api", "api")]
    [InlineData("https://corp.example/apiary", "host")]
    [InlineData("https://corp.example:8443/api/x", "port")]
    [InlineData("https://CORP.example/api/x", "api")]
    public void Finds_the_longest_stored_prefix_as_go_does(string url, string? expected)
    {
        var store = new CredentialStore();
        store.Store("api.github.com", Credential("github"));
        store.Store("https://corp.example/api/", Credential("api"));
        store.Store("corp.example", Credential("host"));
        store.Store("corp.example:8443", Credential("port"));

        Assert.Equal(expected, store.Find(url)?.Source);
    }

    [Fact]
    public void A_set_without_headers_removes_the_credential()
    {
        var store = new CredentialStore();
        store.Store("api.github.com", Credential("github"));
        store.Store("https://api.github.com", new RequestCredential([], "revoked"));

        Assert.Null(store.Find("https://api.github.com/x"));
    }
}
