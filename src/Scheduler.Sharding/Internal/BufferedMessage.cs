using Scheduler.Actors;

namespace Scheduler.Sharding.Internal;

/// <summary>A message held with its sender until it can be delivered.</summary>
internal readonly record struct BufferedMessage(object Message, IActorRef Sender);
