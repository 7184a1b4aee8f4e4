using Scheduler.Actors;

namespace Scheduler.Sharding.Tests.MultiNode;

/// <summary>
/// Counts what every entity of the cluster reports it saw (each addition carries a unique number), so a spec can
/// tell that every message sent arrived exactly once however the shards moved meanwhile.
/// </summary>
public sealed class Collector : ReceiveActor
{
    public const string Name = "collector";

    private readonly HashSet<int> _seen = [];
    private int _duplicates;

    public Collector()
    {
        Receive<Counter.Seen>(seen =>
        {
            if (!_seen.Add(seen.Amount))
            {
                _duplicates++;
            }
        });
        Receive<Counter.Started>(_ => { });
        Receive<Counter.Stopped>(_ => { });
        Receive<HowMany>(_ => Sender.Tell(new Tally(_seen.Count, _duplicates), Self));
    }

    public sealed record HowMany
    {
        public static HowMany Instance { get; } = new();
    }

    public sealed record Tally(int Distinct, int Duplicates);
}
