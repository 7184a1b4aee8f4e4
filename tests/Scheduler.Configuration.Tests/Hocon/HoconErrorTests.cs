namespace Scheduler.Configuration.Tests.Hocon;

using Hocon = Scheduler.Configuration.Hocon;

/// <summary>Malformed input fails with a <see cref="HoconException"/> whose message names source, line and column.</summary>
public sealed class HoconErrorTests
{
    private static readonly HoconParseOptions NoOutsideWorld = new() { EnvironmentLookup = _ => null, FileReader = _ => null };

    [Theory]
    [InlineData("a = {", "reference.conf:1:6: expected '}' but found end of input")]
    [InlineData("a {\n  b = 1\n", "reference.conf:3:1: expected '}' but found end of input")]
    [InlineData("a = [1, 2", "reference.conf:1:10: expected ']' but found end of input")]
    [InlineData("a = 1\nb = }", "reference.conf:2:5: expected a value but found '}'")]
    [InlineData("a = 1\nb =", "reference.conf:2:4: expected a value but found end of input")]
    [InlineData("a = 1,,b = 2", "reference.conf:1:7: expected a key but found ','")]
    [InlineData("a 1", "reference.conf:1:4: expected ':', '=' or '{' after key '\"a 1\"' but found end of input")]
    [InlineData("a = \"abc", "reference.conf:1:5: unterminated quoted string: expected '\"' but found end of input")]
    [InlineData("a = \"abc\ndef\"", "reference.conf:1:9: newline in a quoted string; use \\n or a triple-quoted string")]
    [InlineData("a = \"\\q\"", "reference.conf:1:6: unknown escape sequence '\\q' in a quoted string")]
    [InlineData("a = \"\\u12\"", "reference.conf:1:6: malformed escape: \\u must be followed by four hexadecimal digits")]
    [InlineData("a = \"\"\"never closed", "reference.conf:1:5: unterminated triple-quoted string: expected '\"\"\"' but found end of input")]
    [InlineData("a = b\n  c = x?y", "reference.conf:2:8: reserved character '?' is not allowed in an unquoted string; put the text in double quotes")]
    [InlineData("a = $b", "reference.conf:1:5: '$' is only allowed to start a substitution ${...}; put the text in double quotes")]
    [InlineData("a.b..c = 1", "reference.conf:1:1: empty key segment in path 'a.b..c'; quote a key that contains '.'")]
    [InlineData("a. = 1", "reference.conf:1:1: path 'a.' ends with '.'")]
    [InlineData("[1, 2]", "reference.conf:1:1: the root of a HOCON document must be an object, not an array")]
    [InlineData("{ a = 1 } b = 2", "reference.conf:1:11: expected end of input after the closing '}' of the root object but found 'b'")]
    [InlineData("a = 1 }", "reference.conf:1:7: expected ',' or newline after a field but found '}'")]
    [InlineData("a = ${b", "reference.conf:1:8: expected a path and '}' to close the substitution but found end of input")]
    [InlineData("a = ${}", "reference.conf:1:5: expected a key or path but found nothing")]
    [InlineData("a = [1] foo", "reference.conf:1:9: cannot concatenate a string with an array")]
    [InlineData("a { x = 1 }\nb = ${a} 5", "reference.conf:2:10: cannot concatenate a number with an object")]
    [InlineData("a = [ { b += 1 } ]", "reference.conf:1:11: '+=' is not supported inside an object that is an array element")]
    [InlineData("include url(\"http://example.com/a.conf\")", "reference.conf:1:1: include url(...) is not supported; use file(...) or a plain file name")]
    [InlineData("include file(\"a.conf\"", "reference.conf:1:22: expected ')' to close the include but found end of input")]
    [InlineData("include required(\"missing.conf\")", "reference.conf:1:1: required include file 'missing.conf' was not found")]
    public void Parse_MalformedInput_FailsWithSourceLineAndColumn(string hocon, string expectedMessageStart)
    {
        var parse = () => Hocon.Parse(hocon, "reference.conf", NoOutsideWorld);

        parse.Should().Throw<HoconException>()
            .Which.Message.Should().StartWith(expectedMessageStart);
    }

    [Fact]
    public void Parse_MissingRequiredSubstitution_NamesThePathAndItsLocation()
    {
        var parse = () => Hocon.Parse("a = 1\nb {\n  c = ${x.y}\n}", "app.conf", NoOutsideWorld);

        var error = parse.Should().Throw<HoconException>().Which;
        error.Message.Should().Be("app.conf:3:7: could not resolve substitution ${x.y}: 'x.y' is not in the configuration and no environment variable 'x.y' is set");
        error.SourceName.Should().Be("app.conf");
        error.Line.Should().Be(3);
        error.Column.Should().Be(7);
        error.Reason.Should().StartWith("could not resolve substitution ${x.y}");
    }

    [Fact]
    public void Parse_SelfReferenceWithoutEarlierValue_FailsAsMissing()
    {
        var parse = () => Hocon.Parse("a = ${a}x", "app.conf", NoOutsideWorld);

        parse.Should().Throw<HoconException>().WithMessage("app.conf:1:5: could not resolve substitution ${a}*");
    }

    [Theory]
    [InlineData("a = ${b}\nb = ${a}", "app.conf:1:5: substitution cycle: ${b} at app.conf:1:5 -> ${a} at app.conf:2:5 -> ${b}")]
    [InlineData("a = ${b}\nb = ${c}\nc = ${a}", "app.conf:1:5: substitution cycle: ${b} at app.conf:1:5 -> ${c} at app.conf:2:5 -> ${a} at app.conf:3:5 -> ${b}")]
    [InlineData("a { b = ${a} }", "app.conf:1:9: substitution cycle: ${a} at app.conf:1:9 -> ${a}")]
    [InlineData("a = ${a.b}\na.b = 1\na = ${b}\nb = ${a}", "app.conf:3:5: substitution cycle: ${b} at app.conf:3:5 -> ${a} at app.conf:4:5 -> ${b}")]
    public void Parse_SubstitutionCycle_FailsNamingTheCycle(string hocon, string expectedMessage)
    {
        var parse = () => Hocon.Parse(hocon, "app.conf", NoOutsideWorld);

        parse.Should().Throw<HoconException>().Which.Message.Should().Be(expectedMessage);
    }

    [Fact]
    public void Parse_DeeplyNestedInput_FailsWithHoconExceptionInsteadOfOverflowingTheStack()
    {
        var text = "a = " + new string('[', 100_000);

        var parse = () => Hocon.Parse(text, "deep.conf", NoOutsideWorld);

        parse.Should().Throw<HoconException>().WithMessage("deep.conf:1:*");
    }

    [Fact]
    public void Parse_LongSubstitutionChain_FailsWithHoconExceptionOrResolves()
    {
        var lines = Enumerable.Range(0, 20_000).Select(i => $"k{i} = ${{k{i + 1}}}").Append("k20000 = end");

        var parse = () => Hocon.Parse(string.Join('\n', lines), "chain.conf", NoOutsideWorld);

        // Either outcome is acceptable; crashing the process with a stack overflow is not.
        var outcome = Record.Exception(parse);
        (outcome is null or HoconException).Should().BeTrue(because: "only HoconException may escape, but got {0}", outcome);
    }
}
