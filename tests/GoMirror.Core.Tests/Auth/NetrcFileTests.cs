using GoMirror.Core.Auth;

namespace GoMirror.Core.Tests.Auth;

/// <summary>The netrc file read as cmd/go/internal/auth/netrc.go reads it, and the warnings for what Go ignores.</summary>
public class NetrcFileTests
{
    // Go's own test file (cmd/go/internal/auth/netrc_test.go, unchanged from Go 1.13 to 1.24).
    private const string GoTestNetrc = """

        machine incomplete
        password none

        machine api.github.com
          login user
          password pwd

        machine incomlete.host
          login justlogin

        machine test.host
        login user2
        password pwd2

        machine oneline login user3 password pwd3

        machine ignore.host macdef ignore
          login nobody
          password nothing

        machine hasmacro.too macdef ignore-next-lines login user4 password pwd4
          login nobody
          password nothing

        default
        login anonymous
        password gopher@golang.org

        machine after.default
        login oops
        password too-late-in-file

        """;

    [Fact]
    public void Reads_gos_own_test_file_as_go_does()
    {
        var file = NetrcFile.Parse(GoTestNetrc.Replace("\r\n", "\n", StringComparison.Ordinal), "/home/me/.netrc");

        Assert.Equal(
            [("api.github.com", "user", "pwd"), ("test.host", "user2", "pwd2"), ("oneline", "user3", "pwd3"), ("hasmacro.too", "user4", "pwd4")],
            file.Entries.Select(e => (e.Machine, e.Login, e.Password)));
    }

    [Fact]
    public void Warns_for_every_entry_go_drops_without_a_word()
    {
        var file = NetrcFile.Parse(GoTestNetrc.Replace("\r\n", "\n", StringComparison.Ordinal), "/home/me/.netrc");
        var messages = file.Diagnostics.Select(d => d.Message).ToList();

        Assert.All(file.Diagnostics, d => Assert.Equal(AuthDiagnostics.NetrcEntryIgnored, d.Descriptor));
        Assert.Contains(messages, m => m.Contains("machine incomplete has no login", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("machine incomlete.host has no password", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("machine ignore.host has no login and password", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("'default' ends the file", StringComparison.Ordinal));
        Assert.Equal("/home/me/.netrc", file.Diagnostics[0].Location!.File);
        Assert.Equal(2, file.Diagnostics[0].Location!.Line);
        Assert.All(messages, m => Assert.DoesNotContain("gopher@golang.org", m, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain("pwd", m, StringComparison.Ordinal));
    }

    [Fact]
    public void A_keyword_whose_value_is_on_the_next_line_drops_the_entry_with_a_warning()
    {
        var file = NetrcFile.Parse("machine proxy.corp login\nbuilder password s3cret-value\n", "n");

        Assert.Empty(file.Entries);
        Assert.Contains(file.Diagnostics, d => d.Message.Contains("'login' ends the line without its value", StringComparison.Ordinal));
        Assert.All(file.Diagnostics, d => Assert.DoesNotContain("s3cret-value", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Quotes_stay_part_of_the_value_as_in_go_and_are_reported()
    {
        var file = NetrcFile.Parse("machine proxy.corp login builder password \"secret\"\n", "n");

        Assert.Equal("\"secret\"", Assert.Single(file.Entries).Password);
        Assert.Contains(file.Diagnostics, d => d.Message.Contains("starts with a quote", StringComparison.Ordinal));
    }

    [Fact]
    public void A_password_with_spaces_is_cut_at_the_space_and_its_words_are_never_echoed()
    {
        var file = NetrcFile.Parse("machine proxy.corp login builder password correct horse battery staple\n", "n");

        Assert.Equal("correct", Assert.Single(file.Entries).Password);
        Assert.NotEmpty(file.Diagnostics);
        Assert.All(file.Diagnostics, d => Assert.DoesNotContain("horse", d.Message, StringComparison.Ordinal));
        Assert.All(file.Diagnostics, d => Assert.DoesNotContain("battery", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void First_entry_for_a_machine_wins_and_the_others_are_reported()
    {
        var file = NetrcFile.Parse("machine a.example login one password first\nmachine a.example login two password second\n", "n");

        Assert.Equal("first", file.Find("a.example")!.Password);
        var duplicate = Assert.Single(file.Diagnostics);
        Assert.Equal(AuthDiagnostics.NetrcDuplicateMachine, duplicate.Descriptor);
        Assert.Equal(2, duplicate.Location!.Line);
        Assert.DoesNotContain("second", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_macro_ends_only_at_an_empty_line_so_crlf_files_swallow_the_rest_as_in_go()
    {
        var lf = NetrcFile.Parse("macdef init\ncd /\n\nmachine a.example login u password p1\n", "n");
        var crlf = NetrcFile.Parse("macdef init\r\ncd /\r\n\r\nmachine a.example login u password p1\r\n", "n");

        Assert.Single(lf.Entries);
        Assert.Empty(crlf.Entries);
    }

    [Fact]
    public void Machines_match_host_and_port_exactly_and_host_names_without_case()
    {
        var file = NetrcFile.Parse("machine Proxy.Corp:8443 login u password p1\n", "n");

        Assert.NotNull(file.Find("proxy.corp:8443"));
        Assert.Null(file.Find("proxy.corp"));
        Assert.Null(file.Find("proxy.corp:443"));
    }
}
