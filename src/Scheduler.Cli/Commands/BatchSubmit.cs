using Scheduler.Cli.Input;
using Scheduler.Cli.Output;
using Scheduler.Client;
using Scheduler.Client.Http;
using Scheduler.Client.Problems;
using Scheduler.Engine.Tasks;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary>
/// Submits the tasks of a file, a few at a time, with a progress bar when a person watches. A task the scheduler
/// refuses does not stop the others; each refusal is named by its place in the file, and the exit code is the
/// first refusal's.
/// </summary>
internal static class BatchSubmit
{
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<TaskFile.Entry> entries, int concurrency, bool wait, CancellationToken cancellationToken)
    {
        var outcomes = new BatchOutcome[entries.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        async Task SubmitAll(Action advance) => await Parallel.ForEachAsync(Enumerable.Range(0, entries.Count), parallel, async (index, cancel) =>
        {
            outcomes[index] = await SubmitAsync(context.Client, entries[index], cancel).ConfigureAwait(false);
            advance();
        }).ConfigureAwait(false);

        if (context.Interactive && !context.Print.IsJson)
        {
            await context.Terminal.Progress().StartAsync(async progress =>
            {
                var bar = progress.AddTask("submitting " + entries.Count + " tasks", maxValue: entries.Count);
                await SubmitAll(() => bar.Increment(1)).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        else
        {
            await SubmitAll(() => { }).ConfigureAwait(false);
        }

        foreach (var outcome in outcomes)
        {
            if (context.Print.IsJson)
            {
                context.Print.Item(outcome, _ => "");
            }
            else if (outcome.Error is { } problem)
            {
                await context.Error.WriteLineAsync(outcome.Where + (outcome.Id is null ? "" : " (" + outcome.Id + ")") + ": " + problem).ConfigureAwait(false);
            }
        }

        var refused = outcomes.Where(outcome => outcome.Failure is not null).ToList();
        context.Print.Note("submitted " + entries.Count + " tasks: " + outcomes.Count(outcome => outcome.Created == true) + " created, " +
            outcomes.Count(outcome => outcome.Created == false) + " already existed, " + refused.Count + " refused");
        if (refused.Count > 0)
        {
            return ExitCodes.Of(refused[0].Failure!);
        }

        return wait ? await WaitAllAsync(context, outcomes.Select(outcome => outcome.Id!).ToList(), parallel).ConfigureAwait(false) : ExitCodes.Ok;
    }

    private static async Task<BatchOutcome> SubmitAsync(SchedulerHttpClient client, TaskFile.Entry entry, CancellationToken cancellationToken)
    {
        try
        {
            var submitted = await client.SubmitAsync(entry.Spec, cancellationToken).ConfigureAwait(false);
            return new BatchOutcome(entry.Where, submitted.Task.Id, submitted.Created, submitted.Task.State, null) { Failure = null };
        }
        catch (Exception failure) when (failure is SchedulerProblemException or HttpRequestException or TimeoutException)
        {
            var problem = failure is SchedulerProblemException refusal ? refusal.Problem : new ApiProblem { Title = "The request failed", Detail = failure.Message };
            return new BatchOutcome(entry.Where, entry.Spec.Id, null, null, problem) { Failure = failure };
        }
    }

    private static async Task<int> WaitAllAsync(CliContext context, List<string> ids, ParallelOptions parallel)
    {
        var unsuccessful = 0;
        await Parallel.ForEachAsync(ids, parallel, async (id, cancel) =>
        {
            var ended = await context.Client.WaitAsync(id, cancel).ConfigureAwait(false);
            lock (context)
            {
                context.Print.Item(ended, Tables.TaskLine);
            }

            if (ended.State != TaskState.Succeeded)
            {
                Interlocked.Increment(ref unsuccessful);
            }
        }).ConfigureAwait(false);

        context.Print.Note(ids.Count - unsuccessful + " of " + ids.Count + " tasks succeeded");
        return unsuccessful == 0 ? ExitCodes.Ok : ExitCodes.TaskDidNotSucceed;
    }
}
