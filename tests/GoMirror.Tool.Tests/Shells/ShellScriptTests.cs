using GoMirror.Tool.Shells;

namespace GoMirror.Tool.Tests.Shells;

/// <summary>
/// The quoting of each shell, as text: cmd, fish and zsh do not exist on this machine (bash and, when it can be
/// installed, pwsh are run for real in <see cref="Verbs.EnvVerbTests"/>), so these pin each shell's documented
/// rules: POSIX single quotes, fish's two escapes, PowerShell's doubled (and typographic) quotes, cmd's %%.
/// </summary>
public sealed class ShellScriptTests
{
    // Everything a policy value has been seen to hold: list separators, a pattern's '*', spaces in GOFLAGS,
    // and what a shell would expand or end a word at.
    private const string Awkward = "https://a.example/x,https://b.example|direct *.corp.example 100% !h $HOME `id` &x ^y <z> \"q\"";

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    public void Posix_shells_single_quote_everything_and_close_reopen_around_a_quote(string name)
    {
        var shell = ShellScript.Parse(name)!.Value;
        Assert.Equal("export GOPROXY='" + Awkward + "'", ShellScript.Assignment(shell, "GOPROXY", Awkward));
        Assert.Equal("export GOFLAGS='it'\\''s'", ShellScript.Assignment(shell, "GOFLAGS", "it's"));
        Assert.Equal("export GOPRIVATE=''", ShellScript.Assignment(shell, "GOPRIVATE", string.Empty));
    }

    [Fact]
    public void Fish_escapes_only_backslash_and_quote_inside_single_quotes()
    {
        Assert.Equal("set -gx GOPROXY '" + Awkward + "'", ShellScript.Assignment(ShellKind.Fish, "GOPROXY", Awkward));
        Assert.Equal(@"set -gx GOFLAGS 'it\'s a\\b'", ShellScript.Assignment(ShellKind.Fish, "GOFLAGS", @"it's a\b"));
    }

    [Fact]
    public void Pwsh_doubles_single_quotes_including_the_typographic_ones()
    {
        Assert.Equal("$env:GOPROXY = '" + Awkward + "'", ShellScript.Assignment(ShellKind.Pwsh, "GOPROXY", Awkward));
        Assert.Equal("$env:GOFLAGS = 'it''s \u2018\u2018x\u2019\u2019 \u201A\u201A\u201B\u201B'", ShellScript.Assignment(ShellKind.Pwsh, "GOFLAGS", "it's \u2018x\u2019 \u201A\u201B"));
    }

    [Fact]
    public void Cmd_doubles_percent_and_keeps_specials_literal_inside_the_quoted_set()
    {
        Assert.Equal("@set \"GOPRIVATE=100%%!corp.example/* a|b&c^d<e>f\"", ShellScript.Assignment(ShellKind.Cmd, "GOPRIVATE", "100%!corp.example/* a|b&c^d<e>f"));
        Assert.Equal("@set \"GOFLAGS=\"", ShellScript.Assignment(ShellKind.Cmd, "GOFLAGS", string.Empty));
    }

    [Fact]
    public void A_value_a_shell_cannot_carry_is_named_not_written()
    {
        Assert.NotNull(ShellScript.Unwritable(ShellKind.Cmd, "a\"b"));
        Assert.Null(ShellScript.Unwritable(ShellKind.Bash, "a\"b"));
        foreach (var shell in Enum.GetValues<ShellKind>())
        {
            Assert.NotNull(ShellScript.Unwritable(shell, "a\nb"));
            Assert.Null(ShellScript.Unwritable(shell, Awkward.Replace("\"", string.Empty, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Go_form_is_one_go_env_w_command_quoted_for_the_platform_shell()
    {
        var text = ShellScript.Write(ShellKind.Go, [new("GOPROXY", "https://a|https://b,direct"), new("GOFLAGS", "-mod=mod -x")]);
        // bash (Unix) and pwsh (Windows) single quotes agree for values without a quote.
        Assert.Equal("go env -w 'GOPROXY=https://a|https://b,direct' 'GOFLAGS=-mod=mod -x'\n", text);
        Assert.Equal(string.Empty, ShellScript.Write(ShellKind.Go, []));
    }

    [Theory]
    [InlineData("bash", "Bash")]
    [InlineData("ZSH", "Zsh")]
    [InlineData("fish", "Fish")]
    [InlineData("powershell", "Pwsh")]
    [InlineData("cmd", "Cmd")]
    [InlineData("go", "Go")]
    public void Shell_names_parse(string name, string kind) => Assert.Equal(Enum.Parse<ShellKind>(kind), ShellScript.Parse(name));
}
