using System.Runtime.CompilerServices;

namespace Scheduler.Configuration;

/// <summary>
/// Recursive-descent parser from tokens to the unresolved tree (<see cref="ObjectNode"/> and friends).
/// Duplicate keys are not merged here; see <see cref="ObjectNode"/>.
/// </summary>
internal sealed partial class Parser
{
    private readonly List<Token> _tokens;
    private readonly ParseSession _session;
    private readonly string _sourceName;
    private readonly string _directory;
    private readonly HoconPath _basePath;
    private int _index;

    private Parser(List<Token> tokens, ParseSession session, string sourceName, string directory, HoconPath basePath)
    {
        _tokens = tokens;
        _session = session;
        _sourceName = sourceName;
        _directory = directory;
        _basePath = basePath;
    }

    /// <summary>
    /// Parses one document. <paramref name="filePath"/> is the full path of the file the text came from, if any:
    /// includes are looked up next to it (next to the current directory otherwise). <paramref name="basePath"/> is
    /// where the document is included, so that its substitutions and <c>+=</c> refer to the including tree.
    /// </summary>
    public static ObjectNode ParseDocument(string text, string sourceName, string? filePath, ParseSession session, HoconPath basePath, SourcePosition includedAt)
    {
        var tokens = Lexer.Tokenize(text, sourceName);
        var directory = (filePath is null ? null : Path.GetDirectoryName(filePath)) ?? Environment.CurrentDirectory;
        var parser = new Parser(tokens, session, sourceName, directory, basePath);
        if (filePath is null)
        {
            return parser.ParseRoot();
        }

        session.Enter(filePath, sourceName, includedAt);
        try
        {
            return parser.ParseRoot();
        }
        finally
        {
            session.Exit();
        }
    }

    private ObjectNode ParseRoot()
    {
        SkipBlank();
        var start = Peek();
        if (start.Kind == TokenKind.OpenBracket)
        {
            throw new HoconException(start.Position, "the root of a HOCON document must be an object, not an array");
        }

        var root = new ObjectNode(start.Position);
        if (start.Kind != TokenKind.OpenBrace)
        {
            ParseFields(root, _basePath, braced: false);
            return root;
        }

        Take();
        ParseFields(root, _basePath, braced: true);
        SkipBlank();
        if (Peek().Kind != TokenKind.EndOfInput)
        {
            throw Unexpected("end of input after the closing '}' of the root object");
        }

        return root;
    }

    /// <summary>
    /// Parses fields into <paramref name="target"/> up to the closing brace (or the end of input for a root without
    /// braces). <paramref name="objectPath"/> is the object's path from the root, or null inside arrays.
    /// </summary>
    private void ParseFields(ObjectNode target, HoconPath? objectPath, bool braced)
    {
        while (true)
        {
            SkipBlank();
            var token = Peek();
            EnsureStack(token.Position);
            if (token.Kind == TokenKind.CloseBrace && braced)
            {
                Take();
                return;
            }

            if (token.Kind == TokenKind.EndOfInput)
            {
                if (braced)
                {
                    throw Unexpected("'}'");
                }

                return;
            }

            if (IsIncludeStatement())
            {
                ParseInclude(target, objectPath);
            }
            else
            {
                ParseField(target, objectPath);
            }

            SkipWhitespace();
            switch (Peek().Kind)
            {
                case TokenKind.Comma:
                    Take();
                    break;
                case TokenKind.Newline or TokenKind.EndOfInput:
                    break;
                case TokenKind.CloseBrace when braced:
                    break;
                default:
                    throw Unexpected(braced ? "',', newline or '}' after a field" : "',' or newline after a field");
            }
        }
    }

    private void ParseField(ObjectNode target, HoconPath? objectPath)
    {
        var keyStart = Peek().Position;
        var pieces = new List<PathPiece>();
        while (Peek().IsKeyPiece)
        {
            var piece = Take();
            pieces.Add(new PathPiece(piece.Text, piece.Kind == TokenKind.Quoted));
        }

        HoconPath.TrimWhitespace(pieces);
        if (pieces.Count == 0)
        {
            throw Unexpected("a key");
        }

        var key = HoconPath.FromPieces(pieces, keyStart);
        var fieldPath = objectPath?.Concat(key);
        var separator = Peek();
        HoconNode value;
        switch (separator.Kind)
        {
            case TokenKind.Colon or TokenKind.Equals:
                Take();
                SkipBlank();
                value = ParseValue(fieldPath);
                break;
            case TokenKind.PlusEquals:
                Take();
                SkipBlank();
                value = AppendTo(fieldPath, ParseValue(null), separator.Position);
                break;
            case TokenKind.OpenBrace:
                value = ParseValue(fieldPath);
                break;
            default:
                throw Unexpected($"':', '=' or '{{' after key '{key}'");
        }

        // a.b.c = v is shorthand for a { b { c = v } }.
        for (var i = key.Count - 1; i >= 1; i--)
        {
            var wrapper = new ObjectNode(keyStart);
            wrapper.Add(key.Segments[i], value);
            value = wrapper;
        }

        target.Add(key.Segments[0], value);
    }

    /// <summary><c>a += x</c> means <c>a = ${?a} [x]</c>.</summary>
    private static ConcatNode AppendTo(HoconPath? fieldPath, HoconNode element, SourcePosition at)
    {
        if (fieldPath is null)
        {
            throw new HoconException(at, "'+=' is not supported inside an object that is an array element");
        }

        var previous = new SubstitutionNode(at, fieldPath, optional: true, fieldPath.ToEnvironmentName());
        return new ConcatNode(at, [previous, new ArrayNode(element.Position, [element])]);
    }

    private Token Peek(int offset = 0)
    {
        var index = _index + offset;
        return index < _tokens.Count ? _tokens[index] : _tokens[^1];
    }

    /// <summary>Consumes the current token; the end-of-input token is never consumed, so reading on stays safe.</summary>
    private Token Take()
    {
        var token = Peek();
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    private void SkipWhitespace()
    {
        while (Peek().Kind == TokenKind.Whitespace)
        {
            Take();
        }
    }

    private void SkipBlank()
    {
        while (Peek().Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            Take();
        }
    }

    private HoconException Unexpected(string expected) =>
        new(Peek().Position, $"expected {expected} but found {Peek().Describe()}");

    /// <summary>Deeply nested input fails with a position instead of overflowing the stack.</summary>
    private static void EnsureStack(SourcePosition at)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new HoconException(at, "the document is nested too deeply");
        }
    }
}
