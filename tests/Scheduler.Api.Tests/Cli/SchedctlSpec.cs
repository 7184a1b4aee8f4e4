using System.Text.Json;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Api.Tests.Cli;

/// <summary>
/// The real <c>schedctl</c> process against a real node: each command, the JSON output scripts read, and the
/// documented exit code of each failure (with nothing changed when the input was bad).
/// </summary>
public sealed class SchedctlSpec(NodeFixture fixture, ITestOutputHelper output) : TestKit.TestKit(output), IClassFixture<NodeFixture>
{
    private readonly Schedctl _cli = new(fixture.Node.Address, RunningNode.Token);

    [Fact]
    public async Task Submit_with_wait_follows_the_task_to_its_success_and_get_shows_it()
    {
        var submit = await _cli.RunAsync("submit", "--type", "sleep", "--payload", """{"ms":50}""", "--id", "cli-1", "--label", "suite=cli", "--wait");
        var get = await _cli.RunAsync("get", "cli-1", "-o", "json");

        submit.ExitCode.Should().Be(0, submit.ToString());
        submit.Lines[0].Should().StartWith("created ").And.Contain("cli-1");
        submit.Lines[^1].Should().Contain("cli-1").And.Contain("succeeded");
        get.ExitCode.Should().Be(0, get.ToString());
        var task = JsonDocument.Parse(get.Output).RootElement;
        task.Text("state").Should().Be("succeeded");
        task.GetProperty("labels").Text("suite").Should().Be("cli");
    }

    [Fact]
    public async Task Watch_exits_8_when_the_task_ends_without_succeeding()
    {
        var submit = await _cli.RunAsync("submit", "--type", "sleep", "--payload", """{"fail":"boom"}""", "--max-attempts", "1", "--id", "cli-fails");
        var watch = await _cli.RunAsync("watch", "cli-fails");

        submit.ExitCode.Should().Be(0, submit.ToString());
        watch.ExitCode.Should().Be(8, watch.ToString());
        watch.Lines[^1].Should().Contain("failed").And.Contain("boom");
    }

    [Fact]
    public async Task Commands_change_the_task_and_one_that_does_not_apply_exits_5()
    {
        (await _cli.RunAsync("submit", "--type", "noop", "--id", "cli-later", "--delay", "1h")).ExitCode.Should().Be(0);

        var pause = await _cli.RunAsync("pause", "cli-later");
        var resume = await _cli.RunAsync("resume", "cli-later");
        var cancel = await _cli.RunAsync("cancel", "cli-later", "--reason", "not needed");
        var again = await _cli.RunAsync("resume", "cli-later");
        var rerun = await _cli.RunAsync("rerun", "cli-later", "-o", "json");
        var delete = await _cli.RunAsync("delete", "cli-later");
        var gone = await _cli.RunAsync("get", "cli-later");

        pause.Output.Should().Contain("paused", pause.ToString());
        resume.Output.Should().Contain("scheduled", resume.ToString());
        cancel.Output.Should().Contain("cancelled", cancel.ToString());
        again.ExitCode.Should().Be(5, again.ToString());
        again.Error.Should().Contain("cannot resume task 'cli-later'");
        JsonDocument.Parse(rerun.Output).RootElement.Text("state").Should().NotBe("cancelled");
        delete.Output.Should().Contain("deleted", delete.ToString());
        gone.ExitCode.Should().Be(4, gone.ToString());
        gone.Error.Should().Contain("there is no task 'cli-later'");
    }

