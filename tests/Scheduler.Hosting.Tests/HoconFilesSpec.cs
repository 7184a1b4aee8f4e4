using Microsoft.Extensions.DependencyInjection;
using Scheduler.Actors;
using Scheduler.Cluster;
using Scheduler.Engine;
using Scheduler.Hosting;
using Scheduler.Persistence.Sql;
using Scheduler.Remote;

namespace Scheduler.Hosting.Tests;

/// <summary>The shipped configuration files (hocon/seed.conf, member.conf, client.conf) parse and give valid settings of the intended shape.</summary>
public sealed class HoconFilesSpec
{
    private static string Conf(string name, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "hocon", name));

    [Theory]
    [InlineData("seed.conf", 2552, 5080, true, "worker")]
    [InlineData("member.conf", 2553, 5081, false, "worker")]
    [InlineData("client.conf", 2560, 5090, false, "client")]
    public async Task Each_file_gives_valid_settings_of_its_kind(string file, int port, int apiPort, bool autoInitialize, string role)
    {
        var configuration = new SchedulerBuilder(new ServiceCollection(), "scheduler").AddHoconFile(Conf(file)).BuildConfiguration();
        var system = ActorSystem.Create("scheduler", new ActorSystemSetup { Configuration = configuration });
        try
        {
            var remote = RemoteSettings.Read(system.Configuration);
            var cluster = ClusterSettings.Read(system.Configuration, system.Name);
            var persistence = SqlPersistenceOptions.FromConfiguration(system.Configuration);
            var engine = EngineSettings.Create(system);

            remote.Port.Should().Be(port);
            system.Configuration["scheduler:api:port"].Should().Be(apiPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            system.Configuration["scheduler:api:hostname"].Should().Be("127.0.0.1", "the API stays on this machine unless SCHEDULER_API_HOSTNAME says otherwise");
            cluster.SeedNodes.Select(seed => seed.ToString()).Should().Equal("sched.tcp://scheduler@127.0.0.1:2552");
            cluster.Roles.Should().Equal(role);
            persistence.Database.Should().Be(SqlDatabase.Postgres);
            persistence.AutoInitialize.Should().Be(autoInitialize);
            engine.Role.Should().Be("worker", "entities live on workers on every kind of node");
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void Secrets_and_addresses_come_from_the_environment_when_set()
    {
        string[] names = ["SCHEDULER_DB", "SCHEDULER_SECRET", "SCHEDULER_PORT", "SCHEDULER_API_PORT", "SCHEDULER_API_HOSTNAME"];
        Environment.SetEnvironmentVariable("SCHEDULER_DB", "Host=db.internal;Database=scheduler;Username=scheduler;Password=from-env");
        Environment.SetEnvironmentVariable("SCHEDULER_SECRET", "shared-secret");
        Environment.SetEnvironmentVariable("SCHEDULER_PORT", "2700");
        Environment.SetEnvironmentVariable("SCHEDULER_API_PORT", "5700");
        Environment.SetEnvironmentVariable("SCHEDULER_API_HOSTNAME", "0.0.0.0");
        try
        {
            var configuration = new SchedulerBuilder(new ServiceCollection(), "scheduler").AddHoconFile(Conf("member.conf")).BuildConfiguration();

            configuration["scheduler:persistence:sql:connection-string"].Should().Contain("Password=from-env");
            configuration["scheduler:remote:secret"].Should().Be("shared-secret");
            configuration["scheduler:remote:port"].Should().Be("2700");
            configuration["scheduler:api:port"].Should().Be("5700");
            configuration["scheduler:api:hostname"].Should().Be("0.0.0.0");
        }
        finally
        {
            foreach (var name in names)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
