namespace Scheduler.Configuration.Tests.Hocon;

using Hocon = Scheduler.Configuration.Hocon;

/// <summary>Includes read real files from a folder created by each test.</summary>
public sealed class HoconIncludeTests : IDisposable
{
    private static readonly HoconParseOptions NoEnvironment = new() { EnvironmentLookup = _ => null };

    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ParseFile_Include_IsResolvedRelativeToTheIncludingFile()
    {
        var main = _folder.Write("app.conf", "include \"conf/db.conf\"\nname = app");
        _folder.Write("conf/db.conf", "db { include \"pool.conf\"\nhost = localhost }");
        _folder.Write("conf/pool.conf", "pool-size = 8");

        var root = Hocon.ParseFile(main, NoEnvironment);

        root.Value.ToString().Should().Be("""{"db":{"pool-size":8,"host":"localhost"},"name":"app"}""");
    }

    [Theory]
    [InlineData("include \"db.conf\"")]
    [InlineData("include file(\"db.conf\")")]
    [InlineData("include required(\"db.conf\")")]
    [InlineData("include required(file(\"db.conf\"))")]
    [InlineData("include required( file( \"db.conf\" ) )")]
    [InlineData("include \"db\"")]
    public void ParseFile_EveryIncludeForm_ReadsTheFile(string include)
    {
        var main = _folder.Write("app.conf", include);
        _folder.Write("db.conf", "db.host = localhost");

        var root = Hocon.ParseFile(main, NoEnvironment);

        root.GetString("db.host").Should().Be("localhost");
    }

    [Fact]
    public void ParseFile_IncludedKeys_MergeIntoTheObjectAtTheIncludeSite()
    {
        var main = _folder.Write("app.conf", """
            db {
              host = before
              pool { min = 1 }
              include "db.conf"
              port = 5433
            }
            """);
        _folder.Write("db.conf", "host = included\nport = 5432\npool { max = 10 }\nurl = \"db://\"${host}\":\"${port}");

        var root = Hocon.ParseFile(main, NoEnvironment);

        root.Value.ToString().Should().Be("""{"db":{"host":"included","pool":{"min":1,"max":10},"port":5433,"url":"db://included:5433"}}""");
    }

    [Fact]
    public void ParseFile_MissingPlainInclude_IsIgnored()
    {
        var main = _folder.Write("app.conf", "include \"absent.conf\"\na = 1");

        var root = Hocon.ParseFile(main, NoEnvironment);

        root.Value.ToString().Should().Be("""{"a":1}""");
    }

    [Fact]
    public void ParseFile_MissingRequiredInclude_FailsNamingTheFileAndTheIncludeSite()
    {
        var main = _folder.Write("app.conf", "a = 1\n  include required(\"absent.conf\")");

        var parse = () => Hocon.ParseFile(main, NoEnvironment);

        var error = parse.Should().Throw<HoconException>().Which;
        error.Message.Should().StartWith($"{main}:2:3: required include file 'absent.conf' was not found");
        error.Line.Should().Be(2);
        error.Column.Should().Be(3);
    }

    [Fact]
    public void ParseFile_IncludeCycle_FailsNamingTheChain()
    {
        var main = _folder.Write("a.conf", "a = 1\ninclude \"b.conf\"");
        _folder.Write("b.conf", "b = 2\ninclude \"a.conf\"");

        var parse = () => Hocon.ParseFile(main, NoEnvironment);

        var error = parse.Should().Throw<HoconException>().Which;
        var b = Path.Combine(_folder.Path, "b.conf");
        error.Message.Should().Be($"{b}:2:1: include cycle: {main} -> {b} -> {Path.Combine(_folder.Path, "a.conf")}");
    }

    [Fact]
    public void ParseFile_FileIncludingItself_FailsAsACycle()
    {
        var main = _folder.Write("self.conf", "include \"self.conf\"");

        var parse = () => Hocon.ParseFile(main, NoEnvironment);

        parse.Should().Throw<HoconException>().WithMessage("*include cycle*");
    }

    [Fact]
    public void ParseFile_SameFileIncludedTwice_IsNotACycle()
    {
        var main = _folder.Write("app.conf", "a { include \"common.conf\" }\nb { include \"common.conf\" }");
        _folder.Write("common.conf", "x = 1");

        var root = Hocon.ParseFile(main, NoEnvironment);

        root.Value.ToString().Should().Be("""{"a":{"x":1},"b":{"x":1}}""");
    }

    [Fact]
    public void ParseFile_ErrorInIncludedFile_NamesTheIncludedFile()
    {
        var main = _folder.Write("app.conf", "include \"broken.conf\"");
        _folder.Write("broken.conf", "a = {\n");

        var parse = () => Hocon.ParseFile(main, NoEnvironment);

        parse.Should().Throw<HoconException>()
            .Which.Message.Should().Be($"{Path.Combine(_folder.Path, "broken.conf")}:2:1: expected '}}' but found end of input");
    }

    [Fact]
    public void ParseFile_MissingFile_ThrowsFileNotFound()
    {
        var parse = () => Hocon.ParseFile(Path.Combine(_folder.Path, "absent.conf"), NoEnvironment);

        parse.Should().Throw<FileNotFoundException>().WithMessage("*absent.conf*");
    }

    [Fact]
    public void ParseFile_FileReaderSeam_ReplacesTheFileSystem()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Path.GetFullPath("/virtual/app.conf")] = "include \"more.conf\"\na = 1",
            [Path.GetFullPath("/virtual/more.conf")] = "b = 2",
        };
        var options = new HoconParseOptions { FileReader = files.GetValueOrDefault, EnvironmentLookup = _ => null };

        var root = Hocon.ParseFile("/virtual/app.conf", options);

        root.Value.ToString().Should().Be("""{"b":2,"a":1}""");
    }
}
