using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Hosting;

namespace Scheduler.Hosting.Tests;

/// <summary>How the builder layers settings: in the order given, later over earlier, a list replaced whole.</summary>
public sealed class SchedulerBuilderSpec
{
    private static SchedulerBuilder Builder() => new(new ServiceCollection(), "scheduler");

    [Fact]
    public void Later_layers_override_earlier_ones_key_by_key()
    {
        var configuration = Builder()
            .AddHocon("scheduler.remote { hostname = \"10.0.0.1\", port = 2552 }")
            .WithRemoting("127.0.0.1", 0)
            .AddHocon("scheduler.remote.port = 2600")
            .BuildConfiguration();

        configuration["scheduler:remote:hostname"].Should().Be("127.0.0.1");
        configuration["scheduler:remote:port"].Should().Be("2600");
    }

    [Fact]
    public void A_shorter_list_replaces_a_longer_one_whole()
    {
        var configuration = Builder()
            .AddHocon("scheduler.cluster.seed-nodes = [\"sched.tcp://scheduler@10.0.0.1:2552\", \"sched.tcp://scheduler@10.0.0.2:2552\"]")
            .WithClustering(["sched.tcp://scheduler@127.0.0.1:2552"])
            .BuildConfiguration();

        Values(configuration, "scheduler:cluster:seed-nodes").Should().Equal("sched.tcp://scheduler@127.0.0.1:2552");
    }

    [Fact]
    public void A_worker_carries_the_worker_role_beside_its_own_roles()
    {
        var configuration = Builder().WithClustering([], ["api"]).WithWorker(4, "gpu").BuildConfiguration();

        Values(configuration, "scheduler:cluster:roles").Should().Equal("api", "worker");
        Values(configuration, "scheduler:engine:worker:tags").Should().Equal("gpu");
        configuration["scheduler:engine:worker:slots"].Should().Be("4");
    }

    [Fact]
    public void A_worker_role_named_in_configuration_is_the_one_added_and_only_once()
    {
        var configuration = Builder()
            .Set(("engine.worker-role", "runner"), ("cluster.roles.0", "runner"))
            .WithWorker(2)
            .BuildConfiguration();

        Values(configuration, "scheduler:cluster:roles").Should().Equal("runner");
    }

    [Fact]
    public void Persistence_settings_name_the_database_and_its_connection()
    {
        var sqlite = Builder().WithSqlitePersistence("data/node.db").BuildConfiguration();
        var postgres = Builder().WithPostgresPersistence("Host=db;Database=scheduler", autoInitialize: false).BuildConfiguration();

        sqlite["scheduler:persistence:sql:database"].Should().Be("sqlite");
        sqlite["scheduler:persistence:sql:connection-string"].Should().Be("Data Source=data/node.db");
        postgres["scheduler:persistence:sql:database"].Should().Be("postgres");
        postgres["scheduler:persistence:sql:auto-initialize"].Should().Be("off");
    }

    // The list's values as a list reader sees them (blanks are skipped).
    private static List<string> Values(IConfiguration configuration, string key) =>
        [.. configuration.GetSection(key).GetChildren().Select(child => child.Value).Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value!)];
}
