using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Auth;

/// <summary>What one GOAUTH entry asks for.</summary>
internal enum GoAuthKind
{
    /// <summary><c>netrc</c>: the netrc file.</summary>
    Netrc,

    /// <summary><c>git dir</c>: <c>git credential fill</c> in that repository.</summary>
    Git,

    /// <summary>Any other entry: a command that prints credential sets.</summary>
    Command,
}

/// <summary>One entry of GOAUTH.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Text">The entry as written, trimmed (it is what Go shows in its messages).</param>
/// <param name="Words">For a command, the program and its arguments (Go's <c>quoted.Split</c>); for git, the directory.</param>
internal sealed record GoAuthEntry(GoAuthKind Kind, string Text, IReadOnlyList<string> Words);

/// <summary>
/// GOAUTH as Go 1.24+ reads it (cmd/go/internal/auth runGoAuth, <c>go help goauth</c>): a <c>;</c>-separated list
/// of <c>off</c>, <c>netrc</c>, <c>git &lt;absolute dir&gt;</c> and commands; unset means <c>netrc</c>. Go stops with
/// a fatal error on an empty entry, on <c>off</c> combined with anything, and on a bad git directory; here those are
/// <see cref="AuthDiagnostics.GoAuthInvalid"/> errors, and no credential is used at all, so nothing half-configured
/// is sent.
/// </summary>
internal sealed class GoAuthList
{
    private GoAuthList(bool off, IReadOnlyList<GoAuthEntry> entries)
    {
        IsOff = off;
        Entries = entries;
    }

    /// <summary>GOAUTH=off: no credential at all (URL user-info still applies, as in Go).</summary>
    public bool IsOff { get; }

    /// <summary>The entries in the order written (earlier entries take precedence for the same prefix).</summary>
    public IReadOnlyList<GoAuthEntry> Entries { get; }

    /// <summary>True when some entry must be asked again with the URL after a 4xx answer (commands, git).</summary>
    public bool AsksPerUrl => Entries.Any(e => e.Kind != GoAuthKind.Netrc);

    /// <summary>Go's default, <c>netrc</c>.</summary>
    public static GoAuthList Default { get; } = new(false, [new GoAuthEntry(GoAuthKind.Netrc, "netrc", [])]);

    /// <summary>No credential at all: GOAUTH=off, and what a malformed GOAUTH falls back to.</summary>
    public static GoAuthList Off { get; } = new(true, []);

    /// <summary>Parses <paramref name="value"/>; null or empty is the default. Returns null, with errors added to
    /// <paramref name="diagnostics"/>, when Go would stop.</summary>
    public static GoAuthList? Parse(string? value, ICollection<Diagnostic> diagnostics, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (string.IsNullOrEmpty(value))
        {
            return Default;
        }

        var parts = value.Split(';');
        var entries = new List<GoAuthEntry>();
        var ok = true;
        void Fail(string message)
        {
            diagnostics.Add(AuthDiagnostics.GoAuthInvalid.Create(message, location));
            ok = false;
        }

        foreach (var part in parts)
        {
            var text = part.Trim();
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                Fail($"GOAUTH encountered an empty command (GOAUTH={value}); remove the extra ';'.");
                continue;
            }

            switch (fields[0])
            {
                case "off":
                    if (parts.Length != 1)
                    {
                        Fail($"GOAUTH=off cannot be combined with other authentication commands (GOAUTH={value}).");
                    }

                    break;
                case "netrc":
                    entries.Add(new GoAuthEntry(GoAuthKind.Netrc, text, []));
                    break;
                case "git":
                    if (GitDirectoryProblem(fields) is { } problem)
                    {
                        Fail($"GOAUTH entry '{text}': {problem}.");
                    }
                    else
                    {
                        entries.Add(new GoAuthEntry(GoAuthKind.Git, text, [fields[1]]));
                    }

                    break;
                default:
                    if (QuotedWords.Split(text, out var words) is { } quoteError)
                    {
                        Fail($"cannot parse GOAUTH command {text}: {quoteError}.");
                    }
                    else
                    {
                        entries.Add(new GoAuthEntry(GoAuthKind.Command, text, words));
                    }

                    break;
            }
        }

        if (!ok)
        {
            return null;
        }

        return new GoAuthList(entries.Count == 0, entries);
    }

    private static string? GitDirectoryProblem(string[] fields)
    {
        if (fields.Length != 2)
        {
            return "the git dir method requires an absolute path to the git working directory";
        }

        var dir = fields[1];
        if (!Path.IsPathFullyQualified(dir))
        {
            return $"the git dir method requires an absolute path to the git working directory, {dir} is not absolute";
        }

        return Directory.Exists(dir) ? null
            : File.Exists(dir) ? $"the git dir method requires a directory, {dir} is not a directory"
            : $"cannot stat {dir}: no such directory";
    }
}
