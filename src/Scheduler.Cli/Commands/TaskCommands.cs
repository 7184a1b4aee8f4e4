using System.CommandLine;
using Scheduler.Cli.Input;
using Scheduler.Cli.Output;
using Scheduler.Engine.Tasks;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary><c>get</c>, <c>watch</c>, <c>pause</c>, <c>resume</c>, <c>cancel</c>, <c>rerun</c> and <c>delete</c>: one task by its id.</summary>
internal static class TaskCommands
{
    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        yield return WithId(runner, "get", "Show a task", (context, id, _, cancellationToken) => Show(context, context.Client.GetAsync(id, cancellationToken), detail: true));

        yield return WithId(runner, "watch", "Print each change of a task until it ends; exits 0 if it succeeded, 8 if it did not",
            async (context, id, _, cancellationToken) => await FollowAsync(context, id, cancellationToken).ConfigureAwait(false));

        var running = Choices.Option("--running", "What happens to an attempt already running", RunningPausePolicy.LetFinish);
        yield return WithId(runner, "pause", "Hold a task until it is resumed",
            (context, id, parsed, cancellationToken) => Show(context, context.Client.PauseAsync(id, parsed.GetValue(running), cancellationToken)),
            command => command.Options.Add(running));

        yield return WithId(runner, "resume", "Resume a paused task", (context, id, _, cancellationToken) => Show(context, context.Client.ResumeAsync(id, cancellationToken)));

        var reason = new Option<string?>("--reason") { Description = "Why, kept with the task" };
        yield return WithId(runner, "cancel", "Cancel a task that has not finished",
            (context, id, parsed, cancellationToken) => Show(context, context.Client.CancelAsync(id, parsed.GetValue(reason), cancellationToken)),
            command => command.Options.Add(reason));

        yield return WithId(runner, "rerun", "Run a finished task again, under the same id", (context, id, _, cancellationToken) => Show(context, context.Client.RerunAsync(id, cancellationToken)));

        yield return WithId(runner, "delete", "Delete a task (a running attempt is cancelled first)", (context, id, _, cancellationToken) => Show(context, context.Client.DeleteAsync(id, cancellationToken)));
    }

    /// <summary>Prints each change of the task until it ends; the exit code says whether it succeeded.</summary>
    public static async Task<int> FollowAsync(CliContext context, string id, CancellationToken cancellationToken)
    {
        TaskView? last = null;
        await foreach (var view in context.Client.WatchAsync(id, cancellationToken).ConfigureAwait(false))
        {
            context.Print.Item(view, Tables.TaskLine);
            last = view;
        }

        return last?.State == TaskState.Succeeded ? ExitCodes.Ok : ExitCodes.TaskDidNotSucceed;
    }

    private static Command WithId(CommandRunner runner, string name, string description, Func<CliContext, string, ParseResult, CancellationToken, Task<int>> body,
        Action<Command>? configure = null)
    {
        var id = new Argument<string>("id") { Description = "The task's id" };
        return runner.Command(name, description, (context, parsed, cancellationToken) => body(context, parsed.GetValue(id)!, parsed, cancellationToken), command =>
        {
            command.Arguments.Add(id);
            configure?.Invoke(command);
        });
    }

    private static async Task<int> Show(CliContext context, Task<TaskView> command, bool detail = false)
    {
        var task = await command.ConfigureAwait(false);
        context.Print.Result(task, view => detail ? Tables.Task(view) : new Text(Tables.TaskLine(view) + "\n"));
        return ExitCodes.Ok;
    }
}
