using System.Text.Json;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Execution.BuiltIn.Shell;

namespace Scheduler.Engine.Tests.Execution.Shell;

public sealed class ShellTaskRequestSpec
{
    [Fact]
    public void A_full_payload_is_read_field_by_field()
    {
        var request = ShellTaskRequest.Parse(Json("""
            {"command": "/usr/bin/backup", "args": ["--full", "a b"], "env": {"MODE": "night"}, "workingDirectory": "/srv",
             "timeoutSeconds": 1.5, "expect": [0, 3], "maxOutputBytes": 10}
            """));

        request.Command.Should().Be("/usr/bin/backup");
        request.Arguments.Should().Equal("--full", "a b");
        request.Environment.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("MODE", "night"));
        request.WorkingDirectory.Should().Be("/srv");
        request.Timeout.Should().Be(TimeSpan.FromSeconds(1.5));
        request.Expect.Should().Equal(0, 3);
        request.MaxOutputBytes.Should().Be(10);
    }

    [Fact]
    public void Only_the_command_is_required()
    {
        var request = ShellTaskRequest.Parse(Json("""{"command": "date"}"""));

        request.Arguments.Should().BeEmpty();
        request.Environment.Should().BeEmpty();
        request.WorkingDirectory.Should().BeNull();
        request.Timeout.Should().BeNull();
        request.Expect.Should().Equal(0);
        request.MaxOutputBytes.Should().Be(ShellTaskRequest.DefaultMaxOutputBytes);
    }

    [Theory]
    [InlineData("""["date"]""", "must be an object")]
    [InlineData("""{"args": []}""", "'command'")]
    [InlineData("""{"command": ""}""", "'command'")]
    [InlineData("""{"command": 7}""", "'command'")]
    [InlineData("""{"command": "date", "args": "-u"}""", "'args' must be a list")]
    [InlineData("""{"command": "date", "args": ["-u", 1]}""", "'args' holds 1")]
    [InlineData("""{"command": "date", "env": ["A=1"]}""", "'env' must be an object")]
    [InlineData("""{"command": "date", "env": {"A": 1}}""", "variable 'A'")]
    [InlineData("""{"command": "date", "env": {"A=B": "1"}}""", "'A=B'")]
    [InlineData("""{"command": "date", "workingDirectory": "relative/dir"}""", "'workingDirectory' must be an absolute path")]
    [InlineData("""{"command": "date", "timeoutSeconds": 0}""", "'timeoutSeconds'")]
    [InlineData("""{"command": "date", "timeoutSeconds": "10s"}""", "'timeoutSeconds'")]
    [InlineData("""{"command": "date", "expect": []}""", "'expect' must be a non-empty list")]
    [InlineData("""{"command": "date", "expect": [256]}""", "'expect' holds 256")]
    [InlineData("""{"command": "date", "maxOutputBytes": -1}""", "'maxOutputBytes'")]
    [InlineData("""{"command": "date", "maxOutputBytes": 2000000}""", "'maxOutputBytes'")]
    public void A_bad_payload_is_refused_naming_the_field(string payload, string expected)
    {
        var parse = () => ShellTaskRequest.Parse(Json(payload));

        parse.Should().Throw<TaskPayloadException>().WithMessage("shell: *").Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void No_payload_is_refused()
    {
        var parse = () => ShellTaskRequest.Parse(null);

        parse.Should().Throw<TaskPayloadException>();
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
