using System.Globalization;
using System.Text;

namespace GoMirror.Core.SumDb;

/// <summary>
/// A tree head of the checksum database: the size of the log and the hash of its tree, in the text the
/// database signs (golang.org/x/mod/sumdb/tlog note.go): <c>go.sum database tree\n&lt;N&gt;\n&lt;hash&gt;\n</c>.
/// </summary>
/// <param name="Size">The number of records.</param>
/// <param name="Hash">The tree hash.</param>
internal readonly record struct TreeHead(long Size, TlogHash Hash)
{
    private const string Prefix = "go.sum database tree\n";

    /// <summary>The text form that is signed.</summary>
    public string Format() => Prefix + Size.ToString(CultureInfo.InvariantCulture) + "\n" + Hash + "\n";

    /// <summary>Parses the signed text as Go's <c>ParseTree</c> does (extra lines after the hash are allowed).</summary>
    /// <exception cref="SumDbException">The text is not a tree head.</exception>
    public static TreeHead Parse(string text)
    {
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Count(c => c == '\n') < 3 || text.Length > 1_000_000)
        {
            throw Malformed(text);
        }

        var lines = text.Split('\n', 4);
        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || lines[1] != n.ToString(CultureInfo.InvariantCulture)
            || !TlogHash.TryParse(lines[2], out var hash))
        {
            throw Malformed(text);
        }

        return new TreeHead(n, hash);
    }

    private static SumDbException Malformed(string text) =>
        new(SumDbDiagnostics.MalformedResponse, "malformed tree note: " + Truncate(text));

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";
}

/// <summary>
/// A lookup answer of the checksum database (tlog <c>FormatRecord</c>/<c>ParseRecord</c>): the record id, the
/// record text (go.sum lines, each ending in a newline), a blank line, then the signed tree head note.
/// </summary>
/// <param name="Id">The record's number in the log.</param>
/// <param name="Text">The record text, ending in a newline.</param>
/// <param name="SignedTree">The signed note that follows.</param>
internal sealed record LookupRecord(long Id, byte[] Text, byte[] SignedTree)
{
    /// <summary>Splits a lookup body as Go's <c>ParseRecord</c> does.</summary>
    /// <exception cref="SumDbException">The body is not a record followed by a note.</exception>
    public static LookupRecord Parse(byte[] message)
    {
        var span = message.AsSpan();
        var newline = span.IndexOf((byte)'\n');
        if (newline < 0 || !long.TryParse(Encoding.ASCII.GetString(span[..newline]), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            throw Malformed();
        }

        var rest = span[(newline + 1)..];
        var blank = rest.IndexOf("\n\n"u8);
        if (blank < 0)
        {
            throw Malformed();
        }

        var text = rest[..(blank + 1)];
        if (!IsValidRecordText(text))
        {
            throw Malformed();
        }

        return new LookupRecord(id, text.ToArray(), rest[(blank + 2)..].ToArray());
    }

    /// <summary>True for text Go accepts as a record: valid UTF-8, no control character but newline, no
    /// blank line, ending in a newline.</summary>
    public static bool IsValidRecordText(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text[^1] != '\n' || !System.Text.Unicode.Utf8.IsValid(text) || text.IndexOf("\n\n"u8) >= 0)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (b < 0x20 && b != '\n')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The record's lines that start with <c>path version </c> (Go's <c>Lookup</c> filter).</summary>
    public IReadOnlyList<string> LinesFor(string modulePath, string version)
    {
        var prefix = modulePath + " " + version + " ";
        return [.. Encoding.UTF8.GetString(Text).Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
    }

    private static SumDbException Malformed() => new(SumDbDiagnostics.MalformedResponse, "malformed record data");
}
