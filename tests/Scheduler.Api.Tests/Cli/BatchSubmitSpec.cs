using System.Text.Json;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Api.Tests.Cli;

/// <summary><c>schedctl submit --file</c>: JSON Lines, arrays and standard input; a bad file sends nothing; refusals are named.</summary>
public sealed class BatchSubmitSpec(NodeFixture fixture, ITestOutputHelper output) : TestKit.TestKit(output), IClassFixture<NodeFixture>
{
    private readonly Schedctl _cli = new(fixture.Node.Address, RunningNode.Token);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("schedctl-batch-");

    [Fact]
    public async Task Every_task_of_a_json_lines_file_is_submitted_and_waited_for()
    {
        var file = Write("tasks.jsonl", string.Join('\n', Enumerable.Range(1, 20).Select(n => "{\"id\":\"batch-" + n + "\",\"type\":\"sleep\",\"payload\":{\"ms\":10}}")) + "\n");

        var run = await _cli.RunAsync("submit", "--file", file, "--concurrency", "4", "--wait");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("submitted 20 tasks: 20 created, 0 already existed, 0 refused").And.Contain("20 of 20 tasks succeeded");
    }

    [Fact]
    public async Task A_json_array_from_standard_input_reports_one_json_line_per_task()
    {
        using var process = _cli.Start(["submit", "--file", "-", "-o", "json"], stdin: """[{"id":"stdin-1","type":"noop"},{"id":"stdin-2","type":"noop"}]""");
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.Should().Be(0, text + await process.StandardError.ReadToEndAsync());
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)
            .Select(line => (line.Text("where"), line.Text("id"), line.GetProperty("created").GetBoolean()))
            .Should().Equal(("item 1", "stdin-1", true), ("item 2", "stdin-2", true));
    }

    [Fact]
    public async Task A_file_with_a_bad_line_names_each_and_sends_nothing()
    {
        var before = await fixture.JournalIdsAsync();
        var file = Write("bad.jsonl", """
            {"id":"never-1","type":"noop"}
            {"id":"never-2","type":"noop","priorty":3}
            {"id":"never-3","type":"noop","delay":"soon"}
            """);

        var run = await _cli.RunAsync("submit", "--file", file);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain("has 2 bad tasks; nothing was sent").And.Contain("line 2: ").And.Contain("priorty").And.Contain("line 3: ").And.Contain("'soon' is not a duration");
        (await fixture.JournalIdsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task A_refused_task_does_not_stop_the_others_and_sets_the_exit_code()
    {
        var file = Write("mixed.jsonl", """
            {"id":"mixed-1","type":"noop"}
            {"id":"mixed-2","type":"no-such-type"}
            {"id":"mixed-3","type":"noop"}
            """);

        var run = await _cli.RunAsync("submit", "--file", file);

        run.ExitCode.Should().Be(3, run.ToString());
        run.Output.Should().Contain("submitted 3 tasks: 2 created, 0 already existed, 1 refused");
        run.Error.Should().Contain("line 2 (mixed-2): 400 The request is invalid");
        (await _cli.RunAsync("get", "mixed-3")).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task A_missing_file_and_flags_beside_a_file_are_usage_errors()
    {
        var missing = await _cli.RunAsync("submit", "--file", Path.Combine(_folder.FullName, "nope.jsonl"));
        var mixed = await _cli.RunAsync("submit", "--file", Write("one.json", """{"type":"noop"}"""), "--type", "noop");

        missing.ExitCode.Should().Be(2, missing.ToString());
        missing.Error.Should().Contain("cannot read");
        mixed.ExitCode.Should().Be(2, mixed.ToString());
        mixed.Error.Should().Contain("does not go with --type");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _folder.Delete(recursive: true);
        }

        base.Dispose(disposing);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
