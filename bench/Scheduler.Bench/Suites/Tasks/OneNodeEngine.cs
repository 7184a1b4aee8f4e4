using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Bench.Measurement;
using Scheduler.Bench.Suites.Journal;
using Scheduler.Cluster.Members;
using Scheduler.Configuration;
using Scheduler.Engine;
using Scheduler.Engine.Execution;
using Scheduler.Persistence.Sql;
using Scheduler.Remote;

namespace Scheduler.Bench.Suites.Tasks;

/// <summary>
/// The engine as a user runs it on one node: a one-member cluster with the worker role, a SQL journal on the
/// benchmark's database, default settings unless a suite overrides some in HOCON.
/// </summary>
internal sealed class OneNodeEngine : IAsyncDisposable
{
    private OneNodeEngine(ActorSystem system, SchedulerEngine engine)
    {
        System = system;
        Engine = engine;
    }

    public ActorSystem System { get; }

    public SchedulerEngine Engine { get; }

    public static async Task<OneNodeEngine> StartAsync(string name, BenchDatabase database, ExecutorRegistry? executors = null, string settings = "")
    {
        ArgumentNullException.ThrowIfNull(database);
        var configuration = new ConfigurationBuilder()
            .AddHoconString("scheduler.remote.port = 0\nscheduler.cluster.roles = [worker]\nscheduler.actor.ask-timeout = 60s\n" + settings, name)
            .Build();
        var system = ActorSystem.Create(name, new ActorSystemSetup { Configuration = configuration }.WithRemoting());
        try
        {
            await SqlPersistence.InitAsync(system, database.Options).ConfigureAwait(false);
            var cluster = Cluster.Cluster.Get(system);
            cluster.Join(Remoting.Get(system).Address);
            await Deadline.UntilAsync(() => cluster.SelfMember?.Status == MemberStatus.Up, () => "this node Up").ConfigureAwait(false);
            return new OneNodeEngine(system, SchedulerEngine.Start(system, executors));
        }
        catch
        {
            await system.TerminateWithinAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await System.TerminateWithinAsync().ConfigureAwait(false);
}
