using System.Runtime.CompilerServices;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;

namespace Scheduler.Client;

/// <summary>Conveniences over <see cref="ISchedulerClient"/>: every page of a listing, and waiting for a task to end.</summary>
public static class SchedulerClientExtensions
{
    /// <summary>Every task the query matches, page after page (<see cref="TaskQuery.Limit"/> per request).</summary>
    public static IAsyncEnumerable<TaskView> ListAllAsync(this ISchedulerClient client, TaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        return Pages(query.After, after => client.ListAsync(query with { After = after }, cancellationToken), page => (page.Tasks, page.Next), cancellationToken);
    }

    /// <summary>Every schedule the query matches, page after page (<see cref="ScheduleQuery.Limit"/> per request).</summary>
    public static IAsyncEnumerable<ScheduleView> ListAllSchedulesAsync(this ISchedulerClient client, ScheduleQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        return Pages(query.After, after => client.ListSchedulesAsync(query with { After = after }, cancellationToken),
            page => (page.Schedules, page.Next), cancellationToken);
    }

    /// <summary>Waits until the task has ended (finished or deleted) and returns it as it ended.</summary>
    public static async Task<TaskView> WaitAsync(this ISchedulerClient client, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        TaskView? last = null;
        await foreach (var view in client.WatchAsync(id, cancellationToken).ConfigureAwait(false))
        {
            last = view;
        }

        return last ?? throw new InvalidOperationException("the watch of task '" + id + "' ended without a state");
    }

    private static async IAsyncEnumerable<TItem> Pages<TPage, TItem>(string? after, Func<string?, Task<TPage>> read,
        Func<TPage, (IReadOnlyList<TItem> Items, string? Next)> open, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (items, next) = open(await read(after).ConfigureAwait(false));
            foreach (var item in items)
            {
                yield return item;
            }

            after = next;
        }
        while (after is not null);
    }
}
