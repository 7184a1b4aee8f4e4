using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Workers;

/// <summary>
/// How the last N attempts a worker saw were answered once they were settled (an outcome, or a refusal), oldest
/// forgotten first: a repeated dispatch gets the same answer again instead of running.
/// </summary>
internal sealed class OutcomeMemory(int capacity)
{
    private readonly Dictionary<(string TaskId, int Attempt), AttemptReport> _outcomes = [];
    private readonly Queue<(string TaskId, int Attempt)> _order = new();

    public AttemptReport? Find(string taskId, int attempt) => _outcomes.GetValueOrDefault((taskId, attempt));

    public void Remember(string taskId, int attempt, AttemptReport outcome)
    {
        if (_outcomes.TryAdd((taskId, attempt), outcome))
        {
            _order.Enqueue((taskId, attempt));
            while (_order.Count > capacity)
            {
                _outcomes.Remove(_order.Dequeue());
            }
        }
    }
}
