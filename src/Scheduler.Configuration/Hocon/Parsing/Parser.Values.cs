using System.Text;

namespace Scheduler.Configuration;

/// <summary>Values: concatenations of strings, substitutions, objects and arrays written on one line.</summary>
internal sealed partial class Parser
{
    /// <summary>
    /// Parses a value concatenation up to the end of the line, a ',' or a closing bracket. <paramref name="path"/> is
    /// the path of the field the value is assigned to, or null inside arrays.
    /// </summary>
    private HoconNode ParseValue(HoconPath? path)
    {
        var start = Peek().Position;
        EnsureStack(start);
        var pieces = new List<HoconNode>();
        var more = true;
        while (more)
        {
            var token = Peek();
            switch (token.Kind)
            {
                case TokenKind.Whitespace:
                    Take();
                    if (pieces.Count > 0)
                    {
                        pieces.Add(new WhitespaceNode(token.Position, token.Text));
                    }

                    break;
                case TokenKind.Unquoted:
                    Take();
                    pieces.Add(new ResolvedNode(token.Position, Classify(token.Text)));
                    break;
                case TokenKind.Quoted:
                    Take();
                    pieces.Add(new ResolvedNode(token.Position, HoconValue.FromString(token.Text)));
                    break;
                case TokenKind.SubstitutionStart:
                    pieces.Add(ParseSubstitution());
                    break;
                case TokenKind.OpenBrace:
                    Take();
                    var obj = new ObjectNode(token.Position);
                    ParseFields(obj, path, braced: true);
                    pieces.Add(obj);
                    break;
                case TokenKind.OpenBracket:
                    pieces.Add(ParseArray());
                    break;
                default:
                    more = false;
                    break;
            }
        }

        while (pieces.Count > 0 && pieces[^1] is WhitespaceNode)
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        if (pieces.Count == 0)
        {
            throw Unexpected("a value");
        }

        if (pieces.Count == 1)
        {
            return pieces[0];
        }

        // Plain text needs no resolution: join it now ("foo  bar" keeps the spaces written between the words).
        if (pieces.All(piece => piece is ResolvedNode or WhitespaceNode))
        {
            var text = new StringBuilder();
            foreach (var piece in pieces)
            {
                text.Append(piece is WhitespaceNode space ? space.Text : ((ResolvedNode)piece).Value.Text ?? "null");
            }

            return new ResolvedNode(start, HoconValue.FromString(text.ToString()));
        }

        return new ConcatNode(start, pieces);
    }

    private ArrayNode ParseArray()
    {
        var open = Take();
        var elements = new List<HoconNode>();
        while (true)
        {
            SkipBlank();
            var token = Peek();
            if (token.Kind == TokenKind.CloseBracket)
            {
                Take();
                return new ArrayNode(open.Position, elements);
            }

            if (token.Kind == TokenKind.EndOfInput)
            {
                throw Unexpected("']'");
            }

            elements.Add(ParseValue(null));
            SkipWhitespace();
            switch (Peek().Kind)
            {
                case TokenKind.Comma:
                    Take();
                    break;
                case TokenKind.Newline or TokenKind.CloseBracket or TokenKind.EndOfInput:
                    break;
                default:
                    throw Unexpected("',', newline or ']' after an array element");
            }
        }
    }

    private SubstitutionNode ParseSubstitution()
    {
        var start = Take();
        var pieces = new List<PathPiece>();
        while (Peek().IsKeyPiece)
        {
            var piece = Take();
            pieces.Add(new PathPiece(piece.Text, piece.Kind == TokenKind.Quoted));
        }

        if (Peek().Kind != TokenKind.CloseBrace)
        {
            throw Unexpected("a path and '}' to close the substitution");
        }

        Take();
        HoconPath.TrimWhitespace(pieces);
        var written = HoconPath.FromPieces(pieces, start.Position);

        // An included file's substitutions are relative to where it is included (HOCON spec, "Include semantics").
        return new SubstitutionNode(start.Position, _basePath.Concat(written), start.IsOptionalSubstitution, written.ToEnvironmentName());
    }

    /// <summary>The type of unquoted text standing alone: <c>true</c>, <c>false</c>, <c>null</c>, a JSON number, or a string.</summary>
    internal static HoconValue Classify(string text) => text switch
    {
        "true" or "false" => HoconValue.Scalar(HoconValueKind.Boolean, text),
        "null" => HoconValue.Null,
        _ when IsNumber(text) => HoconValue.Scalar(HoconValueKind.Number, text),
        _ => HoconValue.FromString(text),
    };

    /// <summary>JSON number syntax: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    private static bool IsNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }

        if (text[i] == '0')
        {
            i++;
        }
        else
        {
            i = SkipDigits(text, i);
        }

        if (i < text.Length && text[i] == '.')
        {
            var afterPoint = SkipDigits(text, i + 1);
            if (afterPoint == i + 1)
            {
                return false;
            }

            i = afterPoint;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var afterExponent = SkipDigits(text, i);
            if (afterExponent == i)
            {
                return false;
            }

            i = afterExponent;
        }

        return i == text.Length;
    }

    private static int SkipDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
