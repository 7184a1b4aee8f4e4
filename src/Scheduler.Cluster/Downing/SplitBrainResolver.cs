using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Actors.Coordination;
using Scheduler.Cluster.Gossip;
using Scheduler.Cluster.Members;

namespace Scheduler.Cluster.Downing;

/// <summary>
/// The default downing provider. It follows the daemon's gossip, waits until the partition has been stable for
/// <c>stable-after</c>, and then, if this node is the leader of its side, lets the strategy decide which members
/// to down and asks the daemon to down them; every member runs one, so each side of a partition has one acting.
/// A partition that never settles downs everyone (<c>down-all-when-unstable</c>). Lives under the cluster daemon.
/// </summary>
internal sealed partial class SplitBrainResolver : ReceiveActor, IWithTimers
{
    public const string Name = "split-brain-resolver";

    private readonly SplitBrainResolverSettings _settings;
    private readonly UniqueAddress _self;
    private readonly IActorRef _daemon;
    private readonly Lease? _lease;
    private readonly DowningStrategy _strategy;
    private readonly StabilityTracker _stability;
    private readonly ILogger _log;
    private ClusterGossip _gossip = ClusterGossip.Empty;
    private PartitionView _view;
    private bool _leasePending;
    private ImmutableSortedSet<UniqueAddress> _releaseLeaseWhenRemoved = [];

