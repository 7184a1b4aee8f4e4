using System.CommandLine;
using Scheduler.Cli.Input;
using Scheduler.Cli.Output;
using Scheduler.Client;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>submit</c>: one task from flags, or every task of a file (<c>--file</c>: JSON, a JSON array or JSON Lines) with
/// a progress bar; <c>--wait</c> follows the tasks until they end.
/// </summary>
internal static class SubmitCommand
{
    public static Command Create(CommandRunner runner)
    {
        var template = new TaskTemplateOptions();
        var id = new Option<string?>("--id") { Description = "The task's id (default: from --idempotency-key, else generated)" };
        var delay = Durations.Option("--delay", "Run after this long, such as 30s");
        var runAt = new Option<DateTimeOffset?>("--run-at") { Description = "Run at this time, such as 2026-12-01T09:00:00Z" };
        var key = new Option<string?>("--idempotency-key") { Description = "A repeated submit with the same key finds the same task" };
        var file = new Option<string?>("--file", "-f") { Description = "Submit every task of a JSON, JSON array or JSON Lines file ('-': standard input)" };
        var concurrency = new Option<int>("--concurrency") { Description = "Submits in flight at once with --file (1 to 64)", DefaultValueFactory = _ => 8 };
        var wait = new Option<bool>("--wait", "-w") { Description = "Follow the task(s) until they end; exit 0 if all succeeded, 8 if not" };
        Option[] single = [id, delay, runAt, key];

        return runner.Command("submit", "Submit a task, or every task of a file", async (context, parsed, cancellationToken) =>
        {
            if (parsed.GetValue(file) is { } path)
            {
                if (template.AnyGiven(parsed) || parsed.AnyGiven(single))
                {
                    throw new UsageException("--file holds whole tasks; it does not go with --type, --payload, --id and the other task flags");
                }

                var workers = parsed.GetValue(concurrency);
                var entries = TaskFile.Read(await InputFile.ReadAsync(path, "--file", cancellationToken).ConfigureAwait(false), InputFile.Describe(path));
                return workers is < 1 or > 64
                    ? throw new UsageException("--concurrency: must be from 1 to 64, was " + workers)
                    : await BatchSubmit.RunAsync(context, entries, workers, parsed.GetValue(wait), cancellationToken).ConfigureAwait(false);
            }

            var spec = template.Read(parsed) with
            {
                Id = parsed.GetValue(id),
                Delay = parsed.GetValue(delay),
                RunAt = parsed.GetValue(runAt),
                IdempotencyKey = parsed.GetValue(key),
            };
            var submitted = await context.Client.SubmitAsync(spec, cancellationToken).ConfigureAwait(false);
            context.Print.Result(submitted.Task, task => new Text((submitted.Created ? "created " : "exists  ") + Tables.TaskLine(task) + "\n"));
            return parsed.GetValue(wait) ? await TaskCommands.FollowAsync(context, submitted.Task.Id, cancellationToken).ConfigureAwait(false) : ExitCodes.Ok;
        }, command =>
        {
            template.AddTo(command);
            foreach (var option in single.Append(file).Append(concurrency).Append(wait))
            {
                command.Options.Add(option);
            }
        });
    }
}
