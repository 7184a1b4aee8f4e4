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

    // The row's columns in order: name, parameter, PostgreSQL array type (for the many-row upsert) and value.
    private static readonly Column[] RowColumns =
    [
        new("task_id", "id", "text", v => v.Id),
        new("type", "type", "text", v => v.Type),
        new("state", "state", "text", v => v.State.ToString()),
        new("attempt", "attempt", "integer", v => v.Attempt),
        new("failures", "failures", "integer", v => v.Failures),
        new("priority", "priority", "integer", v => v.Priority),
        new("node", "node", "text", v => v.Node),
        new("worker", "worker", "text", v => v.Worker),
        new("parent_id", "parent", "text", v => v.ParentId),
        new("schedule_id", "schedule", "text", v => v.Occurrence?.ScheduleId),
        new("occurrence_at", "occurrence", "bigint", v => v.Occurrence?.At.UtcTicks),
        new("labels", "labels", "text", v => JsonSerializer.Serialize(v.Labels)),
        new("submitted_at", "submitted", "bigint", v => v.SubmittedAt.UtcTicks),
        new("updated_at", "updated", "bigint", v => v.UpdatedAt.UtcTicks),
        new("due_at", "due", "bigint", v => v.DueAt.UtcTicks),
        new("started_at", "started", "bigint", v => v.StartedAt?.UtcTicks),
        new("finished_at", "finished", "bigint", v => v.FinishedAt?.UtcTicks),
        new("pause_requested", "pause", "boolean", v => v.PauseRequested),
        new("error_kind", "errorKind", "text", v => v.LastError?.Kind),
        new("error_message", "errorMessage", "text", v => v.LastError?.Message),
        new("result", "result", "text", v => v.Result is { } json && json.GetRawText() is { Length: <= MaxResultChars } text ? text : null),
    ];

    private static readonly string Columns = string.Join(", ", RowColumns.Select(column => column.Name));

    private static readonly string OnConflict = " ON CONFLICT (task_id) DO UPDATE SET "
        + string.Join(", ", RowColumns.Skip(1).Select(column => column.Name + " = excluded." + column.Name));

    private static readonly string Upsert = "INSERT INTO task_view (" + Columns + ") VALUES ("
        + string.Join(", ", RowColumns.Select(column => "@" + column.Parameter)) + ")" + OnConflict;

    // PostgreSQL: every row of a batch in one statement, each column one array parameter. Row by row, a batch of a
    // thousand tasks cost 21,000 parameter objects and a thousand statements for the server to run.
    private static readonly string UpsertMany = "INSERT INTO task_view (" + Columns + ") SELECT * FROM unnest("
        + string.Join(", ", RowColumns.Select(column => "@" + column.Parameter + "::" + column.ArrayType + "[]")) + ")" + OnConflict;

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

    /// <summary>
    /// Adds the statements that write these tasks' rows (and their labels where they changed) to a projection batch:
    /// on PostgreSQL one statement for all the rows (one row too: one statement shape), elsewhere one per row (SQLite
    /// runs in-process: a statement there costs no round trip).
    /// </summary>
    public static void Write(SqlStatementBatch batch, SqlDatabase database, IReadOnlyCollection<(TaskRecord Task, bool LabelsChanged)> tasks)
    {
        var views = tasks.Select(task => TaskView.Of(task.Task)).ToList();
        if (database is SqlDatabase.Postgres)
        {
            if (views.Count > 0)
            {
                batch.Add(UpsertMany, [.. RowColumns.Select(column => (column.Parameter, (object?)column.ArrayOf(views)))]);
            }
        }
        else
        {
            foreach (var view in views)
            {
                batch.Add(Upsert, [.. RowColumns.Select(column => (column.Parameter, column.Value(view)))]);
            }
        }

        foreach (var (view, (_, labelsChanged)) in views.Zip(tasks))
        {
            if (labelsChanged)
            {
                DeleteLabels(batch, view.Id);
                foreach (var (name, value) in view.Labels)
                {
                    batch.Add("INSERT INTO task_view_label (task_id, name, value) VALUES (@id, @name, @value)", ("id", view.Id), ("name", name), ("value", value));
                }
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

    /// <summary>One column of <c>task_view</c>: its name, its parameter, its type as a PostgreSQL array, and its value in a row.</summary>
    private sealed record Column(string Name, string Parameter, string ArrayType, Func<TaskView, object?> Value)
    {
        /// <summary>This column's values for <paramref name="views"/>, as an array of the type the driver sends as <see cref="ArrayType"/>[].</summary>
        public Array ArrayOf(List<TaskView> views) => ArrayType switch
        {
            "integer" => views.ConvertAll(view => (int)Value(view)!).ToArray(),
            "bigint" => views.ConvertAll(view => (long?)Value(view)).ToArray(),
            "boolean" => views.ConvertAll(view => (bool)Value(view)!).ToArray(),
            _ => views.ConvertAll(view => (string?)Value(view)).ToArray(),
        };
    }
}
