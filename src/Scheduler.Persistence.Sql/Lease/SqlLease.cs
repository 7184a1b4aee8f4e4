using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Actors.Coordination;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// A lease held as a row of the <c>lease</c> table: taking it is one statement that inserts the row, or takes it
/// over when this owner already holds it or its holder let it expire; the holder renews it every heartbeat
/// interval. Expiry times come from this process's clock (through <see cref="TimeProvider"/>), so node clocks must
/// agree to within a tenth of the heartbeat timeout, which the holder allows for. Registered under <see cref="Implementation"/>.
/// </summary>
public sealed partial class SqlLease : Lease, IAsyncDisposable
{
    /// <summary>The name the lease is registered under, and its configuration section.</summary>
    public const string Implementation = "scheduler.persistence.sql.lease";

    private const string TakeStatement = """
        INSERT INTO lease (name, owner, expires_at) VALUES (@name, @owner, @expires)
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE lease.owner = excluded.owner OR lease.expires_at < @now
        """;

    private readonly SqlDialect _dialect;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Lock _gate = new();

    // One statement at a time: a renewal already under way must not take the lease back after a release.
    private readonly SemaphoreSlim _operations = new(1, 1);
    private ITimer? _renewal;
    private DateTimeOffset _trustedUntil = DateTimeOffset.MinValue;
    private Action<Exception?>? _onLost;

    private SqlLease(LeaseSettings settings, SqlDialect dialect, TimeProvider time, ILogger log)
        : base(settings)
    {
        _dialect = dialect;
        _time = time;
        _log = log;
    }

    /// <summary>
    /// Makes the SQL lease available to <paramref name="system"/>'s <see cref="LeaseProvider"/>, in the database
    /// <paramref name="options"/> name (creating the table when auto-initialize is on). Call it before the cluster
    /// starts when the split-brain resolver uses lease-majority.
    /// </summary>
    public static async Task RegisterAsync(ActorSystem system, SqlPersistenceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var dialect = SqlDialect.For(options);
        await SqlSchema.EnsureAsync(dialect, options.AutoInitialize, system.TimeProvider, cancellationToken).ConfigureAwait(false);
        var log = system.LoggerFactory.CreateLogger<SqlLease>();
        LeaseProvider.Get(system).Register(Implementation, settings => new SqlLease(settings, dialect, system.TimeProvider, log));
        if (dialect is IAsyncDisposable disposable)
        {
            _ = system.WhenTerminated.ContinueWith(_ => disposable.DisposeAsync().AsTask(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>
    /// How much sooner than its row says the holder stops trusting the lease: another owner judges expiry by its own
    /// clock, which may run ahead of this one. A tenth of the heartbeat timeout (12 s by default) covers any clock
    /// kept by NTP, and a healthy holder renews long before it matters.
    /// </summary>
    internal TimeSpan ClockSkewAllowance => Settings.HeartbeatTimeout / 10;

    /// <summary>The latest renewal, for tests that move a fake clock and then wait for the renewal it caused.</summary>
    internal Task Renewal { get; private set; } = Task.CompletedTask;

    /// <inheritdoc />
    public override async Task<bool> AcquireAsync(Action<Exception?>? onLost = null, CancellationToken cancellationToken = default)
    {
        await _operations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var taken = await TakeAsync(cancellationToken).ConfigureAwait(false);
            if (taken)
            {
                lock (_gate)
                {
                    _onLost = onLost;
                    _renewal ??= _time.CreateTimer(_ => Renewal = RenewAsync(), null, Settings.HeartbeatInterval, Settings.HeartbeatInterval);
                }
            }

            return taken;
        }
        finally
        {
            _operations.Release();
        }
    }

    /// <inheritdoc />
    public override async Task<bool> ReleaseAsync(CancellationToken cancellationToken = default)
    {
        await _operations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            StopRenewing();
            await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM lease WHERE name = @name AND owner = @owner";
            SqlDialect.Add(command, "@name", Settings.LeaseName);
            SqlDialect.Add(command, "@owner", Settings.OwnerName);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
        finally
        {
            _operations.Release();
        }
    }

    /// <inheritdoc />
    public override bool CheckLease()
    {
        lock (_gate)
        {
            return _time.GetUtcNow() < _trustedUntil;
        }
    }

    /// <summary>Stops renewing without releasing: the lease runs out on its own.</summary>
    public async ValueTask DisposeAsync()
    {
        await _operations.WaitAsync().ConfigureAwait(false);
        StopRenewing();
        _operations.Release();
    }

    /// <summary>Inserts or takes over the row; true when this owner holds the lease afterwards.</summary>
    private async Task<bool> TakeAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = TakeStatement;
        SqlDialect.Add(command, "@name", Settings.LeaseName);
        SqlDialect.Add(command, "@owner", Settings.OwnerName);
        SqlDialect.Add(command, "@expires", (now + Settings.HeartbeatTimeout).ToUnixTimeMilliseconds());
        SqlDialect.Add(command, "@now", now.ToUnixTimeMilliseconds());
        var taken = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        if (taken)
        {
            lock (_gate)
            {
                // Counted from before the statement: the row may say a little longer, never shorter.
                _trustedUntil = now + Settings.HeartbeatTimeout - ClockSkewAllowance;
            }
        }

        return taken;
    }

    private async Task RenewAsync()
    {
        await _operations.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (_renewal is null)
                {
                    // Released or disposed while this renewal waited its turn.
                    return;
                }
            }

            await RenewHeldAsync().ConfigureAwait(false);
        }
        finally
        {
            _operations.Release();
        }
    }

    private async Task RenewHeldAsync()
    {
        Exception? error = null;
        bool held;
        try
        {
            using var timeout = new CancellationTokenSource(Settings.OperationTimeout, _time);
            held = await TakeAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Whatever went wrong (the store is out of reach, a driver fault), the lease is still ours until it would
            // have expired, and after that the holder must hear that it lost it: nothing here may end the renewals
            // silently.
            error = exception;
            held = CheckLease();
            RenewFailed(_log, Settings.LeaseName, exception);
        }

        if (!held)
        {
            Action<Exception?>? onLost;
            lock (_gate)
            {
                onLost = _onLost;
                _trustedUntil = DateTimeOffset.MinValue;
            }

            StopRenewing();
            Lost(_log, Settings.LeaseName, Settings.OwnerName);

            // Not on this thread: it holds the operation gate, and the callback may well release or acquire.
            _ = Task.Run(() => onLost?.Invoke(error));
        }
    }

    private void StopRenewing()
    {
        lock (_gate)
        {
            _renewal?.Dispose();
            _renewal = null;
            _onLost = null;
            _trustedUntil = DateTimeOffset.MinValue;
        }
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Renewing lease {Lease} failed; it is held until it would expire")]
    private static partial void RenewFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Lease {Lease} is lost by {Owner}")]
    private static partial void Lost(ILogger logger, string lease, string owner);
}
