namespace Scheduler.Configuration;

internal enum TokenKind
{
    EndOfInput,
    Newline,
    Whitespace,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    Unquoted,
    Quoted,

    /// <summary><c>${</c> or <c>${?</c>; the path expression and a closing brace follow as ordinary tokens.</summary>
    SubstitutionStart,
}
