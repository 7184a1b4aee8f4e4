using System.Globalization;
using System.Text;

namespace Scheduler.Configuration;

/// <summary>Quoted strings: JSON escapes in "...", raw text in """...""".</summary>
internal sealed partial class Lexer
{
    private void ReadQuoted(SourcePosition start)
    {
        if (Next(1) == '"' && Next(2) == '"')
        {
            ReadTripleQuoted(start);
            return;
        }

        Advance(1);
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw new HoconException(start, "unterminated quoted string: expected '\"' but found end of input");
            }

            var c = _text[_index];
            if (c == '"')
            {
                Advance(1);
                break;
            }

            if (c == '\n')
            {
                throw new HoconException(Here, "newline in a quoted string; use \\n or a triple-quoted string");
            }

            if (c == '\\')
            {
                ReadEscape(value);
                continue;
            }

            value.Append(c);
            Advance(1);
        }

        _tokens.Add(new Token(TokenKind.Quoted, value.ToString(), start));
    }

    private void ReadEscape(StringBuilder value)
    {
        var at = Here;
        if (_index + 1 >= _text.Length)
        {
            throw new HoconException(at, "unterminated escape sequence at end of input");
        }

        var c = _text[_index + 1];
        switch (c)
        {
            case '"': value.Append('"'); break;
            case '\\': value.Append('\\'); break;
            case '/': value.Append('/'); break;
            case 'b': value.Append('\b'); break;
            case 'f': value.Append('\f'); break;
            case 'n': value.Append('\n'); break;
            case 'r': value.Append('\r'); break;
            case 't': value.Append('\t'); break;
            case 'u':
                if (_index + 6 > _text.Length
                    || !ushort.TryParse(_text.AsSpan(_index + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    throw new HoconException(at, "malformed escape: \\u must be followed by four hexadecimal digits");
                }

                value.Append((char)code);
                Advance(6);
                return;
            default:
                throw new HoconException(at, $"unknown escape sequence '\\{c}' in a quoted string");
        }

        Advance(2);
    }

    private void ReadTripleQuoted(SourcePosition start)
    {
        Advance(3);
        var close = _text.IndexOf("\"\"\"", _index, StringComparison.Ordinal);
        if (close < 0)
        {
            throw new HoconException(start, "unterminated triple-quoted string: expected '\"\"\"' but found end of input");
        }

        // A run of more than three quotes closes the string with its last three; the extra quotes belong to the text.
        var runEnd = close;
        while (runEnd < _text.Length && _text[runEnd] == '"')
        {
            runEnd++;
        }

        var contentEnd = runEnd - 3;
        var value = _text[_index..contentEnd];
        Advance(runEnd - _index);
        _tokens.Add(new Token(TokenKind.Quoted, value, start));
    }
}
