using System.Text.Json;
using Scheduler.Engine.Execution;

namespace Scheduler.Engine.Tests.Workers;

/// <summary>Runs until the test opens the gate or the attempt is cancelled; tells the test when it started and whether it was cancelled.</summary>
public sealed class GateExecutor(GateExecutor.Gate gate) : ITaskExecutor
{
    public async Task<JsonElement?> ExecuteAsync(TaskContext context)
    {
        gate.Started.TrySetResult(context.Attempt);
        try
        {
            await gate.Open.Task.WaitAsync(context.CancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException)
        {
            gate.Cancelled.TrySetResult(context.Attempt);
            throw;
        }
    }

    /// <summary>What the test and the executor share.</summary>
    public sealed class Gate
    {
        public TaskCompletionSource<int> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<int> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
