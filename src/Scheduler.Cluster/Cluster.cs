using System.Collections.Immutable;
using Scheduler.Actors;
using Scheduler.Actors.Coordination;
using Scheduler.Actors.Serialization;
using Scheduler.Cluster.Core;
using Scheduler.Cluster.Downing;
using Scheduler.Cluster.Events;
using Scheduler.Cluster.Heartbeat;
using Scheduler.Cluster.Members;
using Scheduler.Remote;

namespace Scheduler.Cluster;

/// <summary>
/// Cluster membership of an actor system with remoting: <c>Cluster.Get(system)</c> starts it and, when
/// <c>scheduler.cluster.seed-nodes</c> is set, joins through the seeds. Members gossip their view, a leader moves
/// them through their states, heartbeats find unreachable members, and every change is a <see cref="ClusterEvent"/>.
/// Leaving gracefully runs through coordinated shutdown.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "MA0049", Justification = "Akka's name for the extension (Akka.Cluster.Cluster); users coming from Akka look for it.")]
public sealed class Cluster
{
    private readonly ActorSystem _system;
    private readonly IActorRef _daemon;
    private readonly Lock _gate = new();
    private readonly List<Action> _onMemberUp = [];
    private readonly List<Action> _onMemberRemoved = [];
    private readonly TaskCompletionSource _exiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _removed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CurrentClusterState _state = CurrentClusterState.Empty;
    private Member? _selfMember;
    private ImmutableHashSet<UniqueAddress> _tombstones = ImmutableHashSet<UniqueAddress>.Empty;

    private Cluster(ActorSystem system)
    {
        _system = system;
        var remoting = Remoting.Get(system);
        Settings = ClusterSettings.Read(system.Settings.Configuration, system.Name);
        SelfUniqueAddress = new UniqueAddress(remoting.Address, remoting.Uid);
        ResolverLease = Settings.SplitBrainResolver is { Strategy: SplitBrainStrategy.LeaseMajority } resolver
            ? LeaseProvider.Get(system).GetLease(resolver.LeaseName, resolver.LeaseImplementation, SelfUniqueAddress.ToString())
            : null;
        ClusterMessage.RegisterAll(system.Serialization);
        Singleton.SingletonMessage.RegisterAll(system.Serialization);
        system.SystemActorOf(Props.Create(() => new ClusterHeartbeatReceiver(SelfUniqueAddress)), ClusterHeartbeatReceiver.Name);
        _daemon = system.SystemActorOf(ClusterDaemon.Props(this), ClusterDaemon.Name);
        AddShutdownTasks(system.CoordinatedShutdown);
    }

    /// <summary>The settings in force.</summary>
    public ClusterSettings Settings { get; }

    /// <summary>This node's address and incarnation.</summary>
    public UniqueAddress SelfUniqueAddress { get; }

    /// <summary>The lease the split-brain resolver's lease-majority strategy competes for, if that is the strategy.</summary>
    internal Lease? ResolverLease { get; }

    /// <summary>This node's address.</summary>
    public Address SelfAddress => SelfUniqueAddress.Address;

    /// <summary>This node's roles.</summary>
    public ImmutableHashSet<string> SelfRoles => Settings.Roles;

    /// <summary>This node as a member, or null before it has joined and after it was removed.</summary>
    public Member? SelfMember => Volatile.Read(ref _selfMember);

    /// <summary>The membership as this node knows it now.</summary>
    public CurrentClusterState State => Volatile.Read(ref _state);

