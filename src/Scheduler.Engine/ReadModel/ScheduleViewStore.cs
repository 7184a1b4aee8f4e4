using System.Text;
using System.Text.Json;
using Scheduler.Engine.Schedules;
using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// The <c>schedule_view</c> read model: one row per schedule that is not deleted, with the columns lists filter and
/// order by and the whole view as JSON (always of the one type <see cref="ScheduleView"/>). Schedules are few and
/// their views small, so a row holds the view whole rather than a column per field. Times are UTC ticks.
/// </summary>
// MA0004 flags every `await using`; nothing here runs on an actor's context and every explicit await says ConfigureAwait(false).
#pragma warning disable MA0004
internal sealed class ScheduleViewStore(SqlJournal journal)
{
    private const string Upsert =
        "INSERT INTO schedule_view (schedule_id, status, created_at, updated_at, next_fire_at, view_json) "
        + "VALUES (@id, @status, @created, @updated, @next, @view) "
        + "ON CONFLICT (schedule_id) DO UPDATE SET status = excluded.status, created_at = excluded.created_at, "
        + "updated_at = excluded.updated_at, next_fire_at = excluded.next_fire_at, view_json = excluded.view_json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableSetup _tables = new(journal,
    [
        "CREATE TABLE IF NOT EXISTS schedule_view (schedule_id VARCHAR(300) NOT NULL PRIMARY KEY, status VARCHAR(20) NOT NULL, "
            + "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, next_fire_at BIGINT NULL, view_json TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS schedule_view_by_time ON schedule_view (created_at, schedule_id)",
        "CREATE INDEX IF NOT EXISTS schedule_view_by_status ON schedule_view (status, created_at)",
    ]);

    /// <summary>Creates the table and indexes when they are missing, once per store (again after a failure).</summary>
    public Task EnsureAsync(CancellationToken cancellationToken) => _tables.EnsureAsync(cancellationToken);

    /// <summary>Adds the statement that writes a schedule's row to a projection batch.</summary>
    public static void Write(SqlStatementBatch batch, ScheduleView view) =>
        batch.Add(Upsert,
            ("id", view.Id), ("status", view.Status.ToString()), ("created", view.CreatedAt.UtcTicks), ("updated", view.UpdatedAt.UtcTicks),
            ("next", view.NextFireAt?.UtcTicks), ("view", JsonSerializer.Serialize(view, Json)));

    /// <summary>Adds the statement that removes a deleted schedule's row to a projection batch.</summary>
    public static void Delete(SqlStatementBatch batch, string scheduleId) =>
        batch.Add("DELETE FROM schedule_view WHERE schedule_id = @id", ("id", scheduleId));

    /// <summary>One page of <paramref name="query"/> (already validated).</summary>
    public async Task<SchedulePage> ListAsync(ScheduleQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT view_json FROM schedule_view WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        if (query.Status is { } status)
        {
            sql.Append(" AND status = @status");
            parameters.Add(("@status", status.ToString()));
        }

        if (query.After is { } cursor && ListingCursor.Parse(cursor) is { } after)
        {
            sql.Append(" AND (created_at < @afterAt OR (created_at = @afterAt AND schedule_id < @afterId))");
            parameters.Add(("@afterAt", after.Ticks));
            parameters.Add(("@afterId", after.Id));
        }

        sql.Append(" ORDER BY created_at DESC, schedule_id DESC");

        // A list may come before the projection's first start on a new database.
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        var (schedules, next) = await PageReader.ReadAsync(journal, sql.ToString(), parameters, query.Limit,
            reader => JsonSerializer.Deserialize<ScheduleView>(reader.GetString(0), Json)!,
            view => new ListingCursor(view.CreatedAt.UtcTicks, view.Id), cancellationToken).ConfigureAwait(false);
        return new SchedulePage(schedules, next);
    }
}
