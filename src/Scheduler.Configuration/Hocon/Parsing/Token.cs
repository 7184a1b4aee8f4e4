namespace Scheduler.Configuration;

/// <summary>
/// One lexical token. <see cref="Text"/> is the decoded value for quoted strings, the raw text otherwise;
/// a <see cref="TokenKind.SubstitutionStart"/> token's text is <c>${?</c> when the substitution is optional.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourcePosition Position)
{
    public bool IsOptionalSubstitution => Kind == TokenKind.SubstitutionStart && Text.Length == 3;

    public bool IsKeyPiece => Kind is TokenKind.Unquoted or TokenKind.Quoted or TokenKind.Whitespace;

    /// <summary>How the token reads in an error message ("expected '}' but found end of input").</summary>
    public string Describe() => Kind switch
    {
        TokenKind.EndOfInput => "end of input",
        TokenKind.Newline => "newline",
        TokenKind.Whitespace => "whitespace",
        TokenKind.Quoted => $"quoted string \"{Shorten(Text)}\"",
        TokenKind.Unquoted => $"'{Shorten(Text)}'",
        _ => $"'{Text}'",
    };

    private static string Shorten(string text) => text.Length <= 30 ? text : string.Concat(text.AsSpan(0, 27), "...");
}
