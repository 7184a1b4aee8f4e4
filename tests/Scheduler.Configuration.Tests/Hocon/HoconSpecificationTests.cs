namespace Scheduler.Configuration.Tests.Hocon;

using Hocon = Scheduler.Configuration.Hocon;

/// <summary>Cases from the HOCON specification, each compared as the JSON of the resolved root.</summary>
public sealed class HoconSpecificationTests
{
    private static readonly HoconParseOptions NoOutsideWorld = new()
    {
        EnvironmentLookup = name => name switch
        {
            "HOME" => "/home/scheduler",
            "PATH" => "/usr/bin",
            "CONFIG_FORCE_workers" => "16",
            _ => null,
        },
        FileReader = _ => null,
    };

    [Theory]
    // Separators, braces, comments.
    [InlineData("a = 1", """{"a":1}""")]
    [InlineData("a : 1", """{"a":1}""")]
    [InlineData("{ a = 1 }", """{"a":1}""")]
    [InlineData("a { b = 1 }", """{"a":{"b":1}}""")]
    [InlineData("a {}", """{"a":{}}""")]
    [InlineData("a = 1 # hash comment\n// slash comment\nb = 2 // trailing", """{"a":1,"b":2}""")]
    [InlineData("a = 1, b = 2,", """{"a":1,"b":2}""")]
    [InlineData("a = 1\r\nb = 2\r\n", """{"a":1,"b":2}""")]
    [InlineData("{ a = [1, 2,], }", """{"a":[1,2]}""")]
    [InlineData("a = [\n  1\n  2\n]", """{"a":[1,2]}""")]
    [InlineData("a = [ ]", """{"a":[]}""")]
    [InlineData("""{"a": {"b": [1, "x", null, true]}}""", """{"a":{"b":[1,"x",null,true]}}""")]
    [InlineData("a=1,b=2", """{"a":1,"b":2}""")]
    [InlineData("\uFEFFa = 1", """{"a":1}""")]
    // Scalars: numbers, booleans and null keep their text; on/off/yes/no are strings.
    [InlineData("a = 10, b = 1.50, c = -2e3, d = true, e = off, f = yes, g = null", """{"a":10,"b":1.50,"c":-2e3,"d":true,"e":"off","f":"yes","g":null}""")]
    [InlineData("a = 1.0.0", """{"a":"1.0.0"}""")]
    // Keys: dotted paths, quoted segments, whitespace.
    [InlineData("a.b.c = 1", """{"a":{"b":{"c":1}}}""")]
    [InlineData("\"a.b\" = 1", """{"a.b":1}""")]
    [InlineData("a.\"b.c\".d = 1", """{"a":{"b.c":{"d":1}}}""")]
    [InlineData("foo bar = 1", """{"foo bar":1}""")]
    [InlineData("10.5 = x", """{"10":{"5":"x"}}""")]
    [InlineData("\"\" = empty", """{"":"empty"}""")]
    [InlineData("a { x = 1 }\na.y = 2", """{"a":{"x":1,"y":2}}""")]
    [InlineData("a.y = 2\na { x = 1 }", """{"a":{"y":2,"x":1}}""")]
    // Duplicate keys: objects merge, anything else replaces, arrays are replaced not merged.
    [InlineData("a { x = 1, y = 1 }\na { y = 2, z = 3 }", """{"a":{"x":1,"y":2,"z":3}}""")]
    [InlineData("a { b { c = 1 } }\na { b { d = 2 } }", """{"a":{"b":{"c":1,"d":2}}}""")]
    [InlineData("a { x = 1 }\na = 5", """{"a":5}""")]
    [InlineData("a = 5\na { x = 1 }", """{"a":{"x":1}}""")]
    [InlineData("a { x = 1 }\na = 5\na { y = 2 }", """{"a":{"y":2}}""")]
    [InlineData("a { x = 1 }\na = null", """{"a":null}""")]
    [InlineData("a = [1, 2]\na = [3]", """{"a":[3]}""")]
    [InlineData("a = 1\na = 2", """{"a":2}""")]
    // Unquoted strings and concatenation of simple values.
    [InlineData("a = foo   bar baz", """{"a":"foo   bar baz"}""")]
    [InlineData("a = foo bar   # comment", """{"a":"foo bar"}""")]
    [InlineData("a = 10 seconds", """{"a":"10 seconds"}""")]
    [InlineData("a = \"foo\" bar \"baz\"", """{"a":"foo bar baz"}""")]
    [InlineData("a = \"x\"\"y\"", """{"a":"xy"}""")]
    [InlineData("a = true false null", """{"a":"true false null"}""")]
    [InlineData("a = foo.bar-baz_1", """{"a":"foo.bar-baz_1"}""")]
    [InlineData("a = 1e+5", """{"a":1e+5}""")]
    // Quoted strings and triple quotes.
    [InlineData("""a = "tab\there \"q\" \\ \u0041 \/" """, """{"a":"tab\there \"q\" \\ A /"}""")]
    [InlineData("a = \"${b}\"", """{"a":"${b}"}""")]
    [InlineData("a = \"# not a comment // either\"", """{"a":"# not a comment // either"}""")]
    [InlineData("a = \"\"\"line one\n  \"quoted\" \\n not escaped\"\"\"", """{"a":"line one\n  \"quoted\" \\n not escaped"}""")]
    [InlineData("a = \"\"\"x\"\"\"\"", """{"a":"x\""}""")]
    [InlineData("a = \"\"\"\"\"x\"\"\"\"\"", """{"a":"\"\"x\"\""}""")]
    // Substitutions resolve against the whole merged root, after parsing.
    [InlineData("a = ${b}\nb = 42", """{"a":42,"b":42}""")]
    [InlineData("a = ${b}\nb = ${c}\nc = x", """{"a":"x","b":"x","c":"x"}""")]
    [InlineData("a { x = 1 }\nb = ${a}", """{"a":{"x":1},"b":{"x":1}}""")]
    [InlineData("bar { foo = 42, baz = ${bar.foo} }\nbar { foo = 43 }", """{"bar":{"foo":43,"baz":43}}""")]
    [InlineData("a = ${b.c}\nb.c = deep", """{"a":"deep","b":{"c":"deep"}}""")]
    [InlineData("a = ${\"b.c\"}\n\"b.c\" = quoted", """{"a":"quoted","b.c":"quoted"}""")]
    [InlineData("a = ${ b }\nb = spaced", """{"a":"spaced","b":"spaced"}""")]
    [InlineData("a = ${b}\na { y = 2 }\nb { x = 1 }", """{"a":{"x":1,"y":2},"b":{"x":1}}""")]
    [InlineData("a { p = 1, q = ${a.p} }", """{"a":{"p":1,"q":1}}""")]
    [InlineData("a = ${x}\na { p = 1, q = ${a.p} }\nx { r = 0 }", """{"a":{"r":0,"p":1,"q":1},"x":{"r":0}}""")]
    // Self-references see the value the field had before.
    [InlineData("a = \"x\"\na = ${a}\"y\"", """{"a":"xy"}""")]
    [InlineData("path = [a]\npath = ${path} [b]", """{"path":["a","b"]}""")]
    [InlineData("foo { a = 1 }\nfoo = ${foo}", """{"foo":{"a":1}}""")]
    [InlineData("foo { a = 1 }\nfoo = ${foo} { b = 2 }", """{"foo":{"a":1,"b":2}}""")]
    [InlineData("a { x = 1 }\na.x = ${a.x}0", """{"a":{"x":"10"}}""")]
    [InlineData("a { x = 1 }\na { x = ${a.x} 2, y = ${a.x} }", """{"a":{"x":"1 2","y":"1 2"}}""")]
    [InlineData("a = 1\na = ${a}\na = ${a}", """{"a":1}""")]
    // Optional substitutions.
    [InlineData("a = ${?missing}", "{}")]
    [InlineData("a = 1\na = ${?missing}", """{"a":1}""")]
    [InlineData("a = foo${?missing}bar", """{"a":"foobar"}""")]
    [InlineData("a = [1] ${?missing} [2]", """{"a":[1,2]}""")]
    [InlineData("a = [1, ${?missing}, 2]", """{"a":[1,2]}""")]
    [InlineData("a { b = ${?missing} }", """{"a":{}}""")]
    // += appends to an array.
    [InlineData("a = [1]\na += 2", """{"a":[1,2]}""")]
    [InlineData("a += 1", """{"a":[1]}""")]
    [InlineData("x { a += 1 }\nx { a += 2 }", """{"x":{"a":[1,2]}}""")]
    [InlineData("x.a += { k = v }", """{"x":{"a":[{"k":"v"}]}}""")]
    // Environment variables are the fallback when the path is not in the configuration.
    [InlineData("home = ${HOME}", """{"home":"/home/scheduler"}""")]
    [InlineData("HOME = here\nh = ${HOME}", """{"HOME":"here","h":"here"}""")]
    [InlineData("path = ${?PATH}\":/opt/bin\"", """{"path":"/usr/bin:/opt/bin"}""")]
    [InlineData("workers = 4\nworkers = ${?CONFIG_FORCE_workers}", """{"workers":"16"}""")]
    [InlineData("workers = 4\nworkers = ${?CONFIG_FORCE_absent}", """{"workers":4}""")]
    // Concatenation of substituted values.
    [InlineData("a = hello\nb = ${a} world", """{"a":"hello","b":"hello world"}""")]
    [InlineData("a = 1\nb = ${a}\" \"${a}", """{"a":1,"b":"1 1"}""")]
    [InlineData("a = [1, 2]\nb = ${a} [3]", """{"a":[1,2],"b":[1,2,3]}""")]
    [InlineData("a { b = 1 }\nc = ${a} { d = 2 }", """{"a":{"b":1},"c":{"b":1,"d":2}}""")]
    [InlineData("a = { b = 1 } { c = 2 }", """{"a":{"b":1,"c":2}}""")]
    [InlineData("a = [1] [2]", """{"a":[1,2]}""")]
    public void Parse_SpecificationCase_ResolvesToExpectedJson(string hocon, string expectedJson)
    {
        var root = Hocon.Parse(hocon, options: NoOutsideWorld);

        root.Value.ToString().Should().Be(expectedJson);
    }

    [Fact]
    public void Parse_EnvironmentLookup_IsAskedOnlyForPathsMissingFromTheConfiguration()
    {
        var asked = new List<string>();
        var options = new HoconParseOptions
        {
            EnvironmentLookup = name =>
            {
                asked.Add(name);
                return null;
            },
        };

        Hocon.Parse("a = ${b}\nb = 1\nc = ${?NOT_HERE}", options: options);

        asked.Should().Equal("NOT_HERE");
    }

    [Fact]
    public void Parse_IncludedFileSubstitutions_AreRelativeToTheIncludeSite()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Path.GetFullPath("pool.conf")] = "size = 4\nmax = ${size}\nnames += first",
        };
        var options = new HoconParseOptions { FileReader = path => files.GetValueOrDefault(path), EnvironmentLookup = _ => null };

        var root = Hocon.Parse("db { names = [zero]\ninclude \"pool.conf\" }", options: options);

        root.Value.ToString().Should().Be("""{"db":{"names":["zero","first"],"size":4,"max":4}}""");
    }
}
