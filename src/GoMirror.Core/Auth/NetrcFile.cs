using GoMirror.Core.Diagnostics;

namespace GoMirror.Core.Auth;

/// <summary>One credential of a netrc file, as Go keeps it: a machine with both login and password.</summary>
/// <param name="Machine">The host, with <c>:port</c> when the URL has one, compared with the URL's host as written.</param>
/// <param name="Login">The user name.</param>
/// <param name="Password">The password or token.</param>
/// <param name="Line">The 1-based line where the entry was completed, for messages.</param>
internal sealed record NetrcEntry(string Machine, string Login, string Password, int Line);

/// <summary>
/// A netrc file read exactly as the go command reads it (cmd/go/internal/auth/netrc.go, unchanged in meaning
/// from Go 1.13 to 1.24): the text is split at <c>\n</c>, each line into white-space separated tokens that are
/// paired within the line; <c>machine</c> starts an entry, which counts once it has a login and a password;
/// <c>macdef</c> skips the following lines up to an empty one; a line ending in <c>default</c> ends the file.
/// Go never uses the <c>default</c> entry, and silently skips whatever it cannot pair: each such place gets a
/// warning here (<see cref="AuthDiagnostics.NetrcEntryIgnored"/>), since the user meant something by it.
/// </summary>
internal sealed class NetrcFile
{
    private static readonly string[] Keywords = ["machine", "default", "login", "password", "account", "macdef"];

    private NetrcFile(string path, IReadOnlyList<NetrcEntry> entries, IReadOnlyList<Diagnostic> diagnostics)
    {
        Path = path;
        Entries = entries;
        Diagnostics = diagnostics;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The complete entries in file order, duplicates included (lookups take the first).</summary>
    public IReadOnlyList<NetrcEntry> Entries { get; }

    /// <summary>What Go ignores in the file, with file and line; never a password.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Parses <paramref name="text"/>, the content of <paramref name="path"/>.</summary>
    public static NetrcFile Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<NetrcEntry>();
        var diagnostics = new List<Diagnostic>();
        var lines = text.Split('\n');
        string? machine = null, login = null, password = null;
        var machineLine = 0;
        var inMacro = false;

        void Warn(int line, string message) =>
            diagnostics.Add(AuthDiagnostics.NetrcEntryIgnored.Create(message, SourceLocation.InFile(path, line)));

        // An entry that ends (at the next machine, at default, or at the end) without all three parts.
        void Incomplete(int line)
        {
            if (machine is not null)
            {
                var missing = login is null && password is null ? "login and password" : login is null ? "login" : "password";
                Warn(machineLine, $"the entry for machine {machine} has no {missing} before line {line}; Go uses only entries with machine, login and password.");
            }
        }

        var number = 0;
        for (; number < lines.Length; number++)
        {
            var line = lines[number];
            var lineNumber = number + 1;
            if (inMacro)
            {
                // Go ends a macro only at an empty line; "\r" (a CRLF file) is not empty to it.
                inMacro = line.Length != 0;
                continue;
            }

            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var i = 0;
            for (; i < fields.Length - 1; i += 2)
            {
                var keyword = fields[i];
                var value = fields[i + 1];
                switch (keyword)
                {
                    case "machine":
                        Incomplete(lineNumber);
                        machine = value;
                        machineLine = lineNumber;
                        login = null;
                        password = null;
                        break;
                    case "default":
                        // Go pairs "default" with the next token and skips both.
                        Warn(lineNumber, $"'default' is followed by '{Shown(value)}' on the same line; Go skips that token and never uses a default entry.");
                        break;
                    case "login":
                        login = value;
                        break;
                    case "password":
                        password = value;
                        break;
                    case "account":
                        break;
                    case "macdef":
                        inMacro = true;
                        break;
                    default:
                        // The word itself is not quoted back: it may be part of a password written with spaces.
                        Warn(lineNumber, $"word {i + 1} of the line is not a netrc keyword (machine, login, password, account, macdef, default); Go skips it and the word after it"
                            + (Keywords.Contains(value) ? $" ('{value}'), so the rest of the line is read out of step." : "."));
                        break;
                }

                if (value.StartsWith('"') || value.StartsWith('\''))
                {
                    Warn(lineNumber, $"the value after '{keyword}' starts with a quote; Go does not remove quotes, so they are part of the value.");
                }

                if (machine is not null && login is not null && password is not null)
                {
                    entries.Add(new NetrcEntry(machine, login, password, lineNumber));
                    machine = login = password = null;
                }
            }

            if (i < fields.Length)
            {
                if (fields[i] == "default")
                {
                    Incomplete(lineNumber);
                    machine = null;
                    if (HasMachineAfter(lines, number + 1))
                    {
                        Warn(lineNumber, "'default' ends the file for Go: the machine entries after it are never used; move them above it.");
                    }

                    break;
                }

                Warn(lineNumber, Keywords.Contains(fields[i])
                    ? $"'{fields[i]}' ends the line without its value; Go pairs keywords and values within one line, so it is ignored."
                    : $"the last word of the line has no keyword before it on that line; Go ignores it.");
            }
        }

        if (number == lines.Length)
        {
            Incomplete(lines.Length);
        }

        foreach (var duplicate in entries.GroupBy(e => e.Machine, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = duplicate.First();
            foreach (var later in duplicate.Skip(1))
            {
                diagnostics.Add(AuthDiagnostics.NetrcDuplicateMachine.Create(
                    $"machine {later.Machine} is listed again (first at line {first.Line}); the entry at line {later.Line} is never used.",
                    SourceLocation.InFile(path, later.Line)));
            }
        }

        return new NetrcFile(path, entries, diagnostics);
    }

    /// <summary>The first entry whose machine is <paramref name="hostAndPort"/> (Go's rule: first match wins).
    /// Host names compare without case, as DNS does; the port must be written exactly when the URL has one.</summary>
    public NetrcEntry? Find(string hostAndPort) =>
        Entries.FirstOrDefault(e => string.Equals(e.Machine, hostAndPort, StringComparison.OrdinalIgnoreCase));

    // A password never reaches a message: only keywords are quoted back to the user.
    private static string Shown(string value) => Keywords.Contains(value) ? value : "…";

    private static bool HasMachineAfter(string[] lines, int from) =>
        lines.Skip(from).Any(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Contains("machine"));
}
