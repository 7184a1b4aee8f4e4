using System.Data.Common;
using System.Text;
using System.Text.Json;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Scheduler.Persistence.Sql;

namespace Scheduler.Engine.ReadModel;

/// <summary>
/// The <c>task_view</c> read model: one row per task with what lists and dashboards show, and
/// <c>task_view_label</c> for filtering by label. <see cref="TaskViewProjection"/> writes it from the journal;
/// <see cref="TaskClient.ListAsync"/> reads it. The SQL is the same on SQLite and PostgreSQL. Times are UTC ticks
/// (100 ns), so a row's times equal what a get shows.
/// </summary>
// MA0004 flags every `await using`; nothing here runs on an actor's context and every explicit await says ConfigureAwait(false).
#pragma warning disable MA0004
internal sealed class TaskViewStore(SqlJournal journal)
{
    /// <summary>Results longer than this (as JSON text) are left out of the read model; a get shows them whole.</summary>
    public const int MaxResultChars = 4096;

    private const string Columns =
        "task_id, type, state, attempt, failures, priority, node, worker, parent_id, schedule_id, occurrence_at, labels, "
        + "submitted_at, updated_at, due_at, started_at, finished_at, pause_requested, error_kind, error_message, result";

    private static readonly string Upsert =
        "INSERT INTO task_view (" + Columns + ") VALUES (@id, @type, @state, @attempt, @failures, @priority, @node, @worker, @parent, "
        + "@schedule, @occurrence, @labels, @submitted, @updated, @due, @started, @finished, @pause, @errorKind, @errorMessage, @result) "
        + "ON CONFLICT (task_id) DO UPDATE SET type = excluded.type, state = excluded.state, attempt = excluded.attempt, "
        + "failures = excluded.failures, priority = excluded.priority, node = excluded.node, worker = excluded.worker, "
        + "parent_id = excluded.parent_id, schedule_id = excluded.schedule_id, occurrence_at = excluded.occurrence_at, "
        + "labels = excluded.labels, submitted_at = excluded.submitted_at, updated_at = excluded.updated_at, due_at = excluded.due_at, "
        + "started_at = excluded.started_at, finished_at = excluded.finished_at, pause_requested = excluded.pause_requested, "
        + "error_kind = excluded.error_kind, error_message = excluded.error_message, result = excluded.result";

    private readonly TableSetup _tables = new(journal,
    [
        "CREATE TABLE IF NOT EXISTS task_view (task_id VARCHAR(300) NOT NULL PRIMARY KEY, type VARCHAR(200) NOT NULL, "
            + "state VARCHAR(20) NOT NULL, attempt INTEGER NOT NULL, failures INTEGER NOT NULL, priority INTEGER NOT NULL, "
            + "node VARCHAR(500) NULL, worker VARCHAR(1000) NULL, parent_id VARCHAR(300) NULL, schedule_id VARCHAR(300) NULL, "
            + "occurrence_at BIGINT NULL, labels TEXT NOT NULL, submitted_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, "
            + "due_at BIGINT NOT NULL, started_at BIGINT NULL, finished_at BIGINT NULL, pause_requested BOOLEAN NOT NULL, "
            + "error_kind VARCHAR(200) NULL, error_message TEXT NULL, result TEXT NULL)",
        "CREATE INDEX IF NOT EXISTS task_view_by_time ON task_view (submitted_at, task_id)",
        "CREATE INDEX IF NOT EXISTS task_view_by_state ON task_view (state, submitted_at)",
        "CREATE INDEX IF NOT EXISTS task_view_finished ON task_view (finished_at)",
        "CREATE INDEX IF NOT EXISTS task_view_by_parent ON task_view (parent_id)",
        "CREATE INDEX IF NOT EXISTS task_view_by_schedule ON task_view (schedule_id)",
        "CREATE TABLE IF NOT EXISTS task_view_label (task_id VARCHAR(300) NOT NULL, name VARCHAR(200) NOT NULL, "
            + "value VARCHAR(1000) NOT NULL, PRIMARY KEY (task_id, name))",
        "CREATE INDEX IF NOT EXISTS task_view_label_by_value ON task_view_label (name, value)",
    ]);

    /// <summary>Creates the tables and indexes when they are missing, once per store (again after a failure).</summary>
    public Task EnsureAsync(CancellationToken cancellationToken) => _tables.EnsureAsync(cancellationToken);

