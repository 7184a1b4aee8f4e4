using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Configuration;

namespace Scheduler.Persistence.Sql;

/// <summary>
/// Settings of the SQL journal and snapshot store (<c>scheduler.persistence.sql</c> in configuration; defaults and
/// comments in reference.conf).
/// </summary>
public sealed record SqlPersistenceOptions
{
    /// <summary>The database.</summary>
    public required SqlDatabase Database { get; init; }

    /// <summary>The ADO.NET connection string.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Create the tables at start when they are missing; otherwise a missing schema is an error.</summary>
    public bool AutoInitialize { get; init; }

    /// <summary>Rows per transaction the batching writer aims for.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>
    /// Write transactions in flight at once; null picks 2 on PostgreSQL and 1 on SQLite. SQLite has one writer. A
    /// PostgreSQL batch is two round trips, the write lock's statement with the rows, then the commit, and it holds
    /// the lock until it commits: a second loop sends its batch while the first commits and waits for the lock on
    /// the server, not for a round trip. More loops than that only wait for the lock with smaller batches.
    /// </summary>
    public int? Parallelism { get; init; }

    /// <summary>The write transactions in flight at once: <see cref="Parallelism"/>, or the database's default when it is null.</summary>
    public int EffectiveParallelism => Parallelism ?? (Database == SqlDatabase.Postgres ? 2 : 1);

    /// <summary>Write requests that may wait before writers are held back.</summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>Failed batches in a row that open the circuit breaker.</summary>
    public int CircuitBreakerMaxFailures { get; init; } = 5;

    /// <summary>How long an open breaker refuses writes before it tries again.</summary>
    public TimeSpan CircuitBreakerResetTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a live query reads again when nothing woke it. Writes of this process wake it at once, and on
    /// PostgreSQL so do other processes' writes (LISTEN/NOTIFY); the poll is the fallback.
    /// </summary>
    public TimeSpan QueryRefreshInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows one query reads at a time.</summary>
    public int QueryPageSize { get; init; } = 500;

    /// <summary>Reads <c>scheduler.persistence.sql</c>; errors name the key.</summary>
    public static SqlPersistenceOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("scheduler:persistence:sql");
        var database = section["database"] switch
        {
            "sqlite" => SqlDatabase.Sqlite,
            "postgres" => SqlDatabase.Postgres,
            var other => throw new ConfigurationException($"Configuration key 'scheduler.persistence.sql.database' has value '{other}'; expected 'sqlite' or 'postgres'."),
        };
        var connection = section["connection-string"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new ConfigurationException("Configuration key 'scheduler.persistence.sql.connection-string' is missing or empty.");
        }

        return new SqlPersistenceOptions
        {
            Database = database,
            ConnectionString = connection,
            AutoInitialize = Bool(section, "auto-initialize"),
            BatchSize = Positive(section, "batch-size"),
            Parallelism = string.Equals(section["parallelism"], "auto", StringComparison.Ordinal) ? null : Positive(section, "parallelism"),
            QueueCapacity = Positive(section, "queue-capacity"),
            CircuitBreakerMaxFailures = Positive(section, "circuit-breaker.max-failures"),
            CircuitBreakerResetTimeout = section.GetDuration("circuit-breaker:reset-timeout", TimeSpan.FromSeconds(10)),
            QueryRefreshInterval = section.GetDuration("query:refresh-interval", TimeSpan.FromSeconds(1)),
            QueryPageSize = Positive(section, "query.page-size"),
        };
    }

    internal void Validate()
    {
        if (BatchSize < 1 || QueueCapacity < 1 || CircuitBreakerMaxFailures < 1 || Parallelism is < 1 || CircuitBreakerResetTimeout <= TimeSpan.Zero
            || QueryPageSize < 1 || QueryRefreshInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"SQL persistence options are invalid: batch size ({BatchSize}), parallelism ({Parallelism}), queue capacity ({QueueCapacity}), circuit-breaker failures ({CircuitBreakerMaxFailures}), reset timeout ({CircuitBreakerResetTimeout}), query page size ({QueryPageSize}) and query refresh interval ({QueryRefreshInterval}) must be positive.");
        }
    }

    private static bool Bool(IConfigurationSection section, string key) => section[key] switch
    {
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" or null => false,
        var other => throw new ConfigurationException($"Configuration key 'scheduler.persistence.sql.{key}' has value '{other}'; expected on or off."),
    };

    private static int Positive(IConfigurationSection section, string key)
    {
        var text = section[key.Replace('.', ':')];
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ConfigurationException($"Configuration key 'scheduler.persistence.sql.{key}' must be a positive whole number, not '{text}'.");
    }
}
