using System.Text.Json;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Execution.BuiltIn.Shell;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Tests.Engine;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Execution.Shell;

/// <summary>The <c>shell</c> type on a one-node engine: real processes through setsid and setpriv.</summary>
public sealed class ShellExecutorSpec(ITestOutputHelper output) : EngineSpecBase(output, """
    scheduler.engine.executors.shell {
      enabled = on
      allowed-commands = [sh, /bin/sh, head, printf]
      kill-grace = 2s
    }
    """)
{
    private static readonly RetryPolicy Once = RetryPolicy.Default with { MaxAttempts = 1 };


    [Fact]
    public async Task A_program_runs_and_its_output_and_exit_code_are_the_result()
    {
        await Submit("out-1", """{"command": "sh", "args": ["-c", "printf 'hello'; printf 'careful' >&2"]}""");

        var result = Result(AwaitState("out-1", TaskState.Succeeded));

        result.GetProperty("exitCode").GetInt32().Should().Be(0);
        result.GetProperty("stdout").GetString().Should().Be("hello");
        result.GetProperty("stderr").GetString().Should().Be("careful");
        result.GetProperty("stdoutTruncated").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Arguments_reach_the_program_as_given_with_the_environment_and_folder_of_the_payload()
    {
        var payload = JsonSerializer.Serialize(new
        {
            command = "/bin/sh",
            args = new[] { "-c", "printf '%s|%s|%s' \"$1\" \"$GREETING\" \"$PWD\"", "probe", "two words; $(not run)" },
            env = new Dictionary<string, string>(StringComparer.Ordinal) { ["GREETING"] = "hi there" },
            workingDirectory = Folder,
        });
        await Submit("args-1", payload);

        var result = Result(AwaitState("args-1", TaskState.Succeeded));

        result.GetProperty("stdout").GetString().Should().Be("two words; $(not run)|hi there|" + Folder);
    }

    [Fact]
    public async Task An_unexpected_exit_code_fails_the_attempt_with_the_code_and_stderr()
    {
        await Submit("exit-1", """{"command": "sh", "args": ["-c", "echo 'disk full' >&2; exit 3"]}""");

        var failed = AwaitState("exit-1", TaskState.Failed);

        failed.LastError!.Kind.Should().Be(ShellExecutor.ExitKind);
        failed.LastError.Message.Should().Contain("exited with code 3").And.Contain("disk full");
    }

    [Fact]
    public async Task An_exit_code_the_payload_expects_is_a_success()
    {
        await Submit("exit-2", """{"command": "sh", "args": ["-c", "exit 3"], "expect": [0, 3]}""");

        Result(AwaitState("exit-2", TaskState.Succeeded)).GetProperty("exitCode").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task Output_past_the_cap_is_cut_and_the_program_still_runs_to_its_end()
    {
        await Submit("cap-1", """{"command": "sh", "args": ["-c", "head -c 300000 /dev/zero | tr '\\000' a; echo done >&2"], "maxOutputBytes": 1000}""");

        var result = Result(AwaitState("cap-1", TaskState.Succeeded));

        result.GetProperty("stdout").GetString().Should().Be(new string('a', 1000));
        result.GetProperty("stdoutTruncated").GetBoolean().Should().BeTrue();
        result.GetProperty("stderr").GetString().Should().Be("done\n", "a program writing more than the cap is drained, not blocked");
    }

    [Fact]
    public async Task Cancelling_the_task_ends_the_program_and_every_process_it_started()
    {
        var (leader, child) = (Path.Combine(Folder, "leader"), Path.Combine(Folder, "child"));
        await Submit("cancel-1", JsonSerializer.Serialize(new
        {
            command = "sh",
            args = new[] { "-c", $"sleep 600 & echo $! > {child}; echo $$ > {leader}; wait" },
        }));
        var (leaderPid, childPid) = AwaitPids(leader, child);

        (await Client.CancelAsync("cancel-1")).Should().BeOfType<TaskReply.Accepted>();

        AwaitState("cancel-1", TaskState.Cancelled);
        AwaitCondition(() => !ProcessProbe.IsAlive(leaderPid) && !ProcessProbe.IsAlive(childPid), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_program_past_the_payload_timeout_is_stopped_and_the_attempt_times_out()
    {
        var leader = Path.Combine(Folder, "slow");
        await Submit("slow-1", JsonSerializer.Serialize(new
        {
            command = "sh",
            args = new[] { "-c", $"echo $$ > {leader}; exec sleep 600" },
            timeoutSeconds = 0.5,
        }));

        var failed = AwaitState("slow-1", TaskState.Failed);

        failed.LastError!.Kind.Should().Be(ErrorKinds.Timeout);
        failed.LastError.Message.Should().Contain("0.5 s timeout");
        ProcessProbe.IsAlive(ProcessProbe.ReadPid(leader)!.Value).Should().BeFalse();
    }

    [Fact]
    public async Task A_program_that_ignores_sigterm_is_killed_after_the_grace()
    {
        var leader = Path.Combine(Folder, "stubborn");
        await Submit("stubborn-1", JsonSerializer.Serialize(new
        {
            command = "sh",
            args = new[] { "-c", $"trap '' TERM; echo $$ > {leader}; while :; do sleep 1; done" },
            timeoutSeconds = 0.3,
        }));

        AwaitState("stubborn-1", TaskState.Failed).LastError!.Kind.Should().Be(ErrorKinds.Timeout);
        ProcessProbe.IsAlive(ProcessProbe.ReadPid(leader)!.Value).Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"command": "rm", "args": ["-rf", "/tmp/x"]}""", "command 'rm' is not among this node's allowed commands")]
    [InlineData("""{"command": "sh", "workingDirectory": "/no/such/folder"}""", "/no/such/folder does not exist")]
    [InlineData("""{"command": "sh", "env": {"PATH": "/nowhere"}}""", "command 'sh' was not found on this node's PATH")]
    [InlineData("""{"command": "sh", "args": [1]}""", "'args' holds 1")]
    public async Task A_payload_this_node_cannot_run_fails_at_once_naming_why(string payload, string expected)
    {
        var id = "bad-" + Guid.NewGuid().ToString("N");
        await SubmitAsync(new TaskSpec { Id = id, Type = "shell", Payload = JsonDocument.Parse(payload).RootElement.Clone(), Retry = RetryPolicy.Default });

        var failed = AwaitState(id, TaskState.Failed);

        failed.Attempt.Should().Be(1, "no retry can fix the payload");
        failed.LastError!.Kind.Should().Be(ErrorKinds.InvalidPayload);
        failed.LastError.Message.Should().Contain(expected);
    }

    private Task<TaskView> Submit(string id, string payload) =>
        SubmitAsync(new TaskSpec { Id = id, Type = "shell", Payload = JsonDocument.Parse(payload).RootElement.Clone(), Retry = Once });

    private (int Leader, int Child) AwaitPids(string leader, string child)
    {
        (int, int) pids = default;
        AwaitCondition(() =>
        {
            if (ProcessProbe.ReadPid(leader) is { } l && ProcessProbe.ReadPid(child) is { } c)
            {
                pids = (l, c);
                return true;
            }

            return false;
        }, TimeSpan.FromSeconds(15));
        return pids;
    }

    private static JsonElement Result(TaskView view) => view.Result!.Value;
}
