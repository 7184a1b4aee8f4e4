using System.CommandLine;
using System.Text.Json;
using Scheduler.Cli.Input;
using Scheduler.Cli.Output;
using Scheduler.Client;
using Scheduler.Client.Json;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Schedules;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary><c>schedule create|get|list|pause|resume|delete</c>: recurring schedules.</summary>
internal static class ScheduleCommands
{
    public static Command Create(CommandRunner runner)
    {
        var schedule = new Command("schedule", "Recurring schedules: each occurrence creates one task");
        schedule.Subcommands.Add(CreateCommand(runner));
        schedule.Subcommands.Add(WithId(runner, "get", "Show a schedule", (client, id, cancellationToken) => client.GetScheduleAsync(id, cancellationToken), detail: true));
        schedule.Subcommands.Add(ListCommand(runner));
        schedule.Subcommands.Add(WithId(runner, "pause", "Stop a schedule firing until it is resumed", (client, id, cancellationToken) => client.PauseScheduleAsync(id, cancellationToken)));
        schedule.Subcommands.Add(WithId(runner, "resume", "Resume a paused schedule", (client, id, cancellationToken) => client.ResumeScheduleAsync(id, cancellationToken)));
        schedule.Subcommands.Add(WithId(runner, "delete", "Delete a schedule (its tasks run on)", (client, id, cancellationToken) => client.DeleteScheduleAsync(id, cancellationToken)));
        return schedule;
    }

    private static Command CreateCommand(CommandRunner runner)
    {
        var template = new TaskTemplateOptions();
        var id = new Option<string?>("--id") { Description = "The schedule's id; its tasks are named id@time" };
        var cron = new Option<string?>("--cron") { Description = "A cron expression, five fields or six with seconds, such as '0 3 * * *'" };
        var every = Durations.Option("--every", "A fixed interval instead of cron, such as 15m");
        var zone = new Option<string?>("--time-zone") { Description = "The time zone the cron expression names times in (default UTC)" };
        var jitter = Durations.Option("--jitter", "Fire each occurrence up to this much later, to spread load");
        var overlap = Choices.Optional<OverlapPolicy>("--overlap", "When an occurrence comes while the previous task runs");
        var misfire = Choices.Optional<MisfirePolicy>("--misfire", "What happens to occurrences missed while the scheduler was down");
        var file = new Option<string?>("--file", "-f") { Description = "A JSON file with the whole schedule, as the API takes it" };
        Option[] own = [id, cron, every, zone, jitter, overlap, misfire];

        return runner.Command("create", "Create a schedule", async (context, parsed, cancellationToken) =>
        {
            ScheduleSpec spec;
            if (parsed.GetValue(file) is { } path)
            {
                if (template.AnyGiven(parsed) || parsed.AnyGiven(own))
                {
                    throw new UsageException("--file holds the whole schedule; it does not go with the other flags");
                }

                spec = Parse(await InputFile.ReadAsync(path, "--file", cancellationToken).ConfigureAwait(false), InputFile.Describe(path));
            }
            else
            {
                var trigger = new ScheduleTrigger { Cron = parsed.GetValue(cron), Every = parsed.GetValue(every) };
                spec = new ScheduleSpec
                {
                    Id = parsed.GetValue(id) ?? throw new UsageException("--id is required (or --file with the whole schedule)"),
                    Trigger = parsed.GetValue(zone) is { } timeZone ? trigger with { TimeZone = timeZone } : trigger,
                    Task = template.Read(parsed),
                    Jitter = parsed.GetValue(jitter) ?? TimeSpan.Zero,
                };
                spec = parsed.GetValue(overlap) is { } overlapPolicy ? spec with { Overlap = overlapPolicy } : spec;
                spec = parsed.GetValue(misfire) is { } misfirePolicy ? spec with { Misfire = misfirePolicy } : spec;
            }

            var created = await context.Client.CreateScheduleAsync(spec, cancellationToken).ConfigureAwait(false);
            context.Print.Result(created.Schedule, view => new Text((created.Created ? "created " : "exists  ") + Line(view) + "\n"));
            return ExitCodes.Ok;
        }, command =>
        {
            foreach (var option in own.Append(file))
            {
                command.Options.Add(option);
            }

            template.AddTo(command);
        });
    }

    private static Command ListCommand(CommandRunner runner)
    {
        var status = Choices.Optional<ScheduleStatus>("--status", "Only schedules with this status");
        var paging = new PagingOptions(50);
        return runner.Command("list", "List schedules, newest created first", async (context, parsed, cancellationToken) =>
        {
            var query = new ScheduleQuery { Status = parsed.GetValue(status), Limit = parsed.GetValue(paging.Limit), After = parsed.GetValue(paging.After) };
            var page = parsed.GetValue(paging.All)
                ? new SchedulePage(await context.Client.ListAllSchedulesAsync(query, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false), null)
                : await context.Client.ListSchedulesAsync(query, cancellationToken).ConfigureAwait(false);
            context.Print.Result(page, shown => Tables.ScheduleList(shown.Schedules));
            PagingOptions.NoteNext(context, page.Next);
            return ExitCodes.Ok;
        }, command =>
        {
            command.Options.Add(status);
            paging.AddTo(command);
        });
    }

    private static Command WithId(CommandRunner runner, string name, string description, Func<ISchedulerClient, string, CancellationToken, Task<ScheduleView>> call,
        bool detail = false)
    {
        var id = new Argument<string>("id") { Description = "The schedule's id" };
        return runner.Command(name, description, async (context, parsed, cancellationToken) =>
        {
            var schedule = await call(context.Client, parsed.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            context.Print.Result(schedule, view => detail ? Tables.Schedule(view) : new Text(Line(view) + "\n"));
            return ExitCodes.Ok;
        }, command => command.Arguments.Add(id));
    }

    private static string Line(ScheduleView schedule) =>
        "schedule " + schedule.Id + "  " + ApiJson.Name(schedule.Status) + "  next " + Cells.Time(schedule.NextFireAt);

    private static ScheduleSpec Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<ScheduleSpec>(json, ApiJson.Options)
                ?? throw new UsageException("--file: " + source + " holds null, expected a schedule object");
        }
        catch (JsonException invalid)
        {
            throw new UsageException("--file: " + source + " is not a schedule: " + invalid.Message, invalid);
        }
    }
}
