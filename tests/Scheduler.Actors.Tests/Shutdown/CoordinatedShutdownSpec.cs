using System.Collections.Concurrent;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Shutdown;

public sealed class CoordinatedShutdownSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions
{
    Hocon = """
        scheduler.coordinated-shutdown.phases {
          service-stop.timeout = 200ms
          cluster-leave { recover = off, timeout = 200ms }
        }
        """,
})
{
    [Fact]
    public async Task Phases_run_in_order_and_the_system_terminates_last()
    {
        var ran = new ConcurrentQueue<string>();
        var shutdown = Sys.CoordinatedShutdown;
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "leave", _ => Record(ran, "leave"));
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "first", _ => Record(ran, "first"));
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "last", _ =>
        {
            Sys.WhenTerminated.IsCompleted.Should().BeFalse("the system stops only after the earlier phases");
            return Record(ran, "last");
        });

        await Sys.Terminate();

        ran.Should().Equal("first", "leave", "last");
        shutdown.Reason.Should().Be(ShutdownReason.ActorSystemTerminate);
        Sys.WhenTerminated.IsCompletedSuccessfully.Should().BeTrue();
    }

    private static Task Record(ConcurrentQueue<string> ran, string name)
    {
        ran.Enqueue(name);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_phase_that_times_out_lets_later_phases_run_when_it_recovers()
    {
        var ran = new ConcurrentQueue<string>();
        var hang = new TaskCompletionSource();
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "hangs", token =>
        {
            token.Register(() => ran.Enqueue("hang cancelled"));
            return hang.Task;
        });
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, "after", _ => Record(ran, "after"));

        await EventFilterWarning("service-stop timed out", () => Sys.Terminate());

        ran.Should().Equal("hang cancelled", "after");
    }

    [Fact]
    public async Task A_failing_phase_without_recover_skips_to_terminating_the_system()
    {
        var ran = new ConcurrentQueue<string>();
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "fails", _ => throw new InvalidOperationException("cannot leave"));
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseClusterShutdown, "skipped", _ => Record(ran, "skipped"));

        await EventFilterWarning("later phases are skipped", () => Sys.Terminate());

        ran.Should().BeEmpty();
        Sys.WhenTerminated.IsCompletedSuccessfully.Should().BeTrue();
    }

    private Task EventFilterWarning(string text, Func<Task> action)
    {
        Task? running = null;
        EventFilter.Warning(text).ExpectOne(() => running = action());
        return running!;
    }

    [Fact]
    public void A_phase_timeout_is_the_configured_one_or_the_default()
    {
        Sys.CoordinatedShutdown.Timeout(CoordinatedShutdown.PhaseServiceStop).Should().Be(TimeSpan.FromMilliseconds(200));
        Sys.CoordinatedShutdown.Timeout(CoordinatedShutdown.PhaseClusterExitingDone).Should().Be(TimeSpan.FromSeconds(5));
        var unknown = () => Sys.CoordinatedShutdown.Timeout("no-such-phase");
        unknown.Should().Throw<ArgumentException>().WithMessage("*'no-such-phase'*");
    }

    [Fact]
    public void The_total_timeout_adds_up_every_phase_including_configured_ones()
    {
        var shutdown = Sys.CoordinatedShutdown;
        var sum = shutdown.OrderedPhases.Aggregate(TimeSpan.Zero, (total, phase) => total + shutdown.Timeout(phase));

        shutdown.TotalTimeout.Should().Be(sum);
        shutdown.TotalTimeout.Should().BeGreaterThan(TimeSpan.FromSeconds(5) + TimeSpan.FromMilliseconds(400),
            "it holds the configured 200 ms phases and at least one default 5 s phase");
    }

    [Fact]
    public void Adding_a_task_to_an_unknown_phase_names_the_phase()
    {
        var act = () => Sys.CoordinatedShutdown.AddTask("no-such-phase", "x", _ => Task.CompletedTask);
        act.Should().Throw<ArgumentException>().WithMessage("*'no-such-phase'*");
    }

    [Fact]
    public async Task Run_is_idempotent_and_adding_tasks_afterwards_is_refused()
    {
        var first = Sys.CoordinatedShutdown.Run(ShutdownReason.Unknown);
        var second = Sys.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving);
        second.Should().BeSameAs(first);
        await first;

        Sys.CoordinatedShutdown.Reason.Should().Be(ShutdownReason.Unknown);
        var late = () => Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "late", _ => Task.CompletedTask);
        late.Should().Throw<InvalidOperationException>();
    }
}
