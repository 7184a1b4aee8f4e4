using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scheduler.Persistence.Sql;

namespace Scheduler.Hosting.Health;

/// <summary>Healthy when the journal's database answers a trivial query.</summary>
internal sealed class JournalHealthCheck(SchedulerNode node) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!node.Started.IsCompletedSuccessfully)
        {
            return HealthCheckResult.Unhealthy("the node has not started");
        }

        if (Persistence.Persistence.Get(node.System).Journal is not SqlJournal journal)
        {
            return HealthCheckResult.Healthy("the journal is not SQL; nothing to reach");
        }

        try
        {
            var connection = await journal.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = SqlCommands.Create(connection, null, "SELECT 1");
                await using (command.ConfigureAwait(false))
                {
                    await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return HealthCheckResult.Healthy("journal reachable");
        }
#pragma warning disable CA1031 // Any failure to reach the database is what this check reports.
        catch (Exception cause)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("journal unreachable: " + cause.Message, cause);
        }
    }
}
