using System.Globalization;
using System.Text;

namespace GoMirror.Core.GoMod;

/// <summary>A position in go.mod: 1-based line and column, columns counted in Unicode code points as Go does.</summary>
internal readonly record struct GoModPosition(int Line, int Column);

/// <summary>
/// One top-level statement of a go.mod or go.work file (golang.org/x/mod/modfile's Expr): a line or a block.
/// Both files share this syntax; only the directives differ.
/// </summary>
/// <param name="Start">Where the statement's first token is.</param>
/// <param name="Tokens">The tokens, strings still quoted; for a block, the tokens before its <c>(</c>.</param>
internal abstract record GoModStatement(GoModPosition Start, IReadOnlyList<string> Tokens)
{
    /// <summary>Comment lines directly above; an empty entry marks a blank line inside a block.</summary>
    public IReadOnlyList<string> Before { get; init; } = [];
}

/// <summary>One line: <c>verb arg...</c> at top level, or <c>arg...</c> inside a block.</summary>
/// <param name="Start">Where the line's first token is.</param>
/// <param name="Tokens">The tokens, strings still quoted.</param>
/// <param name="Suffix">The comment ending this line (<c>// indirect</c>), if any.</param>
internal sealed record GoModLine(GoModPosition Start, IReadOnlyList<string> Tokens, string? Suffix) : GoModStatement(Start, Tokens);

/// <summary>A <c>verb ( ... )</c> block.</summary>
/// <param name="Start">Where the verb is.</param>
/// <param name="Tokens">The tokens before <c>(</c>.</param>
/// <param name="Lines">The lines inside, without the verb.</param>
internal sealed record GoModBlock(GoModPosition Start, IReadOnlyList<string> Tokens, IReadOnlyList<GoModLine> Lines) : GoModStatement(Start, Tokens);

/// <summary>Thrown inside the parser to stop at the first syntax error, as Go's parser does; never leaves <see cref="GoModParser"/>.</summary>
internal sealed class GoModSyntaxException(string message, GoModPosition position) : Exception(message)
{
    public GoModPosition Position { get; } = position;
}

/// <summary>
/// go.mod's lexer and statement parser (golang.org/x/mod/modfile/read.go): tokens are separated by white space,
/// <c>( ) [ ] { } ,</c> and newlines stand alone, strings are <c>"…"</c> or <c>`…`</c> on one line, and <c>//</c>
/// starts a comment. A comment after a token on the same line is that line's suffix comment.
/// </summary>
internal sealed class GoModSyntaxReader
{
    private readonly string _text;
    private int _index;
    private int _lineStart;
    private GoModPosition _pos = new(1, 1);
    private Token _token;

    private GoModSyntaxReader(string text)
    {
        _text = text;
        ReadToken();
    }

    private enum Kind
    {
        Eof,
        EolComment,
        Comment,
        Ident,
        String,
        Newline,
        LParen,
        RParen,
        Punct,
    }

    public static IReadOnlyList<GoModStatement> Read(string text) => new GoModSyntaxReader(text).ParseFile();

    private static bool IsEol(Kind k) => k is Kind.Eof or Kind.EolComment or Kind.Newline;

    private List<GoModStatement> ParseFile()
    {
        var statements = new List<GoModStatement>();
        List<string>? comments = null;
        while (true)
        {
            switch (_token.Kind)
            {
                case Kind.Newline:
                    Lex();
                    comments = null;
                    break;
                case Kind.Comment:
                    (comments ??= []).Add(Lex().Text);
                    break;
                case Kind.Eof:
                    return statements;
                default:
                    var statement = ParseLine(topLevel: true);
                    statements.Add(comments is null ? statement : statement with { Before = comments });
                    comments = null;
                    break;
            }
        }
    }

    // Go's parseStmt and parseLine in one loop: only a top-level line can open a block, with a '(' that ends
    // the line; '(' followed by ')' and the end of the line is an empty block; any other '(' is a token.
    private GoModStatement ParseLine(bool topLevel)
    {
        var first = Lex();
        var tokens = new List<string> { first.Text };
        while (true)
        {
            var token = Lex();
            if (IsEol(token.Kind))
            {
                return new GoModLine(first.Pos, tokens, token.Kind == Kind.EolComment ? token.Text : null);
            }

            if (topLevel && token.Kind == Kind.LParen)
            {
                if (IsEol(_token.Kind))
                {
                    return ParseBlock(first.Pos, tokens);
                }

                if (_token.Kind == Kind.RParen)
                {
                    var rparen = Lex();
                    if (IsEol(_token.Kind))
                    {
                        Lex();
                        return new GoModBlock(first.Pos, tokens, []);
                    }

                    tokens.Add(token.Text);
                    tokens.Add(rparen.Text);
                    continue;
                }
            }

            tokens.Add(token.Text);
        }
    }