    /// <summary>Adds the statements that write a task's row (and its labels when they changed) to a projection batch.</summary>
    public static void Write(SqlStatementBatch batch, TaskRecord task, bool labelsChanged)
    {
        var view = TaskView.Of(task);
        var result = view.Result is { } json && json.GetRawText() is { Length: <= MaxResultChars } text ? text : null;
        batch.Add(Upsert,
            ("id", view.Id), ("type", view.Type), ("state", view.State.ToString()), ("attempt", view.Attempt), ("failures", view.Failures),
            ("priority", view.Priority), ("node", view.Node), ("worker", view.Worker), ("parent", view.ParentId),
            ("schedule", view.Occurrence?.ScheduleId), ("occurrence", view.Occurrence?.At.UtcTicks),
            ("labels", JsonSerializer.Serialize(view.Labels)), ("submitted", view.SubmittedAt.UtcTicks),
            ("updated", view.UpdatedAt.UtcTicks), ("due", view.DueAt.UtcTicks),
            ("started", view.StartedAt?.UtcTicks), ("finished", view.FinishedAt?.UtcTicks),
            ("pause", view.PauseRequested), ("errorKind", view.LastError?.Kind), ("errorMessage", view.LastError?.Message), ("result", result));
        if (labelsChanged)
        {
            DeleteLabels(batch, view.Id);
            foreach (var (name, value) in view.Labels)
            {
                batch.Add("INSERT INTO task_view_label (task_id, name, value) VALUES (@id, @name, @value)", ("id", view.Id), ("name", name), ("value", value));
            }
        }
    }

    /// <summary>Adds the statements that remove a deleted task's row and labels to a projection batch.</summary>
    public static void Delete(SqlStatementBatch batch, string taskId)
    {
        DeleteLabels(batch, taskId);
        batch.Add("DELETE FROM task_view WHERE task_id = @id", ("id", taskId));
    }

    /// <summary>One page of <paramref name="query"/> (already validated).</summary>
    public async Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT ").Append(Columns).Append(" FROM task_view v WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        void Filter(string clause, string name, object? value)
        {
            sql.Append(" AND ").Append(clause);
            parameters.Add((name, value));
        }

        if (query.State is { } state)
        {
            Filter("state = @state", "@state", state.ToString());
        }

        if (query.Type is { } type)
        {
            Filter("type = @type", "@type", type);
        }

        if (query.ParentId is { } parent)
        {
            Filter("parent_id = @parent", "@parent", parent);
        }

        if (query.ScheduleId is { } schedule)
        {
            Filter("schedule_id = @schedule", "@schedule", schedule);
        }

        if (query.Label is { } label)
        {
            Filter("EXISTS (SELECT 1 FROM task_view_label l WHERE l.task_id = v.task_id AND l.name = @labelName AND l.value = @labelValue)",
                "@labelName", label.Key);
            parameters.Add(("@labelValue", label.Value));
        }

        if (query.After is { } cursor && ListingCursor.Parse(cursor) is { } after)
        {
            Filter("(submitted_at < @afterAt OR (submitted_at = @afterAt AND task_id < @afterId))", "@afterAt", after.Ticks);
            parameters.Add(("@afterId", after.Id));
        }

        sql.Append(" ORDER BY submitted_at DESC, task_id DESC");

        // A list may come before the projection's first start on a new database.
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        var (tasks, next) = await PageReader.ReadAsync(journal, sql.ToString(), parameters, query.Limit, Read,
            view => new ListingCursor(view.SubmittedAt.UtcTicks, view.Id), cancellationToken).ConfigureAwait(false);
        return new TaskPage(tasks, next);
    }

    /// <summary>Removes tasks that finished before <paramref name="cutoff"/>, at most <paramref name="limit"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await journal.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        const string Old = "SELECT task_id FROM task_view WHERE finished_at < @cutoff ORDER BY finished_at LIMIT @limit";
        var at = ("@cutoff", (object?)cutoff.UtcTicks);
        await using (var labels = SqlCommands.Create(connection, transaction, "DELETE FROM task_view_label WHERE task_id IN (" + Old + ")", at, ("@limit", limit)))
        {
            await labels.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int removed;
        await using (var rows = SqlCommands.Create(connection, transaction, "DELETE FROM task_view WHERE task_id IN (" + Old + ")", at, ("@limit", limit)))
        {
            removed = await rows.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    private static void DeleteLabels(SqlStatementBatch batch, string taskId) =>
        batch.Add("DELETE FROM task_view_label WHERE task_id = @id", ("id", taskId));

    private static TaskView Read(DbDataReader reader)
    {
        DateTimeOffset? Time(int column) => reader.IsDBNull(column) ? null : new DateTimeOffset(reader.GetInt64(column), TimeSpan.Zero);
        string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
        var schedule = Text(9);
        return new TaskView
        {
            Id = reader.GetString(0),
            Type = reader.GetString(1),
            State = Enum.Parse<TaskState>(reader.GetString(2)),
            Attempt = reader.GetInt32(3),
            Failures = reader.GetInt32(4),
            Priority = reader.GetInt32(5),
            Node = Text(6),
            Worker = Text(7),
            ParentId = Text(8),
            Occurrence = schedule is null ? null : new ScheduleOccurrence(schedule, Time(10)!.Value),
            Labels = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(11)) ?? [],
            SubmittedAt = Time(12)!.Value,
            UpdatedAt = Time(13)!.Value,
            DueAt = Time(14)!.Value,
            StartedAt = Time(15),
            FinishedAt = Time(16),
            PauseRequested = reader.GetBoolean(17),
            LastError = Text(18) is { } kind ? new TaskError(kind, Text(19) ?? "") : null,
            Result = Text(20) is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null,
        };
    }
}
