using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Engine;
using Scheduler.Persistence.Sql;
using Scheduler.Remote;

namespace Scheduler.Hosting;

/// <summary>
/// Starts the node with the host and stops it with the host. Start: the actor system with remoting, SQL
/// persistence, cluster membership (joining the seed nodes, or forming a cluster of its own without any), then the
/// engine. Stop: coordinated shutdown, which leaves the cluster, hands off shards and drains the worker (running
/// attempts finish or are handed back to run elsewhere) before the actor system terminates.
/// </summary>
internal sealed partial class SchedulerHostedService(SchedulerBuilder builder, SchedulerNode node, IServiceProvider services, ILoggerFactory loggers)
    : IHostedService
{
    /// <summary>The reason coordinated shutdown runs with when the host stops.</summary>
    public static ShutdownReason HostStopping { get; } = new("host-stopping");

    private readonly ILogger _log = loggers.CreateLogger<SchedulerHostedService>();
    private ActorSystem? _system;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var configuration = builder.BuildConfiguration();
            var system = ActorSystem.Create(builder.SystemName, new ActorSystemSetup { Configuration = configuration, LoggerFactory = loggers }.WithRemoting());
            _system = system;
            try
            {
                var persistence = SqlPersistenceOptions.FromConfiguration(system.Configuration);
                PrepareFolder(persistence);
                await SqlPersistence.InitAsync(system, persistence, cancellationToken).ConfigureAwait(false);
                var cluster = Cluster.Cluster.Get(system);
                if (cluster.Settings.SeedNodes.IsEmpty)
                {
                    cluster.Join(cluster.SelfAddress);
                }

                var engine = SchedulerEngine.Start(system, builder.BuildExecutors(), services);
                node.Set(system, engine);
                Started(_log, system.Name, cluster.SelfAddress, cluster.SelfRoles, persistence.Database);
            }
            catch
            {
                _system = null;
                await system.Terminate().ConfigureAwait(false);
                throw;
            }
        }
        catch (Exception cause)
        {
            node.Fail(cause);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_system is not { } system)
        {
            return;
        }

        Stopping(_log, system.Name);
        await system.CoordinatedShutdown.Run(HostStopping).WaitAsync(cancellationToken).ConfigureAwait(false);
        await system.Terminate().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // SQLite creates its file but not the folders above it: a first start with ./data/scheduler.db makes ./data.
    private static void PrepareFolder(SqlPersistenceOptions persistence)
    {
        if (persistence.Database is not SqlDatabase.Sqlite)
        {
            return;
        }

        var file = new SqliteConnectionStringBuilder(persistence.ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(file) && !string.Equals(file, ":memory:", StringComparison.Ordinal) && folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Scheduler node '{System}' started at {Address} with roles {Roles} on {Database}")]
    private static partial void Started(ILogger logger, string system, Address address, IEnumerable<string> roles, SqlDatabase database);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Scheduler node '{System}' is stopping: leaving the cluster, handing off shards, draining the worker")]
    private static partial void Stopping(ILogger logger, string system);
}
