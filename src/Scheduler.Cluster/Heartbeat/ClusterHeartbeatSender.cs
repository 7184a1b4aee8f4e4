using Scheduler.Actors;
using Scheduler.Cluster.Core;
using Scheduler.Cluster.Members;
using Scheduler.Remote;

namespace Scheduler.Cluster.Heartbeat;

/// <summary>
/// Sends heartbeats to this member's ring neighbours and keeps a phi-accrual detector per neighbour. Each reaper
/// tick it tells its parent, the cluster daemon, which neighbours fell silent and which answer again; the daemon
/// turns that into the reachability table that gossip spreads.
/// </summary>
internal sealed class ClusterHeartbeatSender : ReceiveActor, IWithTimers
{
    private readonly ClusterSettings _settings;
    private readonly UniqueAddress _self;
    private readonly Dictionary<UniqueAddress, Monitored> _monitored = [];
    private readonly HashSet<UniqueAddress> _unreachable = [];
    private IReadOnlyCollection<UniqueAddress> _members = [];
    private long _sequence;

    public ClusterHeartbeatSender(ClusterSettings settings, UniqueAddress self)
    {
        _settings = settings;
        _self = self;
        Receive<MembersChanged>(changed =>
        {
            _members = changed.Members;
            _unreachable.IntersectWith(changed.Members);
            Retarget();
        });
        Receive<ClusterMessage.HeartbeatResponse>(response =>
        {
            if (_monitored.TryGetValue(response.From, out var monitored))
            {
                monitored.Detector.Heartbeat(Now);
            }
        });
        Receive<Tick>(_ => SendHeartbeats());
        Receive<Reap>(_ => ReapSilent());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private TimeSpan Now => Context.System.Now;

    public static Props Props(ClusterSettings settings, UniqueAddress self) => Actors.Props.Create(() => new ClusterHeartbeatSender(settings, self));

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("heartbeat", Tick.Instance, _settings.HeartbeatInterval);
        Timers.StartPeriodicTimer("reap", Reap.Instance, _settings.UnreachableNodesReaperInterval);
    }

    private void Retarget()
    {
        var receivers = HeartbeatRing.Receivers(_self, _members, _settings.MonitoredByNrOfMembers, _unreachable);
        foreach (var gone in _monitored.Keys.Where(node => !receivers.Contains(node)).ToList())
        {
            _monitored.Remove(gone);
        }

        foreach (var node in receivers.Where(node => !_monitored.ContainsKey(node)))
        {
            _monitored[node] = new Monitored(new PhiAccrualFailureDetector(_settings.FailureDetector), Now);
        }
    }

    private void SendHeartbeats()
    {
        var now = Now;
        var heartbeat = new ClusterMessage.Heartbeat(_self.Address, ++_sequence);
        foreach (var (node, monitored) in _monitored)
        {
            Context.ActorSelection($"{node.Address}/system/{ClusterHeartbeatReceiver.Name}").Tell(heartbeat, Self);
            if (!monitored.Detector.IsMonitoring && now - monitored.Since >= _settings.ExpectedResponseAfter)
            {
                // It never answered: count one answer now, so lasting silence makes it unreachable too.
                monitored.Detector.Heartbeat(now);
            }
        }
    }

    private void ReapSilent()
    {
        var now = Now;
        foreach (var (node, monitored) in _monitored)
        {
            var available = !monitored.Detector.IsMonitoring || monitored.Detector.IsAvailable(now);
            if (!available && _unreachable.Add(node))
            {
                Context.Parent.Tell(new ReachabilityChanged(node, Reachable: false), Self);
            }
            else if (available && _unreachable.Remove(node))
            {
                Context.Parent.Tell(new ReachabilityChanged(node, Reachable: true), Self);
            }
        }
    }

    /// <summary>The members to consider (the daemon sends it whenever membership changes).</summary>
    public sealed record MembersChanged(IReadOnlyCollection<UniqueAddress> Members);

    /// <summary>A neighbour fell silent or answers again.</summary>
    public sealed record ReachabilityChanged(UniqueAddress Node, bool Reachable);

    private sealed record Monitored(PhiAccrualFailureDetector Detector, TimeSpan Since);

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    private sealed record Reap
    {
        public static Reap Instance { get; } = new();
    }
}
