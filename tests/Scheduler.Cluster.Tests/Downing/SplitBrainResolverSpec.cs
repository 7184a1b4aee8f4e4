using Scheduler.Actors;
using Scheduler.Actors.Coordination;
using Scheduler.Cluster.Downing;
using Scheduler.Cluster.Gossip;
using Scheduler.Cluster.Members;
using Scheduler.Persistence.Sql;
using Scheduler.TestKit;
using Xunit.Abstractions;
using static Scheduler.Cluster.Tests.Downing.Partitions;
using static Scheduler.Cluster.Tests.Nodes;

namespace Scheduler.Cluster.Tests.Downing;

public sealed class SplitBrainResolverSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions { UseFakeTime = true })
{
    private static readonly SplitBrainResolverSettings Settings = new() { StableAfter = TimeSpan.FromSeconds(3), DownAllWhenUnstable = TimeSpan.FromSeconds(4) };
    private static readonly TimeSpan Step = SplitBrainResolver.TickInterval(Settings.StableAfter);
    private static readonly IReadOnlyList<Member> Three = [M(1), M(2), M(3)];

    private IActorRef? _resolver;

    private FakeTimeProvider Clock => FakeTime!;

    [Fact]
    public void The_leader_of_the_majority_downs_the_unreachable_member_once_the_partition_is_stable()
    {
        var (resolver, daemon) = Start(self: 1);
        Feed(resolver, Partitioned(Three));
        Advance(TimeSpan.FromSeconds(5));
        Feed(resolver, Partitioned(Three, (1, 3)));

        Advance(Settings.StableAfter - Step);
        daemon.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Advance(Step * 2);

        daemon.ExpectMsg<SplitBrainResolver.DownNodes>().Nodes.Should().Equal(N(3));
    }

