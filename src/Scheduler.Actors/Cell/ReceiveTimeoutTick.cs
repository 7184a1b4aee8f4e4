namespace Scheduler.Actors;

/// <summary>A receive-timeout check; see ActorCell.ReceiveTimeout.</summary>
internal sealed record ReceiveTimeoutTick(int Generation) : IInternalMessage, INotInfluenceReceiveTimeout;
