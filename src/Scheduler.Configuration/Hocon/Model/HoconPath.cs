using System.Text;

namespace Scheduler.Configuration;

/// <summary>A path of keys from the root, such as <c>a.b.c</c>; immutable.</summary>
internal sealed class HoconPath
{
    private readonly string[] _segments;

    private HoconPath(string[] segments) => _segments = segments;

    public static HoconPath Empty { get; } = new([]);

    public IReadOnlyList<string> Segments => _segments;

    public int Count => _segments.Length;

    /// <summary>Builds a path from the pieces of a key or substitution; a '.' in unquoted text ends a segment.</summary>
    public static HoconPath FromPieces(IReadOnlyList<PathPiece> pieces, SourcePosition position)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        var hasCurrent = false;
        foreach (var piece in pieces)
        {
            if (piece.Quoted)
            {
                current.Append(piece.Text);
                hasCurrent = true;
                continue;
            }

            foreach (var c in piece.Text)
            {
                if (c != '.')
                {
                    current.Append(c);
                    hasCurrent = true;
                    continue;
                }

                if (!hasCurrent)
                {
                    throw new HoconException(position, $"empty key segment in path '{Render(pieces)}'; quote a key that contains '.'");
                }

                segments.Add(current.ToString());
                current.Clear();
                hasCurrent = false;
            }
        }

        if (!hasCurrent)
        {
            throw new HoconException(position, segments.Count == 0
                ? "expected a key or path but found nothing"
                : $"path '{Render(pieces)}' ends with '.'");
        }

        segments.Add(current.ToString());
        return new HoconPath([.. segments]);
    }

    /// <summary>Parses a path expression such as <c>a.b."c.d"</c>.</summary>
    public static HoconPath Parse(string expression, string sourceName)
    {
        var tokens = Lexer.Tokenize(expression, sourceName);
        var pieces = new List<PathPiece>();
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.EndOfInput:
                    break;
                case TokenKind.Unquoted or TokenKind.Whitespace:
                    pieces.Add(new PathPiece(token.Text, Quoted: false));
                    break;
                case TokenKind.Quoted:
                    pieces.Add(new PathPiece(token.Text, Quoted: true));
                    break;
                default:
                    throw new HoconException(token.Position, $"unexpected {token.Describe()} in path expression");
            }
        }

        TrimWhitespace(pieces);
        return FromPieces(pieces, new SourcePosition(sourceName, 1, 1));
    }

    /// <summary>Drops unquoted whitespace at both ends: it surrounds a key, it is not part of it.</summary>
    public static void TrimWhitespace(List<PathPiece> pieces)
    {
        while (pieces.Count > 0 && IsBlank(pieces[^1]))
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        while (pieces.Count > 0 && IsBlank(pieces[0]))
        {
            pieces.RemoveAt(0);
        }

        static bool IsBlank(PathPiece piece) => !piece.Quoted && piece.Text.All(Lexer.IsWhitespace);
    }

    public HoconPath Append(string segment) => new([.. _segments, segment]);

    public HoconPath Concat(HoconPath other) => other.Count == 0 ? this : Count == 0 ? other : new([.. _segments, .. other._segments]);

    /// <summary>Whether this path is <paramref name="prefix"/> or lies inside it.</summary>
    public bool StartsWith(HoconPath prefix)
    {
        if (prefix.Count > Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            if (!string.Equals(_segments[i], prefix._segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The segments after the first <paramref name="count"/>.</summary>
    public IEnumerable<string> Skip(int count) => _segments.Skip(count);

    /// <summary>The name the environment is asked for when the path is not in the configuration: the segments joined by dots.</summary>
    public string ToEnvironmentName() => string.Join('.', _segments);

    /// <summary>Renders the path as HOCON, quoting segments that would not read back as written.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var segment in _segments)
        {
            if (text.Length > 0)
            {
                text.Append('.');
            }

            if (segment.Length > 0 && segment.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
            {
                text.Append(segment);
            }
            else
            {
                text.Append('"').Append(segment.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }
        }

        return text.ToString();
    }

    private static string Render(IReadOnlyList<PathPiece> pieces) =>
        string.Concat(pieces.Select(p => p.Quoted ? $"\"{p.Text}\"" : p.Text));
}
