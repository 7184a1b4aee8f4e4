using Scheduler.Actors;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tests.Engine;
using Scheduler.Engine.Workers;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Workers;

/// <summary>A one-node engine whose <c>gate</c> tasks run until the test opens the gate; the node then leaves the cluster.</summary>
public abstract class DrainSpecBase(ITestOutputHelper output, string hocon) : EngineSpecBase(output, hocon)
{
    protected GateExecutor.Gate Gate { get; } = new();

    protected override ExecutorRegistry Executors => new ExecutorRegistry().Register("gate", _ => new GateExecutor(Gate));

    /// <summary>Submits a gate task, waits until it runs, then starts leaving and waits until the worker drains.</summary>
    protected async Task<Task> RunThenLeaveAsync(string id)
    {
        var draining = CreateTestProbe();
        Sys.EventStream.Subscribe<Worker.Draining>(draining.Ref);
        await SubmitAsync(new TaskSpec { Id = id, Type = "gate" });
        (await Gate.Started.Task.WaitAsync(TimeSpan.FromSeconds(15))).Should().Be(1);

        var shutdown = Sys.CoordinatedShutdown.Run(ShutdownReason.ClusterLeaving);

        draining.ExpectMsg<Worker.Draining>().Running.Should().Be(1);
        return shutdown.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
