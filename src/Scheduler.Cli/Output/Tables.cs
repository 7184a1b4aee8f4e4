using System.Globalization;
using Scheduler.Client.Json;
using Scheduler.Client.Views;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Scheduler.Cli.Output;

/// <summary>The table form of each result (pure: a value in, a renderable out).</summary>
internal static class Tables
{
    public static IRenderable Task(TaskView task) => Cells.Fields(
    [
        ("id", task.Id),
        ("type", task.Type),
        ("state", ApiJson.Name(task.State) + (task.PauseRequested ? " (pause requested)" : "")),
        ("attempt", Cells.Number(task.Attempt) + (task.Failures > 0 ? " (" + Cells.Number(task.Failures) + " failed)" : "")),
        ("priority", Cells.Number(task.Priority)),
        ("labels", Cells.Labels(task.Labels)),
        ("parent", Cells.Text(task.ParentId)),
        ("schedule", task.Occurrence is { } occurrence ? occurrence.ScheduleId + " @ " + Cells.Time(occurrence.At) : Cells.None),
        ("node", Cells.Text(task.Node)),
        ("submitted", Cells.Time(task.SubmittedAt)),
        ("due", Cells.Time(task.DueAt)),
        ("started", Cells.Time(task.StartedAt)),
        ("finished", Cells.Time(task.FinishedAt)),
        ("updated", Cells.Time(task.UpdatedAt)),
        ("error", task.LastError is { } error ? error.Kind + ": " + error.Message : Cells.None),
        ("result", task.Result is { } result ? result.GetRawText() : Cells.None),
    ]);

    public static IRenderable TaskList(IReadOnlyList<TaskView> tasks)
    {
        var table = Cells.Columns("ID", "TYPE", "STATE", "ATTEMPT", "PRI", "NODE", "UPDATED", "LABELS");
        foreach (var task in tasks)
        {
            table.Row(task.Id, task.Type, ApiJson.Name(task.State), Cells.Number(task.Attempt), Cells.Number(task.Priority), Cells.Text(task.Node),
                Cells.Time(task.UpdatedAt), Cells.Labels(task.Labels));
        }

        return table;
    }

    /// <summary>A task on one line, for commands and watches.</summary>
    public static string TaskLine(TaskView task) =>
        Cells.Time(task.UpdatedAt) + "  " + task.Id + "  " + ApiJson.Name(task.State) +
        (task.Attempt > 0 ? "  attempt " + Cells.Number(task.Attempt) : "") +
        (task.LastError is { } error && task.State != TaskState.Succeeded ? "  " + error.Kind + ": " + error.Message : "");

    public static IRenderable Schedule(ScheduleView schedule) => Cells.Fields(
    [
        ("id", schedule.Id),
        ("status", ApiJson.Name(schedule.Status)),
        ("trigger", Trigger(schedule.Spec.Trigger)),
        ("task type", schedule.Spec.Task.Type),
        ("overlap", ApiJson.Name(schedule.Spec.Overlap)),
        ("misfire", ApiJson.Name(schedule.Spec.Misfire)),
        ("next fire", Cells.Time(schedule.NextFireAt)),
        ("last fired", Cells.Time(schedule.LastFired)),
        ("fired", Cells.Number(schedule.Fired)),
        ("skipped", Cells.Number(schedule.MissedSkipped) + " missed, " + Cells.Number(schedule.OverlapSkipped) + " overlapping"),
        ("running", schedule.RunningTasks.Count == 0 ? Cells.None : string.Join(", ", schedule.RunningTasks)),
        ("created", Cells.Time(schedule.CreatedAt)),
    ]);

    public static IRenderable ScheduleList(IReadOnlyList<ScheduleView> schedules)
    {
        var table = Cells.Columns("ID", "STATUS", "TRIGGER", "TYPE", "NEXT FIRE", "FIRED");
        foreach (var schedule in schedules)
        {
            table.Row(schedule.Id, ApiJson.Name(schedule.Status), Trigger(schedule.Spec.Trigger), schedule.Spec.Task.Type,
                Cells.Time(schedule.NextFireAt), Cells.Number(schedule.Fired));
        }

        return table;
    }

    public static IRenderable Cluster(ClusterOverview cluster)
    {
        var table = Cells.Columns("ADDRESS", "STATUS", "REACHABLE", "UP#", "ROLES", "");
        foreach (var member in cluster.Members)
        {
            var marks = new List<string>();
            if (string.Equals(member.Address, cluster.Leader, StringComparison.Ordinal))
            {
                marks.Add("leader");
            }

            if (string.Equals(member.Address, cluster.Self, StringComparison.Ordinal))
            {
                marks.Add("self");
            }

            table.Row(member.Address, ApiJson.Name(member.Status), member.Reachable ? "yes" : "NO", Cells.Number(member.UpNumber),
                member.Roles.Count == 0 ? Cells.None : string.Join(",", member.Roles), string.Join(" ", marks));
        }

        return table;
    }

    public static IRenderable Workers(WorkersOverview workers)
    {
        var table = Cells.Columns("WORKER", "NODE", "FREE/SLOTS", "FREE CPU (m)", "FREE MEM (MiB)", "TAGS");
        foreach (var worker in workers.Workers)
        {
            table.Row(worker.Worker, worker.Node, Cells.Number(worker.FreeSlots) + "/" + Cells.Number(worker.Slots),
                worker.CpuMillis == 0 ? Cells.None : Cells.Number(worker.FreeCpuMillis) + "/" + Cells.Number(worker.CpuMillis),
                worker.MemoryMiB == 0 ? Cells.None : Cells.Number(worker.FreeMemoryMiB) + "/" + Cells.Number(worker.MemoryMiB),
                worker.Tags.Count == 0 ? Cells.None : string.Join(",", worker.Tags));
        }

        var queues = Cells.Columns("NODE", "READY TASKS");
        foreach (var queue in workers.Queues)
        {
            queues.Row(queue.Node, Cells.Number(queue.Ready));
        }

        return new Rows(table, queues);
    }

    public static IRenderable Shards(ShardsOverview shards)
    {
        var table = Cells.Columns("TYPE", "SHARD", "NODE", "ENTITIES");
        foreach (var shard in shards.Shards)
        {
            table.Row(shard.Type, shard.Shard, shard.Node, Cells.Number(shard.Entities));
        }

        return table;
    }

    private static string Trigger(ScheduleTrigger trigger) =>
        trigger.Cron is { } cron ? "cron " + cron + (string.Equals(trigger.TimeZone, "UTC", StringComparison.Ordinal) ? "" : " (" + trigger.TimeZone + ")")
        : trigger.Every is { } every ? "every " + every.ToString("c", CultureInfo.InvariantCulture)
        : Cells.None;
}