    private GoModBlock ParseBlock(GoModPosition start, List<string> tokens)
    {
        var lines = new List<GoModLine>();
        var comments = new List<string>();
        while (true)
        {
            switch (_token.Kind)
            {
                case Kind.EolComment:
                    Lex();
                    break;
                case Kind.Newline:
                    Lex();
                    if ((comments.Count == 0 && lines.Count > 0) || (comments.Count > 0 && comments[^1].Length > 0))
                    {
                        comments.Add(string.Empty);
                    }

                    break;
                case Kind.Comment:
                    comments.Add(Lex().Text);
                    break;
                case Kind.Eof:
                    throw new GoModSyntaxException(
                        $"syntax error (unterminated block started at line {start.Line}, column {start.Column}: end of file before its closing ')')", start);
                case Kind.RParen:
                    var rparen = Lex();
                    if (!IsEol(_token.Kind))
                    {
                        throw new GoModSyntaxException("syntax error (expected newline after closing paren)", rparen.Pos);
                    }

                    Lex();
                    return new GoModBlock(start, tokens, lines);
                default:
                    lines.Add((GoModLine)ParseLine(topLevel: false) with { Before = comments });
                    comments = [];
                    break;
            }
        }
    }

    private Token Lex()
    {
        var token = _token;
        ReadToken();
        return token;
    }

    private bool AtEnd => _index >= _text.Length;

    private bool Peek(string prefix) => string.CompareOrdinal(_text, _index, prefix, 0, prefix.Length) == 0;

    private Rune PeekRune() =>
        Rune.DecodeFromUtf16(_text.AsSpan(_index), out var rune, out _) == System.Buffers.OperationStatus.Done ? rune : Rune.ReplacementChar;

    private Rune ReadRune()
    {
        var status = Rune.DecodeFromUtf16(_text.AsSpan(_index), out var rune, out var used);
        _index += Math.Max(used, 1);
        if (status != System.Buffers.OperationStatus.Done)
        {
            rune = Rune.ReplacementChar;
        }

        if (rune.Value == '\n')
        {
            _pos = new GoModPosition(_pos.Line + 1, 1);
            _lineStart = _index;
        }
        else
        {
            _pos = _pos with { Column = _pos.Column + 1 };
        }

        return rune;
    }

    private void ReadToken()
    {
        while (!AtEnd)
        {
            var c = _text[_index];
            if (c is ' ' or '\t' or '\r')
            {
                ReadRune();
                continue;
            }

            if (Peek("//"))
            {
                var start = _index;
                var pos = _pos;
                var suffix = _text.AsSpan(_lineStart, _index - _lineStart).Trim().Length > 0;
                while (!AtEnd && ReadRune().Value != '\n')
                {
                }

                var text = _text[start.._index];
                text = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.TrimEnd('\n');
                _token = new Token(suffix ? Kind.EolComment : Kind.Comment, text, pos);
                return;
            }

            if (Peek("/*"))
            {
                throw new GoModSyntaxException("mod files must use // comments (not /* */ comments)", _pos);
            }

            break;
        }

        var tokenStart = _index;
        var tokenPos = _pos;
        if (AtEnd)
        {
            _token = new Token(Kind.Eof, string.Empty, tokenPos);
            return;
        }

        var next = _text[_index];
        switch (next)
        {
            case '\n' or '(' or ')' or '[' or ']' or '{' or '}' or ',':
                ReadRune();
                var kind = next switch { '\n' => Kind.Newline, '(' => Kind.LParen, ')' => Kind.RParen, _ => Kind.Punct };
                _token = new Token(kind, next.ToString(), tokenPos);
                return;
            case '"' or '`':
                ReadRune();
                while (true)
                {
                    if (AtEnd)
                    {
                        throw new GoModSyntaxException("unexpected EOF in string", tokenPos);
                    }

                    if (_text[_index] == '\n')
                    {
                        throw new GoModSyntaxException("unexpected newline in string", _pos);
                    }

                    var r = ReadRune();
                    if (r.Value == next)
                    {
                        break;
                    }

                    if (r.Value == '\\' && next != '`')
                    {
                        if (AtEnd)
                        {
                            throw new GoModSyntaxException("unexpected EOF in string", tokenPos);
                        }

                        ReadRune();
                    }
                }

                _token = new Token(Kind.String, _text[tokenStart.._index], tokenPos);
                return;
        }

        if (!IsIdent(PeekRune()))
        {
            throw new GoModSyntaxException($"unexpected input character U+{PeekRune().Value:X4}", _pos);
        }

        while (!AtEnd && IsIdent(PeekRune()))
        {
            if (Peek("//"))
            {
                break;
            }

            if (Peek("/*"))
            {
                throw new GoModSyntaxException("mod files must use // comments (not /* */ comments)", _pos);
            }

            ReadRune();
        }

        _token = new Token(Kind.Ident, _text[tokenStart.._index], tokenPos);
    }

    // Go's isIdent: printable (unicode.IsPrint) and not space or one of the separators.
    private static bool IsIdent(Rune r)
    {
        if (r.Value is ' ' or '(' or ')' or '[' or ']' or '{' or '}' or ',' || Rune.IsWhiteSpace(r))
        {
            return false;
        }

        return Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    private readonly record struct Token(Kind Kind, string Text, GoModPosition Pos);
}
