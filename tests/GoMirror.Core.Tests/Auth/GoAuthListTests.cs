using GoMirror.Core.Auth;
using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Tests.Auth;

/// <summary>GOAUTH's list syntax as Go 1.24+ reads it (cmd/go/internal/auth runGoAuth).</summary>
public class GoAuthListTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Unset_is_netrc(string? value)
    {
        var list = GoAuthList.Parse(value, new List<Diagnostic>())!;

        Assert.False(list.IsOff);
        Assert.Equal(GoAuthKind.Netrc, Assert.Single(list.Entries).Kind);
        Assert.False(list.AsksPerUrl);
    }

    [Fact]
    public void Reads_off_netrc_git_and_commands_with_gos_quoting()
    {
        var dir = Directory.GetCurrentDirectory();
        var list = GoAuthList.Parse($" netrc ; git {dir};'/opt/my tools/auth' --realm \"corp proxy\" ", new List<Diagnostic>())!;

        Assert.Equal([GoAuthKind.Netrc, GoAuthKind.Git, GoAuthKind.Command], list.Entries.Select(e => e.Kind));
        Assert.Equal(dir, list.Entries[1].Words[0]);
        Assert.Equal(["/opt/my tools/auth", "--realm", "corp proxy"], list.Entries[2].Words);
        Assert.True(list.AsksPerUrl);
        Assert.True(GoAuthList.Parse("off", new List<Diagnostic>())!.IsOff);
    }

    [Theory]
    [InlineData("netrc;", "empty command")]
    [InlineData("netrc;;cmd", "empty command")]
    [InlineData("off;netrc", "cannot be combined")]
    [InlineData("git", "requires an absolute path")]
    [InlineData("git relative/dir", "is not absolute")]
    [InlineData("git /no/such/gomirror/dir", "no such directory")]
    [InlineData("my-helper 'unterminated", "unterminated ' string")]
    public void Malformed_lists_are_errors_and_send_nothing(string value, string reason)
    {
        var diagnostics = new List<Diagnostic>();

        Assert.Null(GoAuthList.Parse(value, diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal(AuthDiagnostics.GoAuthInvalid, error.Descriptor);
        Assert.True(error.IsError);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
