using Scheduler.Cli;
using Scheduler.Cli.Input;

namespace Scheduler.Api.Tests.Cli;

/// <summary>How <c>submit --file</c> reads its file: the three shapes, and every bad task named before anything is sent.</summary>
public sealed class TaskFileSpec
{
    [Theory]
    [InlineData("""{"id":"a","type":"noop"}""", "the task:a")]
    [InlineData("""[{"id":"a","type":"noop"},{"id":"b","type":"sleep"}]""", "item 1:a,item 2:b")]
    [InlineData("{\"id\":\"a\",\"type\":\"noop\"}\n\n{\"id\":\"b\",\"type\":\"noop\"}\n", "line 1:a,line 3:b")]
    [InlineData("{\"id\":\"a\",\"type\":\"noop\"}\r\n{\"id\":\"b\",\"type\":\"noop\"}", "line 1:a,line 2:b")]
    public void Reads_one_task_an_array_or_json_lines(string text, string expected)
    {
        var entries = TaskFile.Read(text, "tasks");

        string.Join(",", entries.Select(entry => entry.Where + ":" + entry.Spec.Id)).Should().Be(expected);
    }

    [Theory]
    [InlineData("", "tasks holds no task")]
    [InlineData("[]", "tasks holds no task")]
    [InlineData("[{\"type\":\"noop\"}, 3]", "item 2: ")]
    [InlineData("[null]", "item 1: is null")]
    [InlineData("{\"type\":\"noop\"}\n{\"type\":\"noop\",\"retry\":{\"maxAttempts\":\"x\"}}", "line 2: ")]
    [InlineData("{\"type\":\"noop\"}\n{\"type\":", "line 2: ")]
    [InlineData("{\"type\":\"noop\",\"extra\":true}", "'extra'")]
    public void A_bad_file_is_a_usage_error_that_names_the_task(string text, string expected)
    {
        var read = () => TaskFile.Read(text, "tasks");

        read.Should().Throw<UsageException>().Which.Message.Should().Contain(expected);
    }
}