    [Fact]
    public async Task Bad_input_exits_with_its_code_names_what_is_wrong_and_changes_nothing()
    {
        var before = await fixture.JournalIdsAsync();

        var unknownType = await _cli.RunAsync("submit", "--type", "no-such-type", "--id", "cli-bad-1");
        var badPayload = await _cli.RunAsync("submit", "--type", "noop", "--payload", "{not json", "--id", "cli-bad-2");
        var badState = await _cli.RunAsync("list", "--state", "bogus");
        var badDuration = await _cli.RunAsync("submit", "--type", "noop", "--delay", "soon");
        var badUrl = await _cli.RunAsync("get", "x", "--url", "ftp://example");
        var noType = await _cli.RunAsync("submit", "--id", "cli-bad-3");
        var badCron = await _cli.RunAsync("schedule", "create", "--id", "cli-bad-schedule", "--cron", "61 * * * *", "--type", "noop");

        unknownType.ExitCode.Should().Be(3, unknownType.ToString());
        unknownType.Error.Should().Contain("type: 'no-such-type' is not a registered task type");
        badPayload.ExitCode.Should().Be(2, badPayload.ToString());
        badPayload.Error.Should().Contain("--payload: not JSON");
        badState.ExitCode.Should().Be(2, badState.ToString());
        badState.Error.Should().Contain("--state: 'bogus' is not one of").And.Contain("retry-waiting");
        badDuration.ExitCode.Should().Be(2, badDuration.ToString());
        badDuration.Error.Should().Contain("--delay: 'soon' is not a duration");
        badUrl.ExitCode.Should().Be(2, badUrl.ToString());
        badUrl.Error.Should().Contain("--url: 'ftp://example' is not an http or https URL");
        noType.ExitCode.Should().Be(2, noType.ToString());
        noType.Error.Should().Contain("--type is required");
        badCron.ExitCode.Should().Be(3, badCron.ToString());
        badCron.Error.Should().Contain("trigger");
        (await fixture.JournalIdsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task A_missing_token_exits_6_and_an_unreachable_node_exits_7()
    {
        var anonymous = await new Schedctl(fixture.Node.Address, token: null).RunAsync("workers");
        var wrong = await _cli.RunAsync("workers", "--token", "wrong-token-0123456789");
        var nowhere = await _cli.RunAsync("get", "x", "--url", "http://127.0.0.1:1");

        anonymous.ExitCode.Should().Be(6, anonymous.ToString());
        anonymous.Error.Should().Contain("401").And.Contain("--token");
        wrong.ExitCode.Should().Be(6, wrong.ToString());
        nowhere.ExitCode.Should().Be(7, nowhere.ToString());
        nowhere.Error.Should().Contain("cannot reach the scheduler at http://127.0.0.1:1/");
    }

    [Fact]
    public async Task List_filters_prints_a_table_or_the_page_as_json_and_all_follows_every_page()
    {
        foreach (var n in new[] { "1", "2", "3" })
        {
            (await _cli.RunAsync("submit", "--type", "noop", "--id", "cli-listed-" + n, "--label", "suite=cli-list")).ExitCode.Should().Be(0);
        }

        AwaitAssert(() =>
        {
            var all = _cli.RunAsync("list", "--label", "suite=cli-list", "--limit", "1", "--all", "-o", "json").GetAwaiter().GetResult();
            all.ExitCode.Should().Be(0, all.ToString());
            JsonDocument.Parse(all.Output).RootElement.GetProperty("tasks").EnumerateArray().Select(task => task.Text("id"))
                .Should().BeEquivalentTo("cli-listed-1", "cli-listed-2", "cli-listed-3");
        }, TimeSpan.FromSeconds(30));
        var table = await _cli.RunAsync("list", "--label", "suite=cli-list", "--limit", "2");

        table.ExitCode.Should().Be(0, table.ToString());
        table.Lines.Should().Contain(line => line.StartsWith("ID", StringComparison.Ordinal) && line.Contains("STATE", StringComparison.Ordinal));
        table.Lines.Count(line => line.StartsWith("cli-listed-", StringComparison.Ordinal)).Should().Be(2);
        table.Lines[^1].Should().StartWith("more: --after ");
    }

    [Fact]
    public async Task List_watch_prints_the_page_again_until_it_is_stopped()
    {
        (await _cli.RunAsync("submit", "--type", "noop", "--id", "cli-watched", "--label", "suite=cli-watch")).ExitCode.Should().Be(0);

        // The read model follows the journal within moments: the watch shows the task once it is there.
        using var watch = _cli.Start(["list", "--watch", "--interval", "200ms", "--label", "suite=cli-watch", "-o", "json"], stdin: null);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60), TimeProvider.System);
        var pages = new List<string[]>();
        while ((pages.Count == 0 || !pages[^1].Contains("cli-watched")) && await watch.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            pages.Add([.. JsonDocument.Parse(line).RootElement.GetProperty("tasks").EnumerateArray().Select(task => task.Text("id"))]);
        }

        var second = await watch.StandardOutput.ReadLineAsync(limit.Token);
        watch.Kill(entireProcessTree: true);
        await watch.WaitForExitAsync();
        pages[^1].Should().Equal("cli-watched");
        JsonDocument.Parse(second!).RootElement.GetProperty("tasks").EnumerateArray().Select(task => task.Text("id"))
            .Should().Equal(["cli-watched"], "the watch goes on printing the page until it is stopped");
    }

    [Fact]
    public async Task Schedules_are_created_shown_listed_paused_resumed_and_deleted()
    {
        var create = await _cli.RunAsync("schedule", "create", "--id", "cli-nightly", "--cron", "0 3 * * *", "--type", "noop", "--overlap", "buffer-one");
        var get = await _cli.RunAsync("schedule", "get", "cli-nightly", "-o", "json");
        var pause = await _cli.RunAsync("schedule", "pause", "cli-nightly");
        var resume = await _cli.RunAsync("schedule", "resume", "cli-nightly");
        var delete = await _cli.RunAsync("schedule", "delete", "cli-nightly");
        var gone = await _cli.RunAsync("schedule", "get", "cli-nightly");

        create.ExitCode.Should().Be(0, create.ToString());
        create.Output.Should().StartWith("created schedule cli-nightly");
        var schedule = JsonDocument.Parse(get.Output).RootElement;
        schedule.GetProperty("spec").Text("overlap").Should().Be("buffer-one");
        schedule.GetProperty("spec").GetProperty("trigger").Text("cron").Should().Be("0 3 * * *");
        pause.Output.Should().Contain("paused", pause.ToString());
        resume.Output.Should().Contain("active", resume.ToString());
        delete.Output.Should().Contain("deleted", delete.ToString());
        gone.ExitCode.Should().Be(4, gone.ToString());
    }

    [Fact]
    public async Task Cluster_members_workers_and_shards_print_what_the_node_sees()
    {
        var members = await _cli.RunAsync("cluster", "members", "-o", "json");
        var table = await _cli.RunAsync("cluster", "members");
        var workers = await _cli.RunAsync("workers", "-o", "json");
        var shards = await _cli.RunAsync("shards");
        var downUnknown = await _cli.RunAsync("cluster", "down", "sched.tcp://scheduler@127.0.0.1:1");

        var self = JsonDocument.Parse(members.Output).RootElement.Text("self");
        JsonDocument.Parse(members.Output).RootElement.GetProperty("members").EnumerateArray().Single().Text("status").Should().Be("up");
        table.Lines.Should().Contain(line => line.StartsWith(self, StringComparison.Ordinal) && line.Contains("leader self", StringComparison.Ordinal));
        JsonDocument.Parse(workers.Output).RootElement.GetProperty("workers").EnumerateArray().Single().Text("node").Should().Be(self);
        shards.ExitCode.Should().Be(0, shards.ToString());
        shards.Lines[0].Should().StartWith("TYPE");
        downUnknown.ExitCode.Should().Be(4, downUnknown.ToString());
    }
}
