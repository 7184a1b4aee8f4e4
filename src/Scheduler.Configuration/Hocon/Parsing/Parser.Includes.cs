using System.Text;

namespace Scheduler.Configuration;

/// <summary>
/// <c>include "f"</c>, <c>include file("f")</c> and <c>include required("f")</c>: the included object's fields are
/// taken in at the include site, as if written there.
/// </summary>
internal sealed partial class Parser
{
    private bool IsIncludeStatement()
    {
        var keyword = Peek();
        if (keyword.Kind != TokenKind.Unquoted || !string.Equals(keyword.Text, "include", StringComparison.Ordinal) || Peek(1).Kind != TokenKind.Whitespace)
        {
            return false;
        }

        // "include" followed by anything else is an ordinary key that happens to start with that word.
        var next = Peek(2);
        return next.Kind == TokenKind.Quoted || (next.Kind == TokenKind.Unquoted && next.Text.Contains('(', StringComparison.Ordinal));
    }

    private void ParseInclude(ObjectNode target, HoconPath? objectPath)
    {
        var keyword = Take();
        SkipWhitespace();
        var opening = new StringBuilder();
        while (Peek().Kind is TokenKind.Unquoted or TokenKind.Whitespace)
        {
            var token = Take();
            if (token.Kind == TokenKind.Unquoted)
            {
                opening.Append(token.Text);
            }
        }

        if (Peek().Kind != TokenKind.Quoted)
        {
            throw Unexpected("a quoted file name after 'include'");
        }

        var name = Take();
        var required = opening.ToString() switch
        {
            "" or "file(" => false,
            "required(" or "required(file(" => true,
            var other when other.Contains("url(", StringComparison.Ordinal) || other.Contains("classpath(", StringComparison.Ordinal) =>
                throw new HoconException(keyword.Position, $"include {other}...) is not supported; use file(...) or a plain file name"),
            var other => throw new HoconException(keyword.Position, $"malformed include: expected file(...), required(...) or a quoted name but found '{other}'"),
        };

        var parentheses = opening.ToString().Count(c => c == '(');
        if (parentheses > 0)
        {
            ExpectClosingParentheses(parentheses);
        }

        Include(target, objectPath, name.Text, required, keyword.Position);
    }

    private void ExpectClosingParentheses(int count)
    {
        SkipWhitespace();
        var at = Peek();
        var closing = new StringBuilder();
        while (closing.Length < count && Peek().Kind is TokenKind.Unquoted or TokenKind.Whitespace)
        {
            var token = Take();
            if (token.Kind == TokenKind.Unquoted)
            {
                closing.Append(token.Text);
            }
        }

        if (!string.Equals(closing.ToString(), new string(')', count), StringComparison.Ordinal))
        {
            throw new HoconException(at.Position, $"expected '{new string(')', count)}' to close the include but found {(closing.Length > 0 ? $"'{closing}'" : Peek().Describe())}");
        }
    }

    private void Include(ObjectNode target, HoconPath? objectPath, string name, bool required, SourcePosition at)
    {
        if (name.Length == 0)
        {
            throw new HoconException(at, "include needs a file name");
        }

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(Path.Combine(_directory, name));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new HoconException(at, $"include name '{name}' is not a valid file path", ex);
        }

        var sourceName = Path.Combine(Path.GetDirectoryName(_sourceName) ?? string.Empty, name);
        var basePath = objectPath ?? HoconPath.Empty;
        if (TryRead(fullPath, name, at) is { } text)
        {
            target.AddAll(ParseDocument(text, sourceName, fullPath, _session, basePath, at));
            return;
        }

        // Without an extension the specification looks for name.json and name.conf, .conf taking precedence.
        var found = false;
        if (!Path.HasExtension(name))
        {
            foreach (var extension in (string[])[".json", ".conf"])
            {
                if (TryRead(fullPath + extension, name + extension, at) is { } candidate)
                {
                    target.AddAll(ParseDocument(candidate, sourceName + extension, fullPath + extension, _session, basePath, at));
                    found = true;
                }
            }
        }

        if (!found && required)
        {
            throw new HoconException(at, $"required include file '{name}' was not found (looked for '{fullPath}')");
        }
    }

    private string? TryRead(string fullPath, string name, SourcePosition at)
    {
        try
        {
            return _session.Options.FileReader(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HoconException(at, $"could not read include file '{name}': {ex.Message}", ex);
        }
    }
}
