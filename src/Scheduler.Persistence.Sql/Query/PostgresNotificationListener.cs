using Npgsql;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// Holds one connection that LISTENs for the journal's commit notifications (sent by every writer, in any process)
/// and raises the signal live queries wait on. Started by the first live query. When the connection breaks it raises
/// the signal (queries read again, so nothing written meanwhile waits for the poll) and reconnects after a pause.
/// </summary>
internal sealed class PostgresNotificationListener : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly JournalSignal _signal;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retryAfter;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _started;

    public PostgresNotificationListener(NpgsqlDataSource dataSource, JournalSignal signal, TimeProvider time, TimeSpan retryAfter)
    {
        _dataSource = dataSource;
        _signal = signal;
        _time = time;
        _retryAfter = retryAfter;
    }

    public void EnsureStarted()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _loop = Task.Run(RunAsync);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
            {
                _signal.Raise();
                try
                {
                    await Task.Delay(_retryAfter, _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
        connection.Notification += (_, _) => _signal.Raise();
        try
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "LISTEN " + PostgresDialect.NotificationChannel;
                await command.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
            }

            // Commits made before LISTEN took effect were not announced; one more read by every waiting query covers them.
            _signal.Raise();
            while (true)
            {
                await connection.WaitAsync(stop).ConfigureAwait(false);
            }
        }
        finally
        {
            // Pooled connections are not reset when closed (see PostgresDialect.Tuned): stop listening before this
            // one goes back, so its next user is not sent notifications.
            await UnlistenAsync(connection).ConfigureAwait(false);
        }
    }

    private async Task UnlistenAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            // Bounded: a stop against a server that no longer answers should not wait for the command timeout.
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
            await using var command = connection.CreateCommand();
            command.CommandText = "UNLISTEN *";
            await command.ExecuteNonQueryAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            // A broken connection is not returned to the pool; nothing is left to clean.
        }
    }
}
