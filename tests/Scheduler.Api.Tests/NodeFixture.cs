
namespace Scheduler.Api.Tests;

/// <summary>One running node (with a token) shared by the specs of a class.</summary>
public sealed class NodeFixture : IAsyncLifetime
{
    private RunningNode? _node;

    public RunningNode Node => _node ?? throw new InvalidOperationException("the node has not started");

    public async Task InitializeAsync() => _node = await RunningNode.StartAsync();

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    /// <summary>
    /// Every task and schedule in the journal: a request that changed nothing leaves this as it was. (The node's own
    /// actors, such as the shard coordinators, write in the background and are left out.)
    /// </summary>
    public async Task<IReadOnlyList<string>> JournalIdsAsync()
    {
        var ids = new List<string>();
        await foreach (var id in Persistence.Persistence.Get(Node.Node.System).ReadJournal.CurrentPersistenceIds())
        {
            if (id.StartsWith("task-", StringComparison.Ordinal) || id.StartsWith("schedule-", StringComparison.Ordinal))
            {
                ids.Add(id);
            }
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }
}
