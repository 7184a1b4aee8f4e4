using System.CommandLine;
using Scheduler.Cli.Input;
using Scheduler.Cli.Output;
using Scheduler.Client;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Tasks;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>list</c>: tasks as a table (or the API's page as JSON), filtered; <c>--all</c> follows every page;
/// <c>--watch</c> shows the first page again every <c>--interval</c> until interrupted.
/// </summary>
internal static class ListCommand
{
    public static Command Create(CommandRunner runner)
    {
        var state = Choices.Optional<TaskState>("--state", "Only tasks in this state");
        var type = new Option<string?>("--type", "-t") { Description = "Only tasks of this type" };
        var label = new Option<string?>("--label", "-l") { Description = "Only tasks with this label, key=value" };
        var parent = new Option<string?>("--parent") { Description = "Only the sub-tasks of this task" };
        var schedule = new Option<string?>("--schedule") { Description = "Only the tasks of this schedule" };
        var paging = new PagingOptions(50);
        var watch = new Option<bool>("--watch", "-w") { Description = "Show the list again every --interval until interrupted" };
        var interval = Durations.Option("--interval", "How often --watch refreshes (default 2s)");

        return runner.Command("list", "List tasks, newest submitted first", async (context, parsed, cancellationToken) =>
        {
            var query = new TaskQuery
            {
                State = parsed.GetValue(state),
                Type = parsed.GetValue(type),
                Label = parsed.GetValue(label) is { } pair ? Labels.Pair(pair, "--label") : null,
                ParentId = parsed.GetValue(parent),
                ScheduleId = parsed.GetValue(schedule),
                Limit = parsed.GetValue(paging.Limit),
                After = parsed.GetValue(paging.After),
            };
            if (parsed.GetValue(watch))
            {
                return await WatchAsync(context, query, parsed.GetValue(interval) ?? TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            }

            var page = parsed.GetValue(paging.All)
                ? new TaskPage(await context.Client.ListAllAsync(query, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false), null)
                : await context.Client.ListAsync(query, cancellationToken).ConfigureAwait(false);
            context.Print.Result(page, shown => Tables.TaskList(shown.Tasks));
            PagingOptions.NoteNext(context, page.Next);
            return ExitCodes.Ok;
        }, command =>
        {
            foreach (var option in new Option[] { state, type, label, parent, schedule, watch, interval })
            {
                command.Options.Add(option);
            }

            paging.AddTo(command);
        });
    }

    // A person at a terminal sees one table redrawn in place; a program reading the output gets each refresh in turn
    // (a JSON line, or a table under a time). Interrupting ends the watch and is not a failure.
    private static async Task<int> WatchAsync(CliContext context, TaskQuery query, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            if (context.Interactive && !context.Print.IsJson)
            {
                var first = await context.Client.ListAsync(query, cancellationToken).ConfigureAwait(false);
                await context.Terminal.Live(Tables.TaskList(first.Tasks)).StartAsync(async live =>
                {
                    while (true)
                    {
                        await Task.Delay(interval, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                        live.UpdateTarget(Tables.TaskList((await context.Client.ListAsync(query, cancellationToken).ConfigureAwait(false)).Tasks));
                    }
                }).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            while (true)
            {
                var page = await context.Client.ListAsync(query, cancellationToken).ConfigureAwait(false);
                if (context.Print.IsJson)
                {
                    context.Print.Item(page, _ => "");
                }
                else
                {
                    context.Print.Note("-- " + Cells.Time(TimeProvider.System.GetUtcNow()));
                    context.Terminal.Write(Tables.TaskList(page.Tasks));
                }

                await Task.Delay(interval, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
    }
}