    /// <summary>The cluster membership of <paramref name="system"/>, started on first use.</summary>
    public static Cluster Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrAddExtension(static s => new Cluster(s));
    }

    /// <summary>Joins the cluster <paramref name="address"/> belongs to; joining this node's own address forms a new cluster.</summary>
    public void Join(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _daemon.Tell(new ClusterDaemon.Command.Join(address), null);
    }

    /// <summary>Joins through <paramref name="seeds"/> as configured seed nodes would.</summary>
    public void JoinSeedNodes(IEnumerable<Address> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        _daemon.Tell(new ClusterDaemon.Command.JoinSeedNodes([.. seeds]), null);
    }

    /// <summary>Asks the member at <paramref name="address"/> to leave (use coordinated shutdown to leave and stop this node).</summary>
    public void Leave(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _daemon.Tell(new ClusterDaemon.Command.Leave(address), null);
    }

    /// <summary>Declares the member at <paramref name="address"/> down: it is removed without leaving, and its process shuts down if it still runs.</summary>
    public void Down(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _daemon.Tell(new ClusterDaemon.Command.Down(address), null);
    }

    /// <summary>Sends <paramref name="subscriber"/> the current state (as <paramref name="mode"/> says), then every event of the types in <paramref name="to"/>.</summary>
    public void Subscribe(IActorRef subscriber, SubscriptionInitialStateMode mode, params Type[] to)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(to);
        var types = to.Length == 0 ? [typeof(ClusterEvent)] : to;
        if (types.FirstOrDefault(type => !typeof(ClusterEvent).IsAssignableFrom(type)) is { } wrong)
        {
            throw new ArgumentException($"{wrong.Name} is not a cluster event; subscribe to ClusterEvent or one of its subtypes.", nameof(to));
        }

        _daemon.Tell(new ClusterDaemon.Command.Subscribe(subscriber, mode, [.. types]), null);
    }

    /// <summary>Stops sending cluster events to <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        _system.EventStream.Unsubscribe(subscriber, typeof(ClusterEvent));
    }

    /// <summary>Runs <paramref name="callback"/> once this node is Up (at once if it already is).</summary>
    public void RegisterOnMemberUp(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            if (SelfMember?.Status is not MemberStatus.Up)
            {
                _onMemberUp.Add(callback);
                return;
            }
        }

        callback();
    }

    /// <summary>Runs <paramref name="callback"/> once this node is removed from the cluster or its system terminates.</summary>
    public void RegisterOnMemberRemoved(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            if (!_removed.Task.IsCompleted)
            {
                _onMemberRemoved.Add(callback);
                return;
            }
        }

        callback();
    }

    /// <summary>
    /// True when <paramref name="node"/> (that incarnation) was removed from the cluster, as far as this node's gossip
    /// tells; removals are kept for good, so a node that joins later knows of removals from before its time.
    /// </summary>
    internal bool IsRemoved(UniqueAddress node) => Volatile.Read(ref _tombstones).Contains(node);

    /// <summary>Called by the daemon after each change.</summary>
    internal void OnStateChanged(CurrentClusterState state, Member? self, ImmutableHashSet<UniqueAddress> removed)
    {
        Volatile.Write(ref _tombstones, removed);
        List<Action>? run = null;
        lock (_gate)
        {
            var before = _selfMember;
            Volatile.Write(ref _state, state);
            Volatile.Write(ref _selfMember, self);
            if (self?.Status is MemberStatus.Up && _onMemberUp.Count > 0)
            {
                run = [.. _onMemberUp];
                _onMemberUp.Clear();
            }

            if (self?.Status is MemberStatus.Exiting or MemberStatus.Down || (self is null && before is not null))
            {
                _exiting.TrySetResult();
            }

            // Removed, or Exiting with nobody left to remove it (every other member is leaving too): either way
            // there is no cluster left for this node to wait on.
            if ((self is null && before is not null) || (self?.Status is MemberStatus.Exiting && state.Leader is null))
            {
                run = [.. run ?? [], .. _onMemberRemoved];
                _onMemberRemoved.Clear();
                _removed.TrySetResult();
            }
        }

        run?.ForEach(action => action());
    }

    private void AddShutdownTasks(CoordinatedShutdown shutdown)
    {
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "leave", async cancellation =>
        {
            if (SelfMember?.Status is MemberStatus.Joining or MemberStatus.WeaklyUp or MemberStatus.Up)
            {
                Leave(SelfAddress);
                await _exiting.Task.WaitAsync(cancellation).ConfigureAwait(false);
            }
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterExiting, "wait-removed", async cancellation =>
        {
            if (SelfMember is not null && SelfMember.Status != MemberStatus.Down)
            {
                await _removed.Task.WaitAsync(cancellation).ConfigureAwait(false);
            }
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterShutdown, "stop-daemon", _ =>
        {
            _system.EventStream.Publish(ClusterEvent.ClusterShuttingDown.Instance);
            _system.Stop(_daemon);
            List<Action> run;
            lock (_gate)
            {
                run = [.. _onMemberRemoved];
                _onMemberRemoved.Clear();
                _removed.TrySetResult();
            }

            run.ForEach(action => action());
            return Task.CompletedTask;
        });
    }
}
