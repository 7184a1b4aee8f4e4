namespace Scheduler.Configuration;

/// <summary>
/// Splits HOCON text into tokens. Comments are dropped (the newline that ends them is kept, because newlines
/// separate fields); whitespace is kept as tokens because it is significant inside value concatenations.
/// </summary>
internal sealed partial class Lexer
{
    private readonly string _text;
    private readonly string _sourceName;
    private readonly List<Token> _tokens = [];
    private int _index;
    private int _line = 1;
    private int _column = 1;

    private Lexer(string text, string sourceName)
    {
        _text = text;
        _sourceName = sourceName;
    }

    private SourcePosition Here => new(_sourceName, _line, _column);

    private bool AtEnd => _index >= _text.Length;

    public static List<Token> Tokenize(string text, string sourceName)
    {
        var lexer = new Lexer(text, sourceName);
        lexer.Run();
        return lexer._tokens;
    }

    /// <summary>HOCON whitespace: Unicode spaces and separators, the byte order mark, but not the newline.</summary>
    internal static bool IsWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private void Run()
    {
        while (!AtEnd)
        {
            var start = Here;
            var c = _text[_index];
            switch (c)
            {
                case '\n':
                    Advance(1);
                    _tokens.Add(new Token(TokenKind.Newline, "\n", start));
                    break;
                case '#':
                    SkipComment();
                    break;
                case '/' when Next(1) == '/':
                    SkipComment();
                    break;
                case '{':
                    Single(TokenKind.OpenBrace, "{", start);
                    break;
                case '}':
                    Single(TokenKind.CloseBrace, "}", start);
                    break;
                case '[':
                    Single(TokenKind.OpenBracket, "[", start);
                    break;
                case ']':
                    Single(TokenKind.CloseBracket, "]", start);
                    break;
                case ',':
                    Single(TokenKind.Comma, ",", start);
                    break;
                case ':':
                    Single(TokenKind.Colon, ":", start);
                    break;
                case '=':
                    Single(TokenKind.Equals, "=", start);
                    break;
                case '+' when Next(1) == '=':
                    Advance(2);
                    _tokens.Add(new Token(TokenKind.PlusEquals, "+=", start));
                    break;
                case '"':
                    ReadQuoted(start);
                    break;
                case '$':
                    ReadSubstitutionStart(start);
                    break;
                default:
                    if (IsWhitespace(c))
                    {
                        ReadWhitespace(start);
                    }
                    else if (IsReserved(c))
                    {
                        throw new HoconException(start, $"reserved character '{c}' is not allowed in an unquoted string; put the text in double quotes");
                    }
                    else
                    {
                        ReadUnquoted(start);
                    }

                    break;
            }
        }

        _tokens.Add(new Token(TokenKind.EndOfInput, string.Empty, Here));
    }

    /// <summary>Characters the specification forbids in unquoted text (besides the structural ones handled above).</summary>
    private static bool IsReserved(char c) => c is '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\';

    private bool EndsUnquoted(int index)
    {
        var c = _text[index];
        if (c == '\n' || IsWhitespace(c) || IsReserved(c))
        {
            return true;
        }

        return c switch
        {
            '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ',' or '#' => true,
            '/' => index + 1 < _text.Length && _text[index + 1] == '/',

            // '+' is reserved by the specification; it is accepted inside words (1e+5) but never before '='.
            '+' => index + 1 < _text.Length && _text[index + 1] == '=',
            _ => false,
        };
    }

    private void ReadUnquoted(SourcePosition start)
    {
        var begin = _index;
        var end = _index;
        while (end < _text.Length && !EndsUnquoted(end))
        {
            end++;
        }

        Advance(end - begin);
        _tokens.Add(new Token(TokenKind.Unquoted, _text[begin..end], start));
    }

    private void ReadWhitespace(SourcePosition start)
    {
        var begin = _index;
        while (!AtEnd && IsWhitespace(_text[_index]))
        {
            Advance(1);
        }

        _tokens.Add(new Token(TokenKind.Whitespace, _text[begin.._index], start));
    }

    private void ReadSubstitutionStart(SourcePosition start)
    {
        if (Next(1) != '{')
        {
            throw new HoconException(start, "'$' is only allowed to start a substitution ${...}; put the text in double quotes");
        }

        if (Next(2) == '?')
        {
            Advance(3);
            _tokens.Add(new Token(TokenKind.SubstitutionStart, "${?", start));
        }
        else
        {
            Advance(2);
            _tokens.Add(new Token(TokenKind.SubstitutionStart, "${", start));
        }
    }

    private void SkipComment()
    {
        while (!AtEnd && _text[_index] != '\n')
        {
            Advance(1);
        }
    }

    private void Single(TokenKind kind, string text, SourcePosition start)
    {
        Advance(1);
        _tokens.Add(new Token(kind, text, start));
    }

    /// <summary>The character <paramref name="offset"/> places ahead, or NUL past the end (NUL never starts a token we test for).</summary>
    private char Next(int offset) => _index + offset < _text.Length ? _text[_index + offset] : '\0';

    private void Advance(int count)
    {
        for (var i = 0; i < count && _index < _text.Length; i++)
        {
            if (_text[_index] == '\n')
            {
                _line++;
                _column = 1;
            }
            else
            {
                _column++;
            }

            _index++;
        }
    }
}
