namespace Scheduler.Engine.Tests.MultiNode;

/// <summary>Multi-node specs start several processes each; on two cores they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiNodeCollection
{
    public const string Name = "multi-node";
}