    [Fact]
    public void Only_the_leader_acts()
    {
        var (resolver, daemon) = Start(self: 2);
        Feed(resolver, Partitioned(Three, (1, 3)));

        Advance(Settings.StableAfter * 3);

        daemon.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void The_leader_of_the_minority_downs_its_own_side_itself_included()
    {
        var members = Enumerable.Range(1, 5).Select(n => M(n)).ToList();
        var (resolver, daemon) = Start(self: 4);

        // 4 and 5 lost 1, 2 and 3: 4 is the first reachable member on its side, so it leads there.
        Feed(resolver, Partitioned(members, (4, 1), (4, 2), (4, 3), (5, 1), (5, 2), (5, 3)));
        Advance(Settings.StableAfter + Step);

        daemon.ExpectMsg<SplitBrainResolver.DownNodes>().Nodes.Should().Equal(N(4), N(5));
    }

    [Fact]
    public void A_partition_that_heals_before_stable_after_downs_nobody()
    {
        var (resolver, daemon) = Start(self: 1);
        Feed(resolver, Partitioned(Three, (1, 3)));
        Advance(Settings.StableAfter - Step);
        Feed(resolver, Partitioned(Three));

        Advance(Settings.StableAfter * 3);

        daemon.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_flapping_link_downs_everyone_once_unstable_for_stable_after_plus_the_window()
    {
        var (resolver, daemon) = Start(self: 1);
        var flaps = 0;

        // Reachability of 3 changes every two seconds, so it is never stable for three.
        while (flaps < 10)
        {
            var broken = flaps % 2 == 0 ? new[] { (1, 3) } : [];
            Feed(resolver, Partitioned(Three, broken));
            Advance(TimeSpan.FromSeconds(2));
            flaps++;
            if (flaps == 4)
            {
                daemon.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
            }
        }

        daemon.ExpectMsg<SplitBrainResolver.DownNodes>().Nodes.Should().Equal(N(1), N(2), N(3));
    }

    [Fact]
    public void Nothing_is_downed_before_this_node_is_a_member()
    {
        var (resolver, daemon) = Start(self: 9);
        Feed(resolver, Partitioned(Three, (1, 3)));

        Advance(Settings.StableAfter * 2);

        daemon.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    public static TheoryData<int, string?, int[]> LeaseTable => new()
    {
        // viewer (of five, split 1,2,3 | 4,5), who holds the lease already, the nodes downed
        { 1, null, [4, 5] },      // the majority takes the free lease at once
        { 4, "other", [4, 5] },   // the minority finds the lease taken: it downs itself
        { 1, "other", [1, 2, 3] }, // the majority could not take it (the minority got there first): it gives way
        { 4, null, [1, 2, 3] },   // the minority got the lease (the majority cannot reach the database)
    };

    [Theory]
    [MemberData(nameof(LeaseTable))]
    public async Task With_lease_majority_the_side_that_takes_the_lease_in_the_database_carries_on(int self, string? holder, int[] downed)
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-sbr-lease-").FullName;
        try
        {
            var leases = await SqliteLeasesAsync(folder);
            if (holder is not null)
            {
                (await leases.GetLease("sbr", SqlLease.Implementation, holder).AcquireAsync()).Should().BeTrue();
            }

            var settings = Settings with { Strategy = SplitBrainStrategy.LeaseMajority, AcquireLeaseDelayForMinority = TimeSpan.FromSeconds(2) };
            var (resolver, daemon) = Start(self, settings, leases.GetLease("sbr", SqlLease.Implementation, N(self).ToString()));
            var members = Enumerable.Range(1, 5).Select(n => M(n)).ToList();
            var split = self <= 3 ? new[] { (self, 4), (self, 5) } : [(self, 1), (self, 2), (self, 3)];
            Feed(resolver, Partitioned(members, split));

            // The minority waits acquire-lease-delay-for-minority longer before it tries.
            Advance(Settings.StableAfter + (self <= 3 ? Step : TimeSpan.FromSeconds(2) + Step));

            daemon.ExpectMsg<SplitBrainResolver.DownNodes>(TimeSpan.FromSeconds(10)).Nodes.Should().Equal(downed.Select(n => N(n)));
        }
        finally
        {
            await Sys.Terminate();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task With_lease_majority_the_winner_keeps_the_lease_until_the_losers_could_no_longer_try_for_it()
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-sbr-lease-").FullName;
        try
        {
            var leases = await SqliteLeasesAsync(folder);
            var lease = new RecordingLease(leases.GetLease("sbr", SqlLease.Implementation, N(1).ToString()));
            var settings = Settings with { Strategy = SplitBrainStrategy.LeaseMajority, AcquireLeaseDelayForMinority = TimeSpan.FromSeconds(2) };
            var (resolver, daemon) = Start(1, settings, lease);
            var members = Enumerable.Range(1, 5).Select(n => M(n)).ToList();
            Feed(resolver, Partitioned(members, (1, 4), (1, 5)));
            Advance(Settings.StableAfter + Step);
            daemon.ExpectMsg<SplitBrainResolver.DownNodes>(TimeSpan.FromSeconds(10)).Nodes.Should().Equal(N(4), N(5));

            // The losers are removed; their leader may still be about to try (it decides after its own stable-after,
            // waits the minority delay and then has one operation timeout), so the lease stays taken that long.
            Feed(resolver, Partitioned(members.Take(3)));
            var margin = settings.StableAfter + settings.DownAllWhenUnstable.GetValueOrDefault() + settings.AcquireLeaseDelayForMinority
                + lease.Settings.OperationTimeout;
            Advance(margin - Step);
            lease.Released.IsCompleted.Should().BeFalse("the margin has not passed yet");
            var loser = leases.GetLease("sbr", SqlLease.Implementation, N(4).ToString());
            (await loser.AcquireAsync()).Should().BeFalse("the winner still holds the lease");

            Advance(Step * 2);
            (await lease.Released.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue("the winner held the lease until it let go");
            (await loser.AcquireAsync()).Should().BeTrue("the lease is free once the margin has passed");
        }
        finally
        {
            await Sys.Terminate();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void With_lease_majority_the_minority_does_not_try_before_its_delay()
    {
        var settings = Settings with { Strategy = SplitBrainStrategy.LeaseMajority, AcquireLeaseDelayForMinority = TimeSpan.FromSeconds(2) };
        var (resolver, daemon) = Start(4, settings);
        Feed(resolver, Partitioned(Enumerable.Range(1, 5).Select(n => M(n)), (4, 1), (4, 2), (4, 3)));

        Advance(Settings.StableAfter + TimeSpan.FromSeconds(1));

        daemon.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    /// <summary>The SQL lease, on a SQLite file in <paramref name="folder"/>, registered with this system.</summary>
    private async Task<LeaseProvider> SqliteLeasesAsync(string folder)
    {
        await SqlLease.RegisterAsync(Sys, new SqlPersistenceOptions
        {
            Database = SqlDatabase.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(folder, "lease.db")}",
            AutoInitialize = true,
        });
        return LeaseProvider.Get(Sys);
    }

    private (IActorRef Resolver, TestProbe Daemon) Start(int self, SplitBrainResolverSettings? settings = null, Lease? lease = null)
    {
        var daemon = CreateTestProbe("daemon");
        _resolver = Sys.ActorOf(SplitBrainResolver.Props(settings ?? Settings, N(self), daemon.Ref, lease), "resolver");
        return (_resolver, daemon);
    }

    /// <summary>Hands the resolver a gossip and waits until it has taken it in, so it reads the clock as it is now.</summary>
    private void Feed(IActorRef resolver, ClusterGossip gossip)
    {
        resolver.Tell(new SplitBrainResolver.GossipChanged(gossip));
        Settle();
    }

    /// <summary>Moves the clock forward tick by tick, letting the resolver handle each tick before the next.</summary>
    private void Advance(TimeSpan by)
    {
        for (var passed = TimeSpan.Zero; passed < by; passed += Step)
        {
            Clock.Advance(Step);
            Settle();
        }
    }

    /// <summary>Returns once the resolver has handled everything sent to it so far.</summary>
    private void Settle()
    {
        _resolver!.Tell(new Identify(null), TestActor);
        ExpectMsg<ActorIdentity>();
    }

    /// <summary>Passes everything to a real lease and lets the test await the first release the resolver starts.</summary>
    private sealed class RecordingLease(Lease inner) : Lease(inner.Settings)
    {
        private readonly TaskCompletionSource<Task<bool>> _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes with the outcome of the first release once it has run.</summary>
        public Task<bool> Released => _released.Task.Unwrap();

        public override Task<bool> AcquireAsync(Action<Exception?>? onLost = null, CancellationToken cancellationToken = default) =>
            inner.AcquireAsync(onLost, cancellationToken);

        public override Task<bool> ReleaseAsync(CancellationToken cancellationToken = default)
        {
            var release = inner.ReleaseAsync(cancellationToken);
            _released.TrySetResult(release);
            return release;
        }

        public override bool CheckLease() => inner.CheckLease();
    }
}
