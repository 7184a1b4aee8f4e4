using Microsoft.Extensions.Configuration;
using Scheduler.Actors.Coordination;
using Scheduler.Configuration;

namespace Scheduler.Actors.Tests.Coordination;

public sealed class LeaseProviderSpec : IAsyncLifetime
{
    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = ActorSystem.Create("leases", new ConfigurationBuilder().AddHoconString("""
            custom.lease { heartbeat-timeout = 30s }
            broken.lease { heartbeat-timeout = 10s, heartbeat-interval = 10s }
            """).Build());
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate();

    [Fact]
    public void An_unregistered_implementation_is_refused_with_its_name()
    {
        var act = () => LeaseProvider.Get(_system).GetLease("resolver", "missing.lease", "node-1");

        act.Should().Throw<InvalidOperationException>().WithMessage("*'missing.lease'*Register*");
    }

    [Fact]
    public void A_registered_implementation_gets_its_timings_from_its_section_over_the_defaults_and_is_made_once_per_lease_and_owner()
    {
        var provider = LeaseProvider.Get(_system);
        var made = 0;
        provider.Register("custom.lease", settings =>
        {
            made++;
            return new RecordedLease(settings);
        });

        var first = provider.GetLease("resolver", "custom.lease", "node-1");
        provider.GetLease("resolver", "custom.lease", "node-1").Should().BeSameAs(first);
        provider.GetLease("resolver", "custom.lease", "node-2").Should().NotBeSameAs(first);

        made.Should().Be(2);
        first.Settings.Should().Be(new LeaseSettings("resolver", "node-1", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_heartbeat_interval_not_under_the_timeout_is_refused_with_both_named()
    {
        var provider = LeaseProvider.Get(_system);
        provider.Register("broken.lease", settings => new RecordedLease(settings));

        var act = () => provider.GetLease("resolver", "broken.lease", "node-1");

        act.Should().Throw<ConfigurationException>().WithMessage("*broken.lease*heartbeat-interval*heartbeat-timeout*");
    }

    /// <summary>A lease that only carries its settings: the provider is what is under test.</summary>
    private sealed class RecordedLease(LeaseSettings settings) : Lease(settings)
    {
        public override Task<bool> AcquireAsync(Action<Exception?>? onLost = null, CancellationToken cancellationToken = default) => Task.FromResult(false);

        public override Task<bool> ReleaseAsync(CancellationToken cancellationToken = default) => Task.FromResult(false);

        public override bool CheckLease() => false;
    }
}
