namespace Scheduler.Configuration.Tests.Hocon.Parsing;

public sealed class LexerTests
{
    [Fact]
    public void Tokenize_Field_ReportsKindsTextAndPositions()
    {
        var tokens = Lexer.Tokenize("a.b = \"x\"  # note\n  c += ${?d}", "t.conf");

        tokens.Select(t => (t.Kind, t.Text, t.Position.Line, t.Position.Column)).Should().Equal(
            (TokenKind.Unquoted, "a.b", 1, 1),
            (TokenKind.Whitespace, " ", 1, 4),
            (TokenKind.Equals, "=", 1, 5),
            (TokenKind.Whitespace, " ", 1, 6),
            (TokenKind.Quoted, "x", 1, 7),
            (TokenKind.Whitespace, "  ", 1, 10),
            (TokenKind.Newline, "\n", 1, 18),
            (TokenKind.Whitespace, "  ", 2, 1),
            (TokenKind.Unquoted, "c", 2, 3),
            (TokenKind.Whitespace, " ", 2, 4),
            (TokenKind.PlusEquals, "+=", 2, 5),
            (TokenKind.Whitespace, " ", 2, 7),
            (TokenKind.SubstitutionStart, "${?", 2, 8),
            (TokenKind.Unquoted, "d", 2, 11),
            (TokenKind.CloseBrace, "}", 2, 12),
            (TokenKind.EndOfInput, "", 2, 13));
    }

    [Theory]
    [InlineData("foo//comment", "foo")]
    [InlineData("foo/bar", "foo/bar")]
    [InlineData("a-b_c.d", "a-b_c.d")]
    [InlineData("1e+5", "1e+5")]
    [InlineData("x+=", "x")]
    [InlineData("x(y)", "x(y)")]
    public void Tokenize_UnquotedText_StopsWhereTheSpecificationSays(string text, string expectedFirstToken)
    {
        var tokens = Lexer.Tokenize(text, "t.conf");

        tokens[0].Should().Be(new Token(TokenKind.Unquoted, expectedFirstToken, new SourcePosition("t.conf", 1, 1)));
    }

    [Theory]
    [InlineData("\"a\\nb\"", "a\nb")]
    [InlineData("\"\\u00e9\\t\\\\\"", "é\t\\")]
    [InlineData("\"\"", "")]
    [InlineData("\"\"\"raw \\n \"quotes\" \n newline\"\"\"", "raw \\n \"quotes\" \n newline")]
    [InlineData("\"\"\"\"\"\"", "")]
    [InlineData("\"\"\"ends with quote\"\"\"\"", "ends with quote\"")]
    public void Tokenize_QuotedString_DecodesItsValue(string text, string expected)
    {
        var tokens = Lexer.Tokenize(text, "t.conf");

        tokens.Should().HaveCount(2);
        tokens[0].Kind.Should().Be(TokenKind.Quoted);
        tokens[0].Text.Should().Be(expected);
    }

    [Fact]
    public void Tokenize_TripleQuotedStringOverSeveralLines_KeepsCountingLines()
    {
        var tokens = Lexer.Tokenize("a = \"\"\"one\ntwo\nthree\"\"\" x", "t.conf");

        tokens[^2].Should().Be(new Token(TokenKind.Unquoted, "x", new SourcePosition("t.conf", 3, 10)));
    }
}
