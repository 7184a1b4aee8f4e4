namespace Scheduler.Persistence.Sql;

/// <summary>
/// Applies one event to a read model through <paramref name="context"/>'s transaction, which also stores the
/// projection's offset: either both the read-model change and the new offset commit, or neither does.
/// </summary>
public delegate Task ProjectionHandler(ProjectionContext context, EventEnvelope envelope, CancellationToken cancellationToken);
