using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.ReadModel;

/// <summary>Creates a read model's tables and indexes beside the journal when they are missing: once, and again after a failure.</summary>
internal sealed class TableSetup(SqlJournal journal, IReadOnlyList<string> statements)
{
    private readonly Lock _gate = new();
    private Task? _ensured;

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_ensured is null || _ensured.IsFaulted || _ensured.IsCanceled)
            {
                _ensured = CreateAsync(cancellationToken);
            }

            return _ensured;
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        var connection = await journal.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            foreach (var statement in statements)
            {
                var command = SqlCommands.Create(connection, null, statement);
                await using (command.ConfigureAwait(false))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