    public SplitBrainResolver(SplitBrainResolverSettings settings, UniqueAddress self, IActorRef daemon, Lease? lease)
    {
        _settings = settings;
        _self = self;
        _daemon = daemon;
        _lease = lease;
        _strategy = settings.CreateStrategy();
        _stability = new StabilityTracker(settings.StableAfter, settings.DownAllWhenUnstable);
        _view = PartitionView.From(_gossip, self, settings.Role);
        _log = Context.System.LoggerFactory.CreateLogger<SplitBrainResolver>();

        Receive<GossipChanged>(changed => OnGossip(changed.Gossip));
        Receive<Tick>(_ => OnTick());
        Receive<AcquireLease>(_ => StartAcquiringLease());
        Receive<LeaseResult>(OnLeaseResult);
        Receive<ReleaseLease>(_ => ReleaseHeldLease());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private TimeSpan Now => Context.System.Now;

    private bool IsResponsible => Equals(_gossip.Leader(_self), _self);

    /// <summary>
    /// How long the winner keeps the lease after the losers were removed: longer than the losing side can take to
    /// decide (stable-after, or the unstable window) and then to try for the lease (the minority delay and one
    /// operation).
    /// </summary>
    private TimeSpan ReleaseMargin =>
        _settings.StableAfter + _settings.DownAllWhenUnstable.GetValueOrDefault() + _settings.AcquireLeaseDelayForMinority
        + (_lease?.Settings.OperationTimeout ?? TimeSpan.Zero);

    public static Props Props(SplitBrainResolverSettings settings, UniqueAddress self, IActorRef daemon, Lease? lease) =>
        Actors.Props.Create(() => new SplitBrainResolver(settings, self, daemon, lease));

    /// <summary>
    /// How often the resolver looks: an eighth of stable-after, at most half a second. Looking is cheap (one pass
    /// over the members), and every tick of delay is a tick longer before a crashed member's work moves.
    /// </summary>
    public static TimeSpan TickInterval(TimeSpan stableAfter) =>
        TimeSpan.FromTicks(Math.Clamp(stableAfter.Ticks / 8, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromMilliseconds(500).Ticks));

    protected override void PreStart()
    {
        ResolverLog.Started(_log, _settings.Strategy, _settings.StableAfter, _settings.Role ?? "(all)");
        Timers.StartPeriodicTimer("tick", Tick.Instance, TickInterval(_settings.StableAfter));
    }

    protected override void PostStop()
    {
        if (_lease?.CheckLease() == true)
        {
            _ = _lease.ReleaseAsync();
        }
    }

    private void ReleaseHeldLease()
    {
        if (_lease is not null)
        {
            _ = _lease.ReleaseAsync();
        }
    }

    private void OnGossip(ClusterGossip gossip)
    {
        _gossip = gossip;
        var view = _view = PartitionView.From(gossip, _self, _settings.Role);
        var members = string.Join(',', view.Counted.Select(m => $"{m.UniqueAddress}:{m.Status}"));
        var reachability = view.HasUnreachable
            ? string.Join(',', view.Unreachable.Order()) + "|" + string.Join(',', view.IndirectlyConnected.Order())
            : string.Empty;
        _stability.Observe(Now, members, reachability);

        if (!_releaseLeaseWhenRemoved.IsEmpty && !_releaseLeaseWhenRemoved.Any(gossip.HasMember))
        {
            // The side that lost is gone, but its leader may only now be trying for the lease (it decided after its
            // own stable-after and waits the minority delay): hold on until it has surely tried and given up.
            _releaseLeaseWhenRemoved = [];
            Timers.StartSingleTimer("release-lease", ReleaseLease.Instance, ReleaseMargin);
        }
    }

    private void OnTick()
    {
        if (!_gossip.HasMember(_self) || _leasePending)
        {
            return;
        }

        var view = _view;
        var verdict = _stability.Check(Now, view.HasUnreachable);
        if (verdict == StabilityTracker.Verdict.Wait || !IsResponsible)
        {
            return;
        }

        _stability.Acted(Now);
        if (verdict == StabilityTracker.Verdict.DownAll)
        {
            ResolverLog.Unstable(_log, _settings.StableAfter + _settings.DownAllWhenUnstable.GetValueOrDefault());
            Down(view, DowningDecision.DownAll);
            return;
        }

        var decision = _strategy.Decide(view);
        if (decision == DowningDecision.AcquireLease && _strategy is LeaseMajority leaseMajority)
        {
            _leasePending = true;
            var delay = leaseMajority.AcquireDelay(view);
            ResolverLog.AcquiringLease(_log, delay);
            Timers.StartSingleTimer("acquire-lease", AcquireLease.Instance, delay);
            return;
        }

        Down(view, decision);
    }

    private void StartAcquiringLease()
    {
        if (_lease is null)
        {
            Self.Tell(new LeaseResult(false, null), Self);
            return;
        }

        // The attempt itself is cancelled at the timeout, so a late success cannot leave this side holding a lease
        // it has already given up on (and downed itself for).
        var timeout = new CancellationTokenSource(_lease.Settings.OperationTimeout, Context.System.TimeProvider);
        var attempt = _lease.AcquireAsync(cancellationToken: timeout.Token);
        _ = attempt.ContinueWith(_ => timeout.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        _ = attempt.PipeTo(
            Self,
            Self,
            acquired => new LeaseResult(acquired, null),
            error => new LeaseResult(false, error));
    }

    private void OnLeaseResult(LeaseResult result)
    {
        _leasePending = false;
        var view = _view;
        if (result.Error is not null)
        {
            ResolverLog.LeaseFailed(_log, result.Error);

            // A cancelled statement may still have committed: make sure this side, which now gives way, holds nothing.
            _ = _lease?.ReleaseAsync();
        }

        if (!view.HasUnreachable)
        {
            // Healed while the lease was being taken: nothing to down.
            _ = result.Acquired ? _lease?.ReleaseAsync() : null;
            return;
        }

        var decision = result.Acquired ? DowningDecision.DownUnreachable : DowningDecision.DownReachable;
        if (result.Acquired)
        {
            _releaseLeaseWhenRemoved = view.NodesToDown(decision);
        }

        ResolverLog.LeaseOutcome(_log, result.Acquired);
        Down(view, decision);
    }

    private void Down(PartitionView view, DowningDecision decision)
    {
        var nodes = view.NodesToDown(decision);
        if (nodes.IsEmpty)
        {
            return;
        }

        ResolverLog.Decided(
            _log,
            decision,
            nodes,
            view.Members.Where(view.IsOnThisSide).Select(m => m.UniqueAddress),
            view.Unreachable.Order(),
            view.IndirectlyConnected.Order());
        _daemon.Tell(new DownNodes(nodes), Self);
    }

    /// <summary>The daemon's latest gossip.</summary>
    public sealed record GossipChanged(ClusterGossip Gossip);

    /// <summary>Asks the daemon to mark <paramref name="Nodes"/> Down in one version.</summary>
    public sealed record DownNodes(ImmutableSortedSet<UniqueAddress> Nodes);

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    private sealed record AcquireLease
    {
        public static AcquireLease Instance { get; } = new();
    }

    private sealed record LeaseResult(bool Acquired, Exception? Error);

    private sealed record ReleaseLease
    {
        public static ReleaseLease Instance { get; } = new();
    }

    private static partial class ResolverLog
    {
        [LoggerMessage(EventId = 150, Level = LogLevel.Information, Message = "Split-brain resolver active: {Strategy}, stable-after {StableAfter}, counting role {Role}")]
        public static partial void Started(ILogger logger, SplitBrainStrategy strategy, TimeSpan stableAfter, string role);

        [LoggerMessage(EventId = 151, Level = LogLevel.Warning,
            Message = "Split-brain resolver decided {Decision}: downing [{Nodes}]; this side [{ThisSide}], unreachable [{Unreachable}], indirectly connected [{Indirectly}]")]
        public static partial void Decided(
            ILogger logger,
            DowningDecision decision,
            IEnumerable<UniqueAddress> nodes,
            IEnumerable<UniqueAddress> thisSide,
            IEnumerable<UniqueAddress> unreachable,
            IEnumerable<UniqueAddress> indirectly);

        [LoggerMessage(EventId = 152, Level = LogLevel.Warning, Message = "Reachability kept changing for {Duration}: downing every member (down-all-when-unstable)")]
        public static partial void Unstable(ILogger logger, TimeSpan duration);

        [LoggerMessage(EventId = 153, Level = LogLevel.Information, Message = "Split-brain resolver tries to take the lease in {Delay}")]
        public static partial void AcquiringLease(ILogger logger, TimeSpan delay);

        [LoggerMessage(EventId = 154, Level = LogLevel.Warning, Message = "The lease could not be taken: the other side may carry on, this side downs itself")]
        public static partial void LeaseFailed(ILogger logger, Exception error);

        [LoggerMessage(EventId = 155, Level = LogLevel.Warning, Message = "Lease taken: {Acquired}")]
        public static partial void LeaseOutcome(ILogger logger, bool acquired);
    }
}
